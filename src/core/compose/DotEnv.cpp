#include "compose/DotEnv.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>
#include <utility>

namespace stagehand {

namespace {

// Blanks inside a line: compose-go's isSpace (whitespace that is not a line break).
bool isBlank(QChar c)
{
    switch (c.unicode()) {
    case u' ':
    case u'\t':
    case u'\v':
    case u'\f':
    case u'\r':
    case 0x85:
    case 0xA0:
        return true;
    default:
        return false;
    }
}

bool isKeyStart(QChar c)
{
    return c == u'_' || c.isLetter();
}

bool isKeyChar(QChar c)
{
    switch (c.unicode()) {
    case u'_':
    case u'.':
    case u'-':
    case u'[':
    case u']':
        return true;
    default:
        return c.isLetterOrNumber();
    }
}

// A value ready for interpolation, with the offset in the file of each of its characters, so that
// an error inside it points at the right line and column even in multi-line or escaped values.
struct RawValue {
    QString text;
    QList<qsizetype> offsets;

    void append(QChar c, qsizetype offset)
    {
        text.append(c);
        offsets.append(offset);
    }
};

class Parser {
public:
    Parser(QStringView text, const QString &fileName, const Interpolator::Lookup &outer)
        : m_fileName(fileName)
        , m_outer(outer)
    {
        if (text.startsWith(QChar(0xFEFF)))
            text = text.mid(1);
        // CRLF -> LF: the CR is always last on its line, so no column moves.
        m_text = text.toString();
        m_text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        m_lineStarts.append(0);
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            if (m_text[i] == u'\n')
                m_lineStarts.append(i + 1);
        }
    }

    DotEnvResult run()
    {
        const qsizetype n = m_text.size();
        while (true) {
            while (m_pos < n && m_text[m_pos].isSpace())
                ++m_pos;
            if (m_pos >= n)
                break;
            if (m_text[m_pos] == u'#') {
                m_pos = endOfLine(m_pos);
                continue;
            }
            parseStatement();
        }
        return std::move(m_result);
    }

private:
    void parseStatement()
    {
        const qsizetype n = m_text.size();
        const int line = location(m_pos).line;

        // "export " before a key (but "export" alone, or "export=...", is a key of its own).
        if (QStringView(m_text).mid(m_pos).startsWith(QLatin1String("export"))) {
            qsizetype after = m_pos + 6;
            if (after < n && isBlank(m_text[after])) {
                while (after < n && isBlank(m_text[after]))
                    ++after;
                if (after < n && m_text[after] != u'\n')
                    m_pos = after;
            }
        }

        // The key.
        const qsizetype keyStart = m_pos;
        while (m_pos < n && !isBlank(m_text[m_pos]) && m_text[m_pos] != u'=' && m_text[m_pos] != u':' && m_text[m_pos] != u'\n')
            ++m_pos;
        const QString key = m_text.mid(keyStart, m_pos - keyStart);
        if (key.isEmpty()) {
            fail(keyStart, QStringLiteral("missing variable name before '%1'").arg(m_text[keyStart]));
            return;
        }
        if (!isKeyStart(key.front())) {
            fail(keyStart, QStringLiteral("invalid variable name \"%1\": it must start with a letter or '_'").arg(key));
            return;
        }
        for (qsizetype i = 1; i < key.size(); ++i) {
            if (!isKeyChar(key[i])) {
                fail(keyStart + i, QStringLiteral("invalid character '%1' in variable name \"%2\"").arg(key[i]).arg(key));
                return;
            }
        }
        const qsizetype afterKey = m_pos;
        while (m_pos < n && isBlank(m_text[m_pos]))
            ++m_pos;

        // "KEY" alone: inherited from the outer lookup.
        if (m_pos >= n || m_text[m_pos] == u'\n') {
            if (m_outer) {
                if (std::optional<QString> value = m_outer(key))
                    add(key, std::move(*value), line);
            }
            return;
        }
        if (m_text[m_pos] != u'=' && m_text[m_pos] != u':') {
            if (!isKeyChar(m_text[m_pos])) {
                fail(m_pos, QStringLiteral("expected '=' after the variable name \"%1\"").arg(key));
                return;
            }
            const qsizetype end = indexOfSeparator(m_pos);
            const QString shown = m_text.mid(keyStart, end - keyStart).trimmed();
            fail(afterKey, QStringLiteral("invalid variable name \"%1\": it cannot contain whitespace").arg(shown));
            return;
        }
        ++m_pos; // '=' or ':'
        while (m_pos < n && isBlank(m_text[m_pos]))
            ++m_pos;

        if (m_pos < n && (m_text[m_pos] == u'"' || m_text[m_pos] == u'\'')) {
            parseQuoted(key, line);
            return;
        }

        // Unquoted: up to the end of the line, minus an inline comment (whitespace then '#').
        const qsizetype valueStart = m_pos;
        qsizetype end = endOfLine(m_pos);
        for (qsizetype i = valueStart + 1; i < end; ++i) {
            if (m_text[i] == u'#' && isBlank(m_text[i - 1])) {
                end = i;
                break;
            }
        }
        m_pos = endOfLine(m_pos);
        while (end > valueStart && m_text[end - 1].isSpace())
            --end;
        RawValue raw;
        raw.text = m_text.mid(valueStart, end - valueStart);
        raw.offsets.reserve(raw.text.size());
        for (qsizetype i = valueStart; i < end; ++i)
            raw.offsets.append(i);
        interpolateAndAdd(key, raw, valueStart, line);
    }

