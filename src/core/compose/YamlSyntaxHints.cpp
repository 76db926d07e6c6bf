#include "compose/YamlSyntaxHints.h"

#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <limits>
#include <optional>

namespace stagehand {
namespace {

using Hint = YamlSyntaxHints::Hint;

// Where a quoted scalar that opens at `open` closes: the offset after the closing quote, or -1.
template<typename Text>
qsizetype findClosingQuote(const Text &text, qsizetype open)
{
    const qsizetype n = text.size();
    if (open < 0 || open >= n)
        return -1;
    const auto quote = text[open];
    const bool isDouble = quote == u'"';
    for (qsizetype i = open + 1; i < n; ++i) {
        const auto c = text[i];
        if (isDouble && c == u'\\') {
            ++i; // whatever follows is escaped
            continue;
        }
        if (c != quote)
            continue;
        if (!isDouble && i + 1 < n && text[i + 1] == u'\'') {
            ++i; // '' is a quote inside single quotes
            continue;
        }
        return i + 1;
    }
    return -1;
}

struct Line {
    int number = 0;             // 1-based
    qsizetype start = 0;        // offset of its first character in the text
    QString text;               // without the line break
    int indent = 0;             // leading spaces
    bool content = false;       // not blank and not only a comment
    bool inBlockScalar = false; // part of the text of a | or > block scalar
};

QList<Line> splitLines(const QString &text)
{
    static const QRegularExpression blockIndicator(
        QStringLiteral("(?:^|[:-]\\s+)(?:[&!]\\S*\\s+)*[|>][-+1-9]{0,2}\\s*(?:#.*)?$"));
    QList<Line> lines;
    int blockParentIndent = -1; // >= 0 inside a block scalar opened on a line with this indentation
    qsizetype start = 0;
    int number = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        Line line;
        line.number = ++number;
        line.start = start;
        line.text = text.mid(start, end - start);
        if (line.text.endsWith(QLatin1Char('\r')))
            line.text.chop(1);
        while (line.indent < line.text.size() && line.text.at(line.indent) == QLatin1Char(' '))
            ++line.indent;
        const QStringView rest = QStringView(line.text).mid(line.indent).trimmed();
        line.content = !rest.isEmpty() && !rest.startsWith(QLatin1Char('#'));
        if (blockParentIndent >= 0) {
            if (rest.isEmpty() || line.indent > blockParentIndent) {
                line.inBlockScalar = true;
                line.content = false;
            } else {
                blockParentIndent = -1;
            }
        }
        if (line.content && blockIndicator.match(QStringView(line.text).mid(line.indent)).hasMatch())
            blockParentIndent = line.indent;
        lines.append(line);
        start = end + 1;
    }
    return lines;
}

QString plural(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

// --- a tab in the indentation ---------------------------------------------------------------------

std::optional<Hint> tabHint(const QList<Line> &lines, int stopLine)
{
    for (const Line &line : lines) {
        if (stopLine > 0 && line.number > stopLine)
            break;
        if (line.inBlockScalar)
            continue;
        qsizetype i = 0;
        qsizetype firstTab = -1;
        while (i < line.text.size() && (line.text.at(i) == QLatin1Char(' ') || line.text.at(i) == QLatin1Char('\t'))) {
            if (line.text.at(i) == QLatin1Char('\t') && firstTab < 0)
                firstTab = i;
            ++i;
        }
        if (firstTab < 0 || i >= line.text.size() || line.text.at(i) == QLatin1Char('#'))
            continue;
        return Hint{line.number, int(firstTab) + 1,
                    QStringLiteral("this line is indented with a tab character; YAML indentation must use spaces only")};
    }
    return std::nullopt;
}

// --- a quote or a flow bracket left open -----------------------------------------------------------

class OpenScanner {
public:
    OpenScanner(const QString &text, const QList<Line> &lines)
        : m_text(text), m_lines(lines)
    {
    }

    // Reads the document up to (stopLine, stopColumn) and reports a quoted value that does not end
    // where it plausibly should, or a '[' / '{' still open there.
    std::optional<Hint> run(int stopLine, int stopColumn, bool flowError)
    {
        struct Opener {
            QChar bracket;
            int line;
            int column;
        };
        QList<Opener> flow;
        for (qsizetype li = 0; li < m_lines.size(); ++li) {
            const Line &line = m_lines.at(li);
            if (stopLine > 0 && line.number > stopLine)
                break;
            if (line.inBlockScalar || !line.content)
                continue;
            bool valueStart = true;
            qsizetype i = line.indent;
            const qsizetype n = line.text.size();
            while (i < n) {
                if (line.number == stopLine && stopColumn > 0 && i + 1 >= stopColumn)
                    break;
                const QChar c = line.text.at(i);
                const QChar next = i + 1 < n ? line.text.at(i + 1) : QChar(u' ');
                if (c == u' ' || c == u'\t') {
                    ++i;
                    continue;
                }
                if (c == u'#' && (i == 0 || line.text.at(i - 1).isSpace()))
                    break;
                if (valueStart && (c == u'"' || c == u'\'')) {
                    const qsizetype open = line.start + i;
                    const qsizetype close = findClosingQuote(m_text, open);
                    if (close < 0)
                        return Hint{line.number, int(i) + 1,
                                    QStringLiteral("this quoted value is never closed: add the closing %1").arg(c)};
                    const qsizetype closeLine = lineIndexOf(close - 1, li);
                    if (closeLine == li) {
                        i = close - line.start;
                        valueStart = false;
                        continue;
                    }
                    // A quoted value may span lines, but then it ends at the end of a line or before
                    // ':', ',', ']', '}' or a comment; text right after the quote means that quote
                    // opened another value and this one was never closed.
                    const Line &end = m_lines.at(closeLine);
                    qsizetype after = close - end.start;
                    while (after < end.text.size() && end.text.at(after) == u' ')
                        ++after;
                    const QChar follow = after < end.text.size() ? end.text.at(after) : QChar(u'#');
                    if (!QStringView(u"#:,]}").contains(follow))
                        return Hint{line.number, int(i) + 1,
                                    QStringLiteral("this quoted value is not closed on its line: the next %1 is on line %2, so "
                                                   "everything up to there was read as one value; add the closing %1")
                                        .arg(c)
                                        .arg(end.number)};
                    if (stopLine > 0 && end.number > stopLine)
                        return std::nullopt;
                    li = closeLine; // go on with the line after the closing quote
                    break;
                }
                if (valueStart && (c == u'[' || c == u'{')) {
                    flow.append({c, line.number, int(i) + 1});
                    ++i;
                    continue;
                }
                if (!flow.isEmpty() && (c == u']' || c == u'}')) {
                    flow.removeLast();
                    valueStart = false;
                    ++i;
                    continue;
                }
                if (!flow.isEmpty() && c == u',') {
                    valueStart = true;
                    ++i;
                    continue;
                }
                if ((c == u'-' || c == u'?') && valueStart && flow.isEmpty() && next.isSpace()) {
                    ++i;
                    continue;
                }
                if (c == u':' && (next.isSpace() || i + 1 >= n || (!flow.isEmpty() && QStringView(u",]}").contains(next)))) {
                    valueStart = true;
                    ++i;
                    continue;
                }
                if (valueStart && (c == u'&' || c == u'!')) { // an anchor or a tag before the value
                    while (i < n && !line.text.at(i).isSpace())
                        ++i;
                    continue;
                }
                valueStart = false;
                ++i;
            }
        }
        if (!flow.isEmpty() && (flowError || flow.last().line < stopLine || stopLine == 0)) {
            const Opener &open = flow.last();
            const bool list = open.bracket == u'[';
            return Hint{open.line, open.column,
                        list ? QStringLiteral("this '[' list is never closed: add the ']' that ends it")
                             : QStringLiteral("this '{' mapping is never closed: add the '}' that ends it")};
        }
        return std::nullopt;
    }

private:
    qsizetype lineIndexOf(qsizetype offset, qsizetype from) const
    {
        qsizetype li = from;
        while (li + 1 < m_lines.size() && m_lines.at(li + 1).start <= offset)
            ++li;
        return li;
    }

    const QString &m_text;
    const QList<Line> &m_lines;
};

// --- indentation -----------------------------------------------------------------------------------

QStringView withoutComment(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'#' && (i == 0 || text.at(i - 1).isSpace()))
            return text.first(i).trimmed();
    }
    return text.trimmed();
}

