#include "lint/LintFixer.h"

#include "compose/YamlReader.h"
#include "lint/LintRule.h"

#include <QFile>
#include <QHash>
#include <QSaveFile>

#include <algorithm>
#include <tuple>

namespace stagehand {
namespace {

const QString Loopback = QStringLiteral("127.0.0.1");

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

bool isAllInterfaces(const QString &hostIp)
{
    return hostIp.isEmpty() || hostIp == QLatin1String("0.0.0.0") || hostIp == QLatin1String("::") || hostIp == QLatin1String("[::]");
}

// The port entry (an item of some services.*.ports) at a location, or null.
const YamlNode *portEntryAt(const YamlNode &root, const SourceLocation &where)
{
    const YamlNode *services = root.isMapping() ? root.find(u"services") : nullptr;
    if (!services || !services->isMapping())
        return nullptr;
    for (const YamlNode::Entry &service : services->entries()) {
        const YamlNode *ports = service.value.isMapping() ? service.value.find(u"ports") : nullptr;
        if (!ports || !ports->isSequence())
            continue;
        for (const YamlNode &item : ports->items()) {
            if (item.location().line == where.line && item.location().column == where.column)
                return &item;
        }
    }
    return nullptr;
}

// The short syntax split at the colons that separate host address, host port and container port;
// colons inside ${...} and [...] do not count. Each part as [begin, end).
QList<std::pair<qsizetype, qsizetype>> splitShortSyntax(const QString &text)
{
    QList<std::pair<qsizetype, qsizetype>> parts;
    int braces = 0;
    bool bracket = false;
    qsizetype begin = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'$' && i + 1 < text.size() && text.at(i + 1) == u'{') {
            ++braces;
            ++i;
        } else if (c == u'}' && braces > 0) {
            --braces;
        } else if (c == u'[' && braces == 0) {
            bracket = true;
        } else if (c == u']' && braces == 0) {
            bracket = false;
        } else if (c == u':' && braces == 0 && !bracket) {
            parts.append({begin, i});
            begin = i + 1;
        }
    }
    parts.append({begin, text.size()});
    return parts;
}

// The byte offset of 1-based line:column in content, or -1.
qsizetype offsetOf(const QByteArray &content, int line, int column)
{
    if (line < 1 || column < 1)
        return -1;
    qsizetype offset = 0;
    for (int l = 1; l < line; ++l) {
        offset = content.indexOf('\n', offset);
        if (offset < 0)
            return -1;
        ++offset;
    }
    offset += column - 1;
    return offset <= content.size() ? offset : -1;
}

std::optional<LintFix> shortSyntaxFix(const YamlNode &entry, const PortMapping &port)
{
    if (entry.textColumn() <= 0)
        return std::nullopt; // escaped, folded or spread over lines: not the file's characters
    const QString &raw = entry.text();
    const auto parts = splitShortSyntax(raw);
    auto part = [&](qsizetype i) { return raw.mid(parts.at(i).first, parts.at(i).second - parts.at(i).first); };
    QString replacement;
    if (port.hostIp.isEmpty() && parts.size() == 1 && !port.isPublished() && !raw.contains(u'$')) {
        replacement = Loopback + QStringLiteral("::") + raw;
    } else if (port.hostIp.isEmpty() && parts.size() == 2 && port.isPublished()) {
        replacement = Loopback + u':' + raw;
    } else if (parts.size() == 3 && !part(0).contains(u'$')) {
        replacement = Loopback + raw.mid(parts.at(0).second);
    } else {
        return std::nullopt;
    }
    LintFix fix;
    fix.file = entry.location().file;
    fix.line = entry.location().line;
    fix.column = entry.textColumn();
    fix.oldText = raw;
    fix.newText = replacement;
    return fix;
}

std::optional<LintFix> longSyntaxFix(const YamlNode &entry, const QByteArray &content)
{
    if (entry.entries().empty())
        return std::nullopt;
    if (const YamlNode::Entry *hostIp = entry.findEntry(u"host_ip")) {
        const YamlNode &value = hostIp->value;
        if (!value.isScalar() || value.textColumn() <= 0 || value.text().contains(u'$'))
            return std::nullopt;
        LintFix fix;
        fix.file = value.location().file;
        fix.line = value.location().line;
        fix.column = value.textColumn();
        fix.oldText = value.text();
        fix.newText = Loopback;
        return fix;
    }
    // No host_ip: insert one before the first key, in the mapping's own style.
    const SourceLocation key = entry.entries().front().keyLocation;
    const qsizetype offset = offsetOf(content, key.line, key.column);
    if (offset < 0)
        return std::nullopt;
    qsizetype before = offset - 1;
    while (before >= 0 && (content.at(before) == ' ' || content.at(before) == '\t'))
        --before;
    const bool flow = before >= 0 && (content.at(before) == '{' || content.at(before) == ',');
    if (!flow && before >= 0 && content.at(before) != '-' && content.at(before) != '\n')
        return std::nullopt; // a layout this does not know
    LintFix fix;
    fix.file = key.file;
    fix.line = key.line;
    fix.column = key.column;
    fix.newText = flow ? QStringLiteral("host_ip: %1, ").arg(Loopback)
                       : QStringLiteral("host_ip: %1\n").arg(Loopback) + QString(key.column - 1, u' ');
    return fix;
}

} // namespace

