#include "compose/ShellWords.h"

namespace stagehand {

std::optional<QStringList> ShellWords::split(QStringView text, QString *error)
{
    QStringList words;
    QString current;
    bool inWord = false;
    enum class Quote { None, Single, Double } quote = Quote::None;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        switch (quote) {
        case Quote::Single:
            if (c == QLatin1Char('\''))
                quote = Quote::None;
            else
                current += c;
            continue;
        case Quote::Double:
            if (c == QLatin1Char('"')) {
                quote = Quote::None;
            } else if (c == QLatin1Char('\\') && i + 1 < text.size()
                       && QStringView(u"\"\\$`\n").contains(text[i + 1])) {
                current += text[++i];
            } else {
                current += c;
            }
            continue;
        case Quote::None:
            break;
        }
        if (c.isSpace()) {
            if (inWord) {
                words.append(current);
                current.clear();
                inWord = false;
            }
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\'')) {
            quote = Quote::Single;
        } else if (c == QLatin1Char('"')) {
            quote = Quote::Double;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 >= text.size()) {
                if (error)
                    *error = QStringLiteral("the command ends with a lone backslash");
                return std::nullopt;
            }
            current += text[++i];
        } else {
            current += c;
        }
    }
    if (quote != Quote::None) {
        if (error)
            *error = QStringLiteral("the command has an unterminated %1 quote")
                         .arg(quote == Quote::Single ? QStringLiteral("single") : QStringLiteral("double"));
        return std::nullopt;
    }
    if (inWord)
        words.append(current);
    return words;
}

} // namespace stagehand
