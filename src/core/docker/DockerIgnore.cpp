#include "docker/DockerIgnore.h"

namespace stagehand {

QString DockerIgnore::clean(const QString &path)
{
    QStringList out;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (!out.isEmpty())
                out.removeLast();
            continue;
        }
        out.append(part);
    }
    return out.join(QLatin1Char('/'));
}

QRegularExpression DockerIgnore::toRegex(const QString &pattern)
{
    QString rx = QStringLiteral("^");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('*')) {
            if (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('*')) {
                ++i;
                if (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('/')) {
                    ++i;
                    rx += QStringLiteral("(.*/)?"); // "**/": zero or more directories
                } else {
                    rx += QStringLiteral(".*");
                }
            } else {
                rx += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            rx += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = pattern.indexOf(QLatin1Char(']'), i + 1);
            if (close < 0) {
                rx += QStringLiteral("\\[");
                continue;
            }
            QString cls = pattern.mid(i + 1, close - i - 1);
            if (cls.startsWith(QLatin1Char('^')) || cls.startsWith(QLatin1Char('!')))
                cls = QLatin1Char('^') + cls.mid(1);
            rx += QLatin1Char('[') + cls.replace(QStringLiteral("\\"), QStringLiteral("\\\\")) + QLatin1Char(']');
            i = close;
        } else if (c == QLatin1Char('\\') && i + 1 < pattern.size()) {
            ++i;
            rx += QRegularExpression::escape(pattern.at(i));
        } else {
            rx += QRegularExpression::escape(c);
        }
    }
    rx += QLatin1Char('$');
    return QRegularExpression(rx);
}

DockerIgnore::DockerIgnore(const QStringList &patterns)
{
    for (QString line : patterns) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        Pattern p;
        if (line.startsWith(QLatin1Char('!'))) {
            p.exception = true;
            line = line.mid(1).trimmed();
            m_hasExceptions = true;
        }
        p.text = clean(line);
        if (p.text.isEmpty())
            continue;
        p.components = int(p.text.count(QLatin1Char('/'))) + 1;
        p.regex = toRegex(p.text);
        if (!p.regex.isValid())
            continue;
        m_patterns.append(p);
    }
}

DockerIgnore DockerIgnore::parse(const QByteArray &text)
{
    QStringList lines;
    const QList<QByteArray> raw = text.split('\n');
    for (const QByteArray &line : raw)
        lines.append(QString::fromUtf8(line));
    return DockerIgnore(lines);
}

QStringList DockerIgnore::patterns() const
{
    QStringList out;
    for (const Pattern &p : m_patterns)
        out.append(p.exception ? QLatin1Char('!') + p.text : p.text);
    return out;
}

bool DockerIgnore::isExcluded(const QString &path) const
{
    const QString file = clean(path);
    const QStringList components = file.split(QLatin1Char('/'));
    bool excluded = false;
    for (const Pattern &p : m_patterns) {
        bool match = p.regex.match(file).hasMatch();
        // Everything under a matching directory matches too.
        if (!match && p.components < components.size())
            match = p.regex.match(components.mid(0, p.components).join(QLatin1Char('/'))).hasMatch();
        if (match)
            excluded = !p.exception;
    }
    return excluded;
}

} // namespace stagehand