std::optional<LintFix> LintFixer::fixFor(const Diagnostic &finding, const ComposeModel &model)
{
    if (finding.rule != LintRule::databasePortPublic() || finding.location.file.isEmpty())
        return std::nullopt;
    QFile file(finding.location.file);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return fixFor(finding, model, file.readAll());
}

std::optional<LintFix> LintFixer::fixFor(const Diagnostic &finding, const ComposeModel &model, const QByteArray &content)
{
    if (finding.rule != LintRule::databasePortPublic())
        return std::nullopt;
    // What the entry publishes, as resolved.
    const PortMapping *port = nullptr;
    for (const Service &service : model.services) {
        if (!finding.service.isEmpty() && service.name != finding.service)
            continue;
        for (const PortMapping &mapping : service.ports) {
            if (mapping.location == finding.location) {
                port = &mapping;
                break;
            }
        }
        if (port)
            break;
    }
    if (!port || !isAllInterfaces(port->hostIp))
        return std::nullopt;

    Diagnostics ignored;
    const std::optional<YamlNode> root = YamlReader::readText(content, finding.location.file, ignored);
    if (!root)
        return std::nullopt;
    const YamlNode *entry = portEntryAt(*root, finding.location);
    if (!entry)
        return std::nullopt;
    std::optional<LintFix> fix;
    if (entry->isScalar())
        fix = shortSyntaxFix(*entry, *port);
    else if (entry->isMapping())
        fix = longSyntaxFix(*entry, content);
    if (!fix)
        return std::nullopt;
    fix->file = finding.location.file;
    fix->description = port->isPublished() ? QStringLiteral("bind host port %1 to %2 only").arg(port->published).arg(Loopback)
                                           : QStringLiteral("bind the published port of container port %1 to %2 only").arg(port->target).arg(Loopback);
    // Never offer what would not apply.
    QByteArray check = content;
    if (!apply(*fix, check))
        return std::nullopt;
    return fix;
}

bool LintFixer::apply(const LintFix &fix, QByteArray &content, QString *error)
{
    const qsizetype offset = offsetOf(content, fix.line, fix.column);
    const QByteArray oldBytes = fix.oldText.toUtf8();
    if (offset < 0 || content.mid(offset, oldBytes.size()) != oldBytes) {
        setError(error, QStringLiteral("%1:%2:%3 no longer holds \"%4\": the file changed since it was checked")
                            .arg(fix.file)
                            .arg(fix.line)
                            .arg(fix.column)
                            .arg(fix.oldText));
        return false;
    }
    content.replace(offset, oldBytes.size(), fix.newText.toUtf8());
    return true;
}

bool LintFixer::write(const QList<LintFix> &fixes, QString *error)
{
    QStringList files;
    for (const LintFix &fix : fixes) {
        if (!files.contains(fix.file))
            files.append(fix.file);
    }
    for (const QString &path : std::as_const(files)) {
        QList<LintFix> mine;
        for (const LintFix &fix : fixes) {
            if (fix.file == path)
                mine.append(fix);
        }
        // From the end of the file backwards, so earlier positions stay valid.
        std::sort(mine.begin(), mine.end(),
                  [](const LintFix &a, const LintFix &b) { return std::tie(a.line, a.column) > std::tie(b.line, b.column); });
        QFile input(path);
        if (!input.open(QIODevice::ReadOnly)) {
            setError(error, QStringLiteral("cannot read %1: %2").arg(path, input.errorString()));
            return false;
        }
        QByteArray content = input.readAll();
        input.close();
        for (const LintFix &fix : std::as_const(mine)) {
            if (!apply(fix, content, error))
                return false;
        }
        QSaveFile output(path);
        if (!output.open(QIODevice::WriteOnly) || output.write(content) != content.size() || !output.commit()) {
            setError(error, QStringLiteral("cannot write %1: %2").arg(path, output.errorString()));
            return false;
        }
    }
    return true;
}

} // namespace stagehand