    void parseQuoted(const QString &key, int line)
    {
        const qsizetype n = m_text.size();
        const QChar quote = m_text[m_pos];
        const bool isDouble = quote == u'"';
        const qsizetype quoteStart = m_pos;
        RawValue raw;
        bool closed = false;
        qsizetype i = m_pos + 1;
        while (i < n) {
            const QChar c = m_text[i];
            if (c == quote) {
                closed = true;
                break;
            }
            if (c != u'\\' || i + 1 >= n) {
                raw.append(c, i);
                ++i;
                continue;
            }
            const QChar e = m_text[i + 1];
            if (e == quote) {
                raw.append(e, i);
            } else if (!isDouble) {
                // Single quotes: only \' is special.
                raw.append(c, i);
                raw.append(e, i + 1);
            } else {
                switch (e.unicode()) {
                case u'\\':
                    raw.append(u'\\', i);
                    break;
                case u'n':
                    raw.append(u'\n', i);
                    break;
                case u'r':
                    raw.append(u'\r', i);
                    break;
                case u't':
                    raw.append(u'\t', i);
                    break;
                case u'a':
                    raw.append(u'\a', i);
                    break;
                case u'b':
                    raw.append(u'\b', i);
                    break;
                case u'f':
                    raw.append(u'\f', i);
                    break;
                case u'v':
                    raw.append(u'\v', i);
                    break;
                case u'$': // "$$" is the interpolator's literal '$'
                    raw.append(u'$', i);
                    raw.append(u'$', i);
                    break;
                default: // not an escape: kept as written
                    raw.append(c, i);
                    raw.append(e, i + 1);
                    break;
                }
            }
            i += 2;
        }
        if (!closed) {
            // The rest of the file may well be the would-be value: stop reading here.
            fail(quoteStart, QStringLiteral("unterminated quoted value: the %1 opened here is never closed: add the "
                                            "closing %1 (a quoted value may span lines, but must end)").arg(quote));
            m_pos = n;
            return;
        }
        m_pos = i + 1;

        // After the closing quote: blanks, then a comment or the end of the line.
        while (m_pos < n && isBlank(m_text[m_pos]))
            ++m_pos;
        if (m_pos < n && m_text[m_pos] != u'\n' && m_text[m_pos] != u'#') {
            fail(m_pos, QStringLiteral("unexpected text after the closing %1 of the value of %2").arg(quote).arg(key));
            return;
        }
        m_pos = endOfLine(m_pos);

        if (isDouble)
            interpolateAndAdd(key, raw, quoteStart + 1, line);
        else
            add(key, std::move(raw.text), line);
    }

