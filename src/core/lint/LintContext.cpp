#include "lint/LintContext.h"

#include "compose/DotEnv.h"
#include "compose/YamlReader.h"
#include "lint/LintJson.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace stagehand {
namespace {

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\r' || c == u'\v' || c == u'\f';
}

const YamlNode *child(const YamlNode *node, const QString &key)
{
    return node && node->isMapping() ? node->find(key) : nullptr;
}

// The location of a scalar's text: its first character when the file holds it verbatim.
SourceLocation textLocation(const YamlNode &node, int offset = 0)
{
    SourceLocation where = node.location();
    if (node.textColumn() > 0)
        where.column = node.textColumn() + offset;
    return where;
}

// The variable a value consists of alone: $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ...
QString soleReference(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\$(?:([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+?][^}]*)?\\})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    return match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
}

} // namespace

LintContext::LintContext(const Project &project, const ResolvedEnvironment &resolved, const QProcessEnvironment &shell)
    : m_project(project)
    , m_resolved(resolved)
    , m_shell(shell)
    , m_spec(project.environment(resolved.environment))
    , m_development(isDevelopmentName(resolved.environment))
{
    readComposeFiles();
    readEnvFiles();
}

bool LintContext::isDevelopmentName(const QString &environment)
{
    static const QStringList names{QStringLiteral("dev"), QStringLiteral("develop"), QStringLiteral("development"),
                                   QStringLiteral("local")};
    return names.contains(environment, Qt::CaseInsensitive);
}

bool LintContext::isLiteral(const QString &text)
{
    if (!text.contains(u'$'))
        return true;
    const Interpolator interpolator([](const QString &) -> std::optional<QString> { return std::nullopt; });
    const Interpolator::Result result = interpolator.interpolate(text);
    // A malformed expression is no literal either: the loader reports it.
    return result.ok && result.referenced.isEmpty();
}

QString LintContext::displayPath(const QString &file) const
{
    return LintJson::displayPath(file, m_project.directory);
}

QString LintContext::displayLocation(const SourceLocation &where) const
{
    if (where.line <= 0)
        return displayPath(where.file);
    return displayPath(where.file) + u':' + QString::number(where.line);
}

std::optional<QString> LintContext::lookup(const QString &name) const
{
    if (m_shell.contains(name))
        return m_shell.value(name);
    if (auto it = m_resolved.envFileVariables.constFind(name); it != m_resolved.envFileVariables.cend())
        return *it;
    return std::nullopt;
}

void LintContext::readComposeFiles()
{
    QStringList files;
    if (m_spec)
        files = m_spec->composeFiles;
    else if (m_resolved.model)
        files = m_resolved.model->files;
    for (const QString &file : std::as_const(files)) {
        Diagnostics ignored; // the loader has reported them
        if (auto root = YamlReader::readFile(file, ignored))
            m_composeFiles.append({file, std::move(*root)});
    }
}

QStringList LintContext::services() const
{
    if (m_resolved.model)
        return m_resolved.model->services.keys();
    QStringList names;
    for (const ComposeFile &file : m_composeFiles) {
        if (const YamlNode *services = child(&file.root, QStringLiteral("services")); services && services->isMapping()) {
            for (const YamlNode::Entry &entry : services->entries()) {
                if (!names.contains(entry.key))
                    names.append(entry.key);
            }
        }
    }
    return names;
}

LintEnvFile LintContext::readEnvFile(const QString &path, const Interpolator::Lookup &lookup)
{
    LintEnvFile result;
    result.path = path;
    const DotEnvResult parsed = DotEnv::load(path, lookup);
    result.diagnostics = parsed.diagnostics;
    QFile file(path);
    QStringList lines;
    if (file.open(QIODevice::ReadOnly))
        lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const DotEnvEntry &entry : parsed.entries) {
        LintEnvFileEntry out;
        out.key = entry.key;
        out.value = entry.value;
        out.location = {path, entry.line, 1};
        out.literal = false; // until the line shows a value written out
        if (entry.line >= 1 && entry.line <= lines.size()) {
            const QString &line = lines.at(entry.line - 1);
            qsizetype i = 0;
            while (i < line.size() && isBlank(line.at(i)))
                ++i;
            if (QStringView(line).mid(i).startsWith(QLatin1String("export")) && i + 6 < line.size() && isBlank(line.at(i + 6))) {
                i += 6;
                while (i < line.size() && isBlank(line.at(i)))
                    ++i;
            }
            if (QStringView(line).mid(i).startsWith(entry.key)) {
                i += entry.key.size();
                while (i < line.size() && isBlank(line.at(i)))
                    ++i;
                if (i < line.size() && (line.at(i) == u'=' || line.at(i) == u':')) {
                    ++i;
                    while (i < line.size() && isBlank(line.at(i)))
                        ++i;
                    out.location.column = int(i) + 1;
                    out.rawValue = line.mid(i);
                    while (!out.rawValue.isEmpty() && isBlank(out.rawValue.back()))
                        out.rawValue.chop(1);
                    // Single quotes: no interpolation. Otherwise the value is literal if it names no variable.
                    out.literal = out.rawValue.startsWith(u'\'') || isLiteral(out.rawValue);
                }
            }
        }
        result.entries.append(out);
    }
    return result;
}

