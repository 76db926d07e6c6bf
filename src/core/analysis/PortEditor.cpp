#include "analysis/PortEditor.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <optional>

namespace stagehand {
namespace {

struct Span {
    qsizetype begin = 0;
    qsizetype end = 0; // exclusive
    qsizetype size() const { return end - begin; }
};

// The file as bytes: locations count bytes, as yaml-cpp does.
class Source {
public:
    explicit Source(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
    }

    const QByteArray &bytes() const { return m_bytes; }
    char at(qsizetype i) const { return i >= 0 && i < m_bytes.size() ? m_bytes.at(i) : '\0'; }
    bool atEnd(qsizetype i) const { return i >= m_bytes.size(); }
    static bool isBlank(char c) { return c == ' ' || c == '\t'; }
    bool isLineEnd(qsizetype i) const { return atEnd(i) || at(i) == '\n' || at(i) == '\r'; }

    // The offset where 1-based `line` starts, or -1.
    qsizetype lineStart(int line) const
    {
        qsizetype offset = 0;
        for (int l = 1; l < line; ++l) {
            offset = m_bytes.indexOf('\n', offset);
            if (offset < 0)
                return -1;
            ++offset;
        }
        return offset <= m_bytes.size() ? offset : -1;
    }
    qsizetype nextLine(qsizetype i) const
    {
        const qsizetype newline = m_bytes.indexOf('\n', i);
        return newline < 0 ? m_bytes.size() : newline + 1;
    }
    qsizetype columnOf(qsizetype i) const
    {
        const qsizetype newline = i > 0 ? m_bytes.lastIndexOf('\n', i - 1) : -1;
        return i - (newline + 1);
    }
    qsizetype skipBlanks(qsizetype i) const
    {
        while (isBlank(at(i)))
            ++i;
        return i;
    }
    // Blanks, line breaks and comments (in a flow collection).
    qsizetype skipSpace(qsizetype i) const
    {
        for (;;) {
            while (isBlank(at(i)) || at(i) == '\n' || at(i) == '\r')
                ++i;
            if (at(i) != '#')
                return i;
            i = nextLine(i);
        }
    }
    // The closing quote of the quoted scalar opening at `open`, on the same line; -1 if none.
    // *escaped: the scalar holds escapes ("\x", ''), so its text is not the file's characters.
    qsizetype closingQuote(qsizetype open, bool *escaped) const
    {
        const char quote = at(open);
        *escaped = false;
        for (qsizetype i = open + 1; !isLineEnd(i); ++i) {
            if (quote == '"' && at(i) == '\\') {
                *escaped = true;
                ++i;
            } else if (quote == '\'' && at(i) == '\'' && at(i + 1) == '\'') {
                *escaped = true;
                ++i;
            } else if (at(i) == quote) {
                return i;
            }
        }
        return -1;
    }
    // A plain scalar starting at i (one word: port values hold no blanks): up to a blank or a line
    // end, and in a flow collection up to a flow indicator too.
    qsizetype plainEnd(qsizetype i, bool flow) const
    {
        while (!isLineEnd(i) && !isBlank(at(i)) && !(flow && (at(i) == ',' || at(i) == ']' || at(i) == '}')))
            ++i;
        return i;
    }
    // Whether the node at i sits in a flow collection: what precedes it is '[', '{' or ',', not a
    // block sequence's '-' or a block mapping's ':'.
    bool inFlow(qsizetype i) const
    {
        for (qsizetype j = i - 1; j >= 0; --j) {
            const char c = at(j);
            if (isBlank(c) || c == '\n' || c == '\r')
                continue;
            return c == '[' || c == '{' || c == ',';
        }
        return false;
    }
    QByteArray text(Span span) const { return m_bytes.mid(span.begin, span.size()); }

private:
    QByteArray m_bytes;
};

struct Scalar {
    Span span;        // the scalar's characters, without quotes
    bool ok = false;
    QString error;
};

// A scalar (quoted or plain) at i.
Scalar scalarAt(const Source &source, qsizetype i, bool flow)
{
    Scalar result;
    const char c = source.at(i);
    if (c == '"' || c == '\'') {
        bool escaped = false;
        const qsizetype close = source.closingQuote(i, &escaped);
        if (close < 0) {
            result.error = QStringLiteral("the quoted value does not end on its line");
            return result;
        }
        if (escaped) {
            result.error = QStringLiteral("the quoted value holds escapes; edit it by hand");
            return result;
        }
        result.span = {i + 1, close};
    } else {
        result.span = {i, source.plainEnd(i, flow)};
    }
    result.ok = result.span.size() > 0;
    if (!result.ok)
        result.error = QStringLiteral("no value here");
    return result;
}

// A mapping key at i (plain or quoted): its text and the offset just after its ':', or nullopt.
std::optional<std::pair<QByteArray, qsizetype>> keyAt(const Source &source, qsizetype i)
{
    QByteArray key;
    qsizetype j = i;
    const char c = source.at(i);
    if (c == '"' || c == '\'') {
        bool escaped = false;
        const qsizetype close = source.closingQuote(i, &escaped);
        if (close < 0)
            return std::nullopt;
        key = source.bytes().mid(i + 1, close - i - 1);
        j = close + 1;
    } else {
        while (!source.isLineEnd(j) && !Source::isBlank(source.at(j)) && source.at(j) != ':' && source.at(j) != ','
               && source.at(j) != '{' && source.at(j) != '}' && source.at(j) != '[' && source.at(j) != ']')
            ++j;
        key = source.bytes().mid(i, j - i);
    }
    j = source.skipBlanks(j);
    if (source.at(j) != ':')
        return std::nullopt;
    // A plain key's ':' is followed by a blank or a line end ("8001:8001" is a short-syntax
    // string, not a key); a quoted key's may be followed by anything ({"published":8080}).
    const char after = source.at(j + 1);
    const bool quoted = c == '"' || c == '\'';
    if (!quoted && !(source.isLineEnd(j + 1) || Source::isBlank(after) || after == ',' || after == '}'))
        return std::nullopt;
    if (key.isEmpty())
        return std::nullopt;
    return std::make_pair(key, j + 1);
}

// The value of `published` in the flow mapping opening at `open`.
Scalar publishedInFlowMapping(const Source &source, qsizetype open)
{
    qsizetype i = open + 1;
    for (;;) {
        i = source.skipSpace(i);
        if (source.atEnd(i) || source.at(i) == '}')
            break;
        const auto key = keyAt(source, i);
        if (!key)
            break;
        i = source.skipSpace(key->second);
        if (key->first == "published") {
            Scalar value = scalarAt(source, i, true);
            if (!value.ok && value.error.isEmpty())
                value.error = QStringLiteral("`published` has no value");
            return value;
        }
        // Skip the value: a scalar here (port mappings hold no nested collections).
        if (source.at(i) == '"' || source.at(i) == '\'') {
            bool escaped = false;
            const qsizetype close = source.closingQuote(i, &escaped);
            if (close < 0)
                break;
            i = close + 1;
        } else {
            i = source.plainEnd(i, true);
        }
        i = source.skipSpace(i);
        if (source.at(i) != ',')
            break;
        ++i;
    }
    Scalar none;
    none.error = QStringLiteral("this port mapping has no `published` key");
    return none;
}

// The value of `published` in the block mapping whose first key is at `first`.
Scalar publishedInBlockMapping(const Source &source, qsizetype first)
{
    const qsizetype keyColumn = source.columnOf(first);
    qsizetype i = first;
    for (;;) {
        if (const auto key = keyAt(source, i); key && key->first == "published") {
            const qsizetype value = source.skipBlanks(key->second);
            if (source.isLineEnd(value) || source.at(value) == '#') {
                Scalar none;
                none.error = QStringLiteral("the value of `published` is not on its key's line; edit it by hand");
                return none;
            }
            return scalarAt(source, value, false);
        }
        // The next line holding a key of this mapping: same indentation; less ends the mapping.
        qsizetype line = source.nextLine(i);
        for (;;) {
            if (source.atEnd(line)) {
                Scalar none;
                none.error = QStringLiteral("this port mapping has no `published` key");
                return none;
            }
            const qsizetype content = source.skipBlanks(line);
            if (source.isLineEnd(content) || source.at(content) == '#') {
                line = source.nextLine(line);
                continue;
            }
            const qsizetype indent = content - line;
            if (indent < keyColumn) {
                Scalar none;
                none.error = QStringLiteral("this port mapping has no `published` key");
                return none;
            }
            if (indent == keyColumn) {
                i = content;
                break;
            }
            line = source.nextLine(line);
        }
    }
}

// The ':'-separated parts of a short-syntax port, ignoring ':' inside ${...} and [...].
QList<Span> splitShortSyntax(const Source &source, Span span)
{
    QList<Span> parts;
    qsizetype partStart = span.begin;
    int braces = 0;
    bool bracket = false;
    for (qsizetype i = span.begin; i < span.end; ++i) {
        const char c = source.at(i);
        if (c == '$' && source.at(i + 1) == '$') {
            ++i;
        } else if (c == '$' && source.at(i + 1) == '{') {
            ++braces;
            ++i;
        } else if (c == '}' && braces > 0) {
            --braces;
        } else if (braces == 0 && c == '[') {
            bracket = true;
        } else if (braces == 0 && c == ']') {
            bracket = false;
        } else if (braces == 0 && !bracket && c == ':') {
            parts.append({partStart, i});
            partStart = i + 1;
        }
    }
    parts.append({partStart, span.end});
    return parts;
}

// The short syntax's end without its "/protocol" suffix.
qsizetype withoutProtocol(const Source &source, Span span)
{
    int braces = 0;
    qsizetype slash = -1;
    for (qsizetype i = span.begin; i < span.end; ++i) {
        const char c = source.at(i);
        if (c == '$' && source.at(i + 1) == '{') {
            ++braces;
            ++i;
        } else if (c == '}' && braces > 0) {
            --braces;
        } else if (c == '/' && braces == 0) {
            slash = i;
        }
    }
    return slash < 0 ? span.end : slash;
}

std::optional<std::pair<int, int>> parsePortRange(const QString &text)
{
    static const QRegularExpression range(QStringLiteral("^(\\d+)(?:-(\\d+))?$"));
    const QRegularExpressionMatch match = range.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const int first = match.captured(1).toInt();
    const int last = match.captured(2).isEmpty() ? first : match.captured(2).toInt();
    return std::make_pair(first, last);
}

QString rangeText(int first, int last)
{
    return last > first ? QStringLiteral("%1-%2").arg(first).arg(last) : QString::number(first);
}

} // namespace

PortEditor::PortEditor(QHash<QString, QString> setVariables)
    : m_setVariables(std::move(setVariables))
{
}

PortEdit PortEditor::prepare(const QString &text, const SourceLocation &where, int fromPort, int fromPortEnd, int toPort) const
{
    PortEdit edit;
    edit.file = where.file;
    edit.originalText = text;
    if (fromPortEnd < fromPort)
        fromPortEnd = fromPort;
    const int toPortEnd = toPort + (fromPortEnd - fromPort);
    const QString fromText = rangeText(fromPort, fromPortEnd);
    const QString toText = rangeText(toPort, toPortEnd);
    const QString place = where.toString();
    const auto fail = [&edit, &place](const QString &why) {
        edit.error = place + QStringLiteral(": ") + why;
        edit.newText.clear();
        return edit;
    };
    if (toPort < 1 || toPortEnd > 65535)
        return fail(QStringLiteral("%1 is not a valid host port").arg(toText));

    const Source source(text.toUtf8());
    const qsizetype lineStart = where.line > 0 ? source.lineStart(where.line) : -1;
    if (lineStart < 0 || where.column < 1)
        return fail(QStringLiteral("the file has no such line (has it changed since it was loaded?)"));
    const qsizetype entry = lineStart + where.column - 1;
    if (entry >= source.nextLine(lineStart) || source.isLineEnd(entry))
        return fail(QStringLiteral("the line has no such column (has the file changed since it was loaded?)"));

    // Find the published port's characters: the host part of a short-syntax string, or the value
    // of a long-syntax mapping's `published`.
    Span hostPart;
    const char first = source.at(entry);
    const auto key = first == '{' ? std::nullopt : keyAt(source, entry);
    if (first == '{' || key) {
        const Scalar value = first == '{' ? publishedInFlowMapping(source, entry) : publishedInBlockMapping(source, entry);
        if (!value.ok)
            return fail(value.error);
        hostPart = value.span;
    } else {
        const Scalar value = scalarAt(source, entry, source.inFlow(entry));
        if (!value.ok)
            return fail(value.error);
        const QList<Span> parts = splitShortSyntax(source, {value.span.begin, withoutProtocol(source, value.span)});
        if (parts.size() == 1) {
            if (source.text(parts.first()).contains('$'))
                return fail(QStringLiteral("the whole port entry '%1' comes from a variable; set that variable instead")
                                .arg(QString::fromUtf8(source.text(value.span))));
            return fail(QStringLiteral("'%1' publishes no fixed host port").arg(QString::fromUtf8(source.text(value.span))));
        }
        if (parts.size() > 3)
            return fail(QStringLiteral("'%1' is not a port entry this editor understands").arg(QString::fromUtf8(source.text(value.span))));
        hostPart = parts.at(parts.size() - 2);
    }

    const QString hostText = QString::fromUtf8(source.text(hostPart));
    Span replaced = hostPart;
    if (const auto ports = parsePortRange(hostText)) {
        if (ports->first != fromPort || ports->second != fromPortEnd)
            return fail(QStringLiteral("the file says %1 where the loaded configuration has %2 (has it changed since it was loaded?)")
                            .arg(hostText, fromText));
        edit.description = QStringLiteral("%1: host port %2 → %3").arg(place, fromText, toText);
    } else {
        static const QRegularExpression withDefault(QStringLiteral("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^}]*)\\}$"));
        static const QRegularExpression variableName(QStringLiteral("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)"));
        const QRegularExpressionMatch match = withDefault.match(hostText);
        const auto defaultPorts = match.hasMatch() ? parsePortRange(match.captured(3)) : std::nullopt;
        if (!defaultPorts) {
            const QRegularExpressionMatch name = variableName.match(hostText);
            if (!name.hasMatch())
                return fail(QStringLiteral("'%1' is not a host port this editor can change").arg(hostText));
            return fail(QStringLiteral("the published port comes from the variable %1 ('%2', no default to change): set %1=%3 in the "
                                       "environment's env file or the shell instead")
                            .arg(name.captured(1), hostText, toText));
        }
        const QString variable = match.captured(1);
        const bool emptyIsUnset = match.captured(2) == QLatin1String(":-");
        const auto set = m_setVariables.constFind(variable);
        if (set != m_setVariables.cend() && !(emptyIsUnset && set->isEmpty()))
            return fail(QStringLiteral("the published port comes from %1, and %2 is set in the environment's env file or the shell, "
                                       "so changing its default would change nothing: set %2=%3 there instead")
                            .arg(hostText, variable, toText));
        if (defaultPorts->first != fromPort || defaultPorts->second != fromPortEnd)
            return fail(QStringLiteral("the published port comes from %1, whose default %2 is not the %3 in use: %4 is set elsewhere "
                                       "(the env file or the shell); set %4=%5 there instead")
                            .arg(hostText, match.captured(3), fromText, variable, toText));
        const qsizetype defaultOffset = match.capturedStart(3); // ASCII up to here: bytes == characters
        replaced = {hostPart.begin + defaultOffset, hostPart.begin + defaultOffset + match.capturedLength(3)};
        edit.variable = variable;
        edit.description = QStringLiteral("%1: the published port comes from %2; changing the default of %3 from %4 to %5 "
                                          "(%3 is not set, so the default is what the environment uses)")
                               .arg(place, hostText, variable, fromText, toText);
    }

    QByteArray bytes = source.bytes();
    bytes.replace(replaced.begin, replaced.size(), toText.toUtf8());
    edit.line = where.line + int(source.bytes().left(replaced.begin).count('\n') - source.bytes().left(lineStart).count('\n'));
    edit.column = int(source.columnOf(replaced.begin)) + 1;
    edit.before = QString::fromUtf8(source.text(replaced));
    edit.after = toText;
    edit.newText = QString::fromUtf8(bytes);
    return edit;
}

PortEdit PortEditor::prepare(const PortSuggestion &suggestion) const
{
    QFile file(suggestion.location.file);
    if (!file.open(QIODevice::ReadOnly)) {
        PortEdit edit;
        edit.file = suggestion.location.file;
        edit.error = QStringLiteral("%1: cannot read: %2").arg(suggestion.location.file, file.errorString());
        return edit;
    }
    const QByteArray bytes = file.readAll();
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes) {
        PortEdit edit;
        edit.file = suggestion.location.file;
        edit.error = QStringLiteral("%1: not valid UTF-8; edit it by hand").arg(suggestion.location.file);
        return edit;
    }
    return prepare(text, suggestion.location, suggestion.fromPort, suggestion.fromPortEnd, suggestion.port);
}

PortEdit PortEditor::apply(const PortSuggestion &suggestion, bool writeFile) const
{
    PortEdit edit = prepare(suggestion);
    if (edit.ok() && writeFile) {
        QString error;
        if (!write(edit, &error))
            edit.error = error;
    }
    return edit;
}

bool PortEditor::write(const PortEdit &edit, QString *error)
{
    if (!edit.ok() || edit.newText.isNull()) {
        *error = edit.error.isEmpty() ? QStringLiteral("nothing to write") : edit.error;
        return false;
    }
    {
        QFile current(edit.file);
        if (!current.open(QIODevice::ReadOnly) || current.readAll() != edit.originalText.toUtf8()) {
            *error = QStringLiteral("%1 has changed since the edit was prepared; prepare it again").arg(edit.file);
            return false;
        }
    }
    QSaveFile file(edit.file);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(edit.file, file.errorString());
        return false;
    }
    const QByteArray bytes = edit.newText.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(edit.file, file.errorString());
        return false;
    }
    return true;
}

} // namespace stagehand