    void interpolateAndAdd(const QString &key, const RawValue &raw, qsizetype valueStart, int line)
    {
        const Interpolator interpolator([this](const QString &name) -> std::optional<QString> {
            const auto it = m_current.constFind(name);
            if (it != m_current.constEnd())
                return *it;
            if (m_outer)
                return m_outer(name);
            return std::nullopt;
        });
        Interpolator::Result result = interpolator.interpolate(raw.text);
        if (!result.ok) {
            const qsizetype at =
                result.errorOffset >= 0 && result.errorOffset < raw.offsets.size() ? raw.offsets[result.errorOffset] : valueStart;
            m_result.diagnostics.append(Diagnostic::error(location(at), result.error));
            return;
        }
        for (const QString &name : std::as_const(result.unset)) {
            m_result.diagnostics.append(Diagnostic::warning(
                location(valueStart), QStringLiteral("the \"%1\" variable is not set, defaulting to a blank string").arg(name)));
        }
        add(key, std::move(result.value), line);
    }

    void add(const QString &key, QString value, int line)
    {
        m_current.insert(key, value);
        m_result.entries.append(DotEnvEntry{key, std::move(value), line});
    }

    // Reports an error at offset and skips the rest of the line.
    void fail(qsizetype offset, const QString &message)
    {
        m_result.diagnostics.append(Diagnostic::error(location(offset), message));
        m_pos = endOfLine(m_pos);
    }

    qsizetype endOfLine(qsizetype from) const
    {
        const qsizetype end = m_text.indexOf(u'\n', from);
        return end < 0 ? m_text.size() : end;
    }

    qsizetype indexOfSeparator(qsizetype from) const
    {
        const qsizetype end = endOfLine(from);
        for (qsizetype i = from; i < end; ++i) {
            if (m_text[i] == u'=' || m_text[i] == u':')
                return i;
        }
        return end;
    }

    SourceLocation location(qsizetype offset) const
    {
        const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
        const qsizetype lineIndex = (it - m_lineStarts.cbegin()) - 1;
        return SourceLocation{m_fileName, int(lineIndex + 1), int(offset - m_lineStarts[lineIndex] + 1)};
    }

    QString m_text;
    QString m_fileName;
    const Interpolator::Lookup &m_outer;
    QList<qsizetype> m_lineStarts;
    qsizetype m_pos = 0;
    QHash<QString, QString> m_current; // the keys read so far, for interpolation
    DotEnvResult m_result;
};

} // namespace

QMap<QString, QString> DotEnvResult::toMap() const
{
    QMap<QString, QString> map;
    for (const DotEnvEntry &entry : entries)
        map.insert(entry.key, entry.value);
    return map;
}

DotEnvResult DotEnv::parse(QStringView text, const QString &fileName, const Interpolator::Lookup &outer)
{
    return Parser(text, fileName, outer).run();
}

DotEnvResult DotEnv::load(const QString &path, const Interpolator::Lookup &outer)
{
    DotEnvResult result;
    const QFileInfo info(path);
    if (!info.exists()) {
        result.diagnostics.append(
            Diagnostic::error(SourceLocation{path, 0, 0}, QStringLiteral("env file %1 not found").arg(path)));
        return result;
    }
    if (info.isDir()) {
        result.diagnostics.append(
            Diagnostic::error(SourceLocation{path, 0, 0}, QStringLiteral("env file %1 is a directory").arg(path)));
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.diagnostics.append(Diagnostic::error(SourceLocation{path, 0, 0},
                                                    QStringLiteral("cannot read env file %1: %2").arg(path, file.errorString())));
        return result;
    }
    const QByteArray bytes = file.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        result.diagnostics.append(
            Diagnostic::error(SourceLocation{path, 0, 0}, QStringLiteral("env file %1 is not valid UTF-8").arg(path)));
        return result;
    }
    return parse(text, path, outer);
}

} // namespace stagehand