void LintContext::readEnvFiles()
{
    const QProcessEnvironment shell = m_shell;
    const Interpolator::Lookup shellLookup = [shell](const QString &name) -> std::optional<QString> {
        if (!shell.contains(name))
            return std::nullopt;
        return shell.value(name);
    };
    QStringList seen;
    const QString interpolationFile = m_spec ? m_spec->envFile : QString();
    if (!interpolationFile.isEmpty() && QFile::exists(interpolationFile)) {
        m_envFiles.append(readEnvFile(interpolationFile, shellLookup));
        seen.append(interpolationFile);
    }
    if (!m_resolved.model)
        return;
    const QMap<QString, QString> fileVariables = m_resolved.envFileVariables;
    const Interpolator::Lookup lookup = [shell, fileVariables](const QString &name) -> std::optional<QString> {
        if (shell.contains(name))
            return shell.value(name);
        if (auto it = fileVariables.constFind(name); it != fileVariables.cend())
            return *it;
        return std::nullopt;
    };
    for (const Service &service : m_resolved.model->services) {
        for (const QString &path : service.envFiles) {
            if (seen.contains(path))
                continue;
            seen.append(path);
            m_envFiles.append(readEnvFile(path, lookup));
        }
    }
}

const LintEnvFile *LintContext::envFile(const QString &path) const
{
    for (const LintEnvFile &file : m_envFiles) {
        if (file.path == path)
            return &file;
    }
    return nullptr;
}

const LintEnvFile *LintContext::interpolationEnvFile() const
{
    return m_spec && !m_spec->envFile.isEmpty() ? envFile(m_spec->envFile) : nullptr;
}

const YamlNode *LintContext::serviceValue(const QString &service, const QString &key) const
{
    for (auto it = m_composeFiles.crbegin(); it != m_composeFiles.crend(); ++it) {
        if (const YamlNode *value = child(child(child(&it->root, QStringLiteral("services")), service), key))
            return value;
    }
    return nullptr;
}

QMap<QString, LintEnvironmentValue> LintContext::composeEnvironment(const QString &service) const
{
    QMap<QString, LintEnvironmentValue> result;
    for (const ComposeFile &file : m_composeFiles) {
        const YamlNode *environment = child(child(child(&file.root, QStringLiteral("services")), service), QStringLiteral("environment"));
        if (!environment)
            continue;
        if (environment->tag() == QLatin1String("!reset") || environment->tag() == QLatin1String("!override"))
            result.clear();
        if (environment->isMapping()) {
            for (const YamlNode::Entry &entry : environment->entries()) {
                LintEnvironmentValue value;
                value.name = entry.key;
                if (entry.value.isScalar()) {
                    value.hasValue = true;
                    value.rawValue = entry.value.text();
                    value.literal = isLiteral(value.rawValue);
                    value.location = textLocation(entry.value);
                } else {
                    value.location = entry.keyLocation;
                }
                result.insert(entry.key, value);
            }
        } else if (environment->isSequence()) {
            for (const YamlNode &item : environment->items()) {
                if (!item.isScalar())
                    continue;
                const QString &text = item.text();
                const qsizetype eq = text.indexOf(u'=');
                LintEnvironmentValue value;
                value.name = eq < 0 ? text : text.left(eq);
                value.hasValue = eq >= 0;
                value.rawValue = eq < 0 ? QString() : text.mid(eq + 1);
                value.literal = isLiteral(value.rawValue);
                value.location = textLocation(item, eq < 0 ? 0 : int(eq) + 1);
                result.insert(value.name, value);
            }
        }
    }
    return result;
}

SourceLocation LintContext::valueOrigin(const QString &service, const QString &variable, bool *inEnvFile) const
{
    if (inEnvFile)
        *inEnvFile = false;
    auto fromEnvFile = [&](const LintEnvFile *file, const QString &key) -> std::optional<SourceLocation> {
        if (!file)
            return std::nullopt;
        for (auto it = file->entries.crbegin(); it != file->entries.crend(); ++it) {
            if (it->key == key) {
                if (inEnvFile)
                    *inEnvFile = true;
                return it->location;
            }
        }
        return std::nullopt;
    };

    const QMap<QString, LintEnvironmentValue> environment = composeEnvironment(service);
    if (auto it = environment.constFind(variable); it != environment.cend()) {
        if (it->hasValue && !it->literal) {
            // ${NAME} taken from the env file: the env file's line is where the value is written.
            const QString name = soleReference(it->rawValue);
            if (!name.isEmpty() && !m_shell.contains(name)) {
                if (auto where = fromEnvFile(interpolationEnvFile(), name))
                    return *where;
            }
        }
        return it->location;
    }
    if (m_resolved.model) {
        if (auto it = m_resolved.model->services.constFind(service); it != m_resolved.model->services.cend()) {
            for (auto file = it->envFiles.crbegin(); file != it->envFiles.crend(); ++file) {
                if (auto where = fromEnvFile(envFile(*file), variable))
                    return *where;
            }
            return it->locationOf(QStringLiteral("environment"));
        }
    }
    return {};
}

} // namespace stagehand