bool isDashItem(const Line &line)
{
    const QStringView rest = QStringView(line.text).mid(line.indent);
    return rest == u"-" || rest.startsWith(u"- ");
}

int dashContentIndent(const Line &line)
{
    int i = line.indent + 1;
    while (i < line.text.size() && line.text.at(i) == u' ')
        ++i;
    return i;
}

bool isKeyEntry(QStringView text)
{
    static const QRegularExpression key(QStringLiteral("^(?:[^\\s'\"#-][^#]*?|-[^\\s#][^#]*?|\"[^\"]*\"|'[^']*')\\s*:(?:\\s|$)"));
    return key.match(text).hasMatch();
}

// A line after which a more indented line is expected: "key:", "- ", "key: &anchor", "[" ...
bool opensBlock(const Line &line)
{
    QStringView rest = withoutComment(QStringView(line.text).mid(line.indent));
    if (rest == u"-" || rest.endsWith(u':') || rest.endsWith(u'[') || rest.endsWith(u'{') || rest.endsWith(u','))
        return true;
    static const QRegularExpression propertyOnly(QStringLiteral("(?:^|:\\s+|-\\s+)(?:[&!]\\S*\\s*)+$"));
    return propertyOnly.match(rest).hasMatch();
}

QString levelList(QList<int> levels)
{
    std::sort(levels.begin(), levels.end());
    QStringList words;
    for (int level : levels)
        words.append(QString::number(level));
    if (words.size() == 1)
        return words.first();
    const QString last = words.takeLast();
    return words.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

std::optional<Hint> indentationHintAt(const QList<Line> &lines, qsizetype t)
{
    const Line &line = lines.at(t);
    if (!line.content || line.inBlockScalar)
        return std::nullopt;
    qsizetype p = t - 1;
    while (p >= 0 && (!lines.at(p).content || lines.at(p).inBlockScalar))
        --p;
    if (p < 0)
        return std::nullopt;
    const Line &before = lines.at(p);
    if (opensBlock(before))
        return std::nullopt;
    const bool siblingOfDashKey = isDashItem(before) && isKeyEntry(QStringView(before.text).mid(dashContentIndent(before)))
                                  && line.indent == dashContentIndent(before);
    if (line.indent > before.indent && !siblingOfDashKey) {
        return Hint{line.number, line.indent + 1,
                    QStringLiteral("this line is indented more (%1) than the line before it (%2), but line %3 already has "
                                   "a value, so nothing can be nested under it: indent it like line %3")
                        .arg(plural(line.indent, "space", "spaces"), plural(before.indent, "space", "spaces"))
                        .arg(before.number)};
    }
    // The indentations a line may return to: those of the lines it could continue.
    QList<int> levels;
    int threshold = std::numeric_limits<int>::max();
    for (qsizetype k = p; k >= 0; --k) {
        const Line &l = lines.at(k);
        if (!l.content || l.inBlockScalar || l.indent >= threshold)
            continue;
        if (isDashItem(l) && dashContentIndent(l) < threshold && isKeyEntry(QStringView(l.text).mid(dashContentIndent(l))))
            levels.append(dashContentIndent(l));
        if (!levels.contains(l.indent))
            levels.append(l.indent);
        threshold = l.indent;
        if (threshold == 0)
            break;
    }
    if (levels.contains(line.indent) || levels.isEmpty())
        return std::nullopt;
    return Hint{line.number, line.indent + 1,
                QStringLiteral("this line is indented %1, which lines up with none of the lines above it (they use %2 "
                               "spaces): YAML nests by indentation, so indent it exactly like the key it belongs with")
                    .arg(plural(line.indent, "space", "spaces"), levelList(levels))};
}

std::optional<Hint> indentationHint(const QList<Line> &lines, int errorLine)
{
    if (errorLine <= 0 || errorLine > lines.size())
        return std::nullopt;
    qsizetype t = errorLine - 1;
    if (auto hint = indentationHintAt(lines, t))
        return hint;
    // The parser often notices a bad line only at the next one.
    qsizetype p = t - 1;
    while (p >= 0 && (!lines.at(p).content || lines.at(p).inBlockScalar))
        --p;
    if (p >= 0)
        return indentationHintAt(lines, p);
    return std::nullopt;
}

// --- the parser's own words, explained ----------------------------------------------------------------

QString explainRaw(const QString &raw)
{
    struct Known {
        const char *prefix;
        const char *explanation;
    };
    static const Known known[] = {
        {"end of map not found", "the mapping breaks off here: check the indentation of this line and the one "
                                 "before it, and that every quote and bracket above is closed"},
        {"end of sequence not found", "the list breaks off here: every '- ' item of a list must be indented alike"},
        {"end of map flow not found", "a '{' mapping is not closed with '}'"},
        {"end of sequence flow not found", "a '[' list is not closed with ']'"},
        {"illegal map value", "unexpected ':' here: quote a value that contains ': ', or check the indentation of "
                              "this line"},
        {"illegal block entry", "a '- ' list item where no list can start: check its indentation"},
        {"illegal tab when looking for indentation", "a tab character in the indentation; YAML indentation must use "
                                                      "spaces only"},
        {"the referenced anchor is not defined", "this alias (*name) refers to an anchor (&name) that is not defined "
                                                 "above it"},
        {"illegal EOF in scalar", "the file ends inside a value: a quote is probably not closed"},
        {"illegal document indicator in scalar", "a '---' or '...' line inside a value: a quote is probably not closed"},
        {"illegal flow end", "a ']' or '}' that closes nothing"},
        {"illegal map key", "a key where none can be: check the indentation and the quotes of this line"},
        {"unknown token", "a character that cannot start a value here: quote the value"},
        {"alias not found after *", "a '*' must be followed by an anchor name (or quote the value)"},
        {"anchor not found after &", "a '&' must be followed by an anchor name (or quote the value)"},
    };
    for (const Known &k : known) {
        if (raw.startsWith(QLatin1String(k.prefix)))
            return QLatin1String(k.explanation);
    }
    static const QLatin1String unexpected("unexpected '");
    if (raw.startsWith(unexpected) && raw.size() == unexpected.size() + 2) {
        return QStringLiteral("a '%1' where no value can start: quote the value that holds it, or remove the '%1'")
            .arg(raw.at(unexpected.size()));
    }
    static const QLatin1String unknownEscape("unknown escape character: ");
    if (raw.startsWith(unknownEscape)) {
        return QStringLiteral("unknown escape '\\%1' in a double-quoted value: write '\\\\' for a backslash, or use "
                              "single quotes, which have no escapes")
            .arg(raw.mid(unknownEscape.size()));
    }
    return raw.isEmpty() ? QStringLiteral("the file is not valid YAML") : raw;
}

} // namespace

qsizetype YamlSyntaxHints::closingQuote(const QByteArray &utf8, qsizetype open)
{
    return findClosingQuote(utf8, open);
}

YamlSyntaxHints::Hint YamlSyntaxHints::explain(const QString &text, int line, int column, const QString &raw)
{
    const QList<Line> lines = splitLines(text);
    const bool flowError = raw.startsWith(QLatin1String("end of sequence flow")) || raw.startsWith(QLatin1String("end of map flow"));
    std::optional<Hint> hint = tabHint(lines, line);
    if (!hint)
        hint = OpenScanner(text, lines).run(line, column, flowError);
    if (!hint && !flowError)
        hint = indentationHint(lines, line);
    if (!hint) {
        hint = Hint{line, column, explainRaw(raw)};
        // Name the alias that refers to nothing.
        if (raw.startsWith(QLatin1String("the referenced anchor is not defined")) && line > 0 && line <= lines.size() && column > 0) {
            const QString &t = lines.at(line - 1).text;
            qsizetype star = column - 1;
            if (star < t.size() && t.at(star) == QLatin1Char('*')) {
                qsizetype end = star + 1;
                while (end < t.size() && !t.at(end).isSpace() && !QStringView(u",]}").contains(t.at(end)))
                    ++end;
                const QString name = t.mid(star + 1, end - star - 1);
                hint->message = QStringLiteral("the alias *%1 refers to an anchor &%1 that is not defined above it "
                                               "(define '&%1' on the value to reuse, before this line)").arg(name);
            }
        }
        // An unknown escape is reported after it: point at its backslash.
        if (raw.startsWith(QLatin1String("unknown escape character")) && line > 0 && line <= lines.size() && column > 1) {
            const QString &t = lines.at(line - 1).text;
            const qsizetype backslash = t.lastIndexOf(QLatin1Char('\\'), std::min<qsizetype>(column - 1, t.size() - 1));
            if (backslash >= 0)
                hint->column = int(backslash) + 1;
        }
    }
    hint->message = QStringLiteral("invalid YAML: ") + hint->message;
    return *hint;
}

} // namespace stagehand
