#include "project/ProjectLoader.h"

#include "compose/ComposeSchema.h"
#include "compose/ParseContext.h"
#include "compose/ServiceParser.h"
#include "compose/YamlReader.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace stagehand {
namespace {

const QStringList &composeFileNames()
{
    static const QStringList names{QStringLiteral("compose.yaml"), QStringLiteral("compose.yml"),
                                   QStringLiteral("docker-compose.yml"), QStringLiteral("docker-compose.yaml")};
    return names;
}

const QStringList &overrideFileNames()
{
    static const QStringList names{QStringLiteral("compose.override.yaml"), QStringLiteral("compose.override.yml"),
                                   QStringLiteral("docker-compose.override.yml"), QStringLiteral("docker-compose.override.yaml")};
    return names;
}

// Sections later features read (verification, backups, ...): kept as written.
const QSet<QString> &laterSections()
{
    static const QSet<QString> names{QStringLiteral("verification"), QStringLiteral("backups"), QStringLiteral("rollback"),
                                     QStringLiteral("monitoring"), QStringLiteral("approval"), QStringLiteral("settings")};
    return names;
}

} // namespace

QString ProjectLoader::normalizeProjectName(const QString &name)
{
    QString result;
    for (const QChar c : name.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || c == QLatin1Char('-') || c == QLatin1Char('_'))
            result += c;
    }
    while (!result.isEmpty() && !result.at(0).isLetterOrNumber())
        result.remove(0, 1);
    return result;
}

ProjectLoadResult ProjectLoader::load(const QString &path)
{
    const QFileInfo info(path.isEmpty() ? QDir::currentPath() : path);
    if (!info.exists()) {
        ProjectLoadResult result;
        result.diagnostics.append(Diagnostic::error({info.absoluteFilePath()}, QStringLiteral("no such file or folder")));
        return result;
    }
    if (info.isFile()) {
        if (info.fileName() == QLatin1String(ProjectFileName))
            return loadProjectFile(info.absoluteFilePath());
        // A Compose file named directly: a plain Compose project of that one file.
        return loadComposeFolder(info.absolutePath(), info.absoluteFilePath());
    }
    const QString file = QDir(info.absoluteFilePath()).filePath(QLatin1String(ProjectFileName));
    if (QFileInfo::exists(file))
        return loadProjectFile(file);
    return loadComposeFolder(info.absoluteFilePath());
}

ProjectLoadResult ProjectLoader::loadComposeFolder(const QString &directory, const QString &namedFile)
{
    ProjectLoadResult result;
    const QDir dir(directory);
    QString composeFile = namedFile;
    for (const QString &name : composeFileNames()) {
        if (composeFile.isEmpty() && dir.exists(name)) {
            composeFile = dir.filePath(name);
            break;
        }
    }
    if (composeFile.isEmpty()) {
        result.diagnostics.append(Diagnostic::error({directory},
            QStringLiteral("not a Stagehand project: no stagehand.yaml, compose.yaml or docker-compose.yml in this folder")));
        return result;
    }
    Project project;
    project.directory = QDir::cleanPath(dir.absolutePath());
    project.name = normalizeProjectName(dir.dirName());
    EnvironmentSpec env;
    env.name = QStringLiteral("default");
    env.composeFiles.append(composeFile);
    for (const QString &name : overrideFileNames()) {
        if (namedFile.isEmpty() && dir.exists(name)) {
            env.composeFiles.append(dir.filePath(name));
            break;
        }
    }
    if (dir.exists(QStringLiteral(".env")))
        env.envFile = dir.filePath(QStringLiteral(".env"));
    env.location = {composeFile};
    project.environments.append(env);
    project.promotion = QStringList{env.name};
    result.project = project;
    return result;
}

ProjectLoadResult ProjectLoader::loadProjectFile(const QString &file)
{
    ProjectLoadResult result;
    auto root = YamlReader::readFile(file, result.diagnostics);
    if (!root)
        return result;
    ParseContext ctx(result.diagnostics);
    if (!ctx.expectMapping(*root, QStringLiteral("stagehand.yaml")))
        return result;

    Project project;
    project.projectFile = file;
    project.directory = QFileInfo(file).absolutePath();
    project.name = normalizeProjectName(QFileInfo(project.directory).fileName());

    static const QSet<QString> topKeys{QStringLiteral("name"), QStringLiteral("environments"), QStringLiteral("promotion"),
                                       QStringLiteral("phases")};
    for (const YamlNode::Entry &entry : root->entries()) {
        if (topKeys.contains(entry.key) || entry.key.startsWith(QLatin1String("x-")))
            continue;
        if (laterSections().contains(entry.key)) {
            project.sections.insert(entry.key, ParseContext::toJson(entry.value));
            continue;
        }
        QStringList known = topKeys.values() + laterSections().values();
        known.sort();
        const QString suggestion = ComposeSchema::closestOf(known, entry.key);
        ctx.error(entry.keyLocation, QStringLiteral("unknown key '%1' in stagehand.yaml (%2expected one of: %3)")
                                         .arg(entry.key,
                                              suggestion.isEmpty() ? QString() : QStringLiteral("did you mean '%1'? ").arg(suggestion),
                                              known.join(QStringLiteral(", "))));
    }
    if (const YamlNode *name = root->find(u"name")) {
        if (auto value = ctx.string(*name, QStringLiteral("name"))) {
            project.name = normalizeProjectName(*value);
            if (project.name != *value)
                ctx.error(name->location(), QStringLiteral("'%1' is not a valid project name: use lower-case letters, digits, '-' and '_'").arg(*value));
        }
    }

    const YamlNode *environments = root->find(u"environments");
    if (!environments) {
        ctx.error(root->location(), QStringLiteral("stagehand.yaml names no environments (add an 'environments:' mapping)"));
    } else if (ctx.expectMapping(*environments, QStringLiteral("environments"))) {
        static const QSet<QString> envKeys{QStringLiteral("compose"), QStringLiteral("env_file"), QStringLiteral("project_name"),
                                           QStringLiteral("engine"), QStringLiteral("shares_host_with"), QStringLiteral("description")};
        for (const YamlNode::Entry &entry : environments->entries()) {
            EnvironmentSpec env;
            env.name = entry.key;
            env.location = entry.keyLocation;
            const QString what = QStringLiteral("environments.%1").arg(entry.key);
            if (!ctx.expectMapping(entry.value, what))
                continue;
            for (const YamlNode::Entry &field : entry.value.entries()) {
                const QString name = what + QLatin1Char('.') + field.key;
                if (!envKeys.contains(field.key) && !field.key.startsWith(QLatin1String("x-"))) {
                    ctx.error(field.keyLocation, QStringLiteral("%1: unknown key (expected compose, env_file, project_name, engine or shares_host_with)").arg(name));
                } else if (field.key == QLatin1String("compose")) {
                    if (!ctx.stringOrList(field.value, name))
                        continue;
                    // Each path with its own location, so a missing file is reported where it is named.
                    const std::vector<YamlNode> single{field.value};
                    for (const YamlNode &item : field.value.isSequence() ? field.value.items() : single) {
                        const QString absolute = ServiceParser::absolutePath(project.directory, item.text());
                        if (!QFileInfo::exists(absolute))
                            ctx.error(item.location(), QStringLiteral("%1: the compose file '%2' does not exist (looked for %3)")
                                                           .arg(name, item.text(), absolute));
                        env.composeFiles.append(absolute);
                    }
                } else if (field.key == QLatin1String("env_file")) {
                    if (auto path = ctx.string(field.value, name)) {
                        env.envFile = ServiceParser::absolutePath(project.directory, *path);
                        if (!QFileInfo::exists(env.envFile))
                            ctx.error(field.value.location(), QStringLiteral("%1: the env file '%2' does not exist").arg(name, *path));
                    }
                } else if (field.key == QLatin1String("project_name")) {
                    if (auto value = ctx.string(field.value, name)) {
                        env.projectName = *value;
                        if (normalizeProjectName(*value) != *value || value->isEmpty())
                            ctx.error(field.value.location(), QStringLiteral("%1: '%2' is not a valid Compose project name").arg(name, *value));
                    }
                } else if (field.key == QLatin1String("engine")) {
                    env.engine = ctx.string(field.value, name).value_or(QString());
                } else if (field.key == QLatin1String("shares_host_with")) {
                    env.sharesHostWith = ctx.stringList(field.value, name).value_or(QStringList{});
                }
            }
            if (env.composeFiles.isEmpty())
                ctx.error(entry.keyLocation, QStringLiteral("%1 names no compose file (add 'compose: [compose.yaml]')").arg(what));
            if (env.projectName.isEmpty())
                env.projectName = normalizeProjectName(project.name + QLatin1Char('-') + env.name);
            project.environments.append(env);
        }
    }
    const QStringList names = project.environmentNames();
    for (const EnvironmentSpec &env : project.environments) {
        for (const QString &other : env.sharesHostWith) {
            if (!names.contains(other))
                ctx.error(env.location, QStringLiteral("environment '%1' shares its host with '%2', which is not defined").arg(env.name, other));
        }
    }
    if (const YamlNode *promotion = root->find(u"promotion")) {
        project.promotion = ctx.stringList(*promotion, QStringLiteral("promotion")).value_or(QStringList{});
        if (promotion->isSequence()) {
            for (const YamlNode &item : promotion->items()) {
                if (!item.isScalar() || names.contains(item.text()))
                    continue;
                const QString suggestion = ComposeSchema::closestOf(names, item.text());
                ctx.error(item.location(), QStringLiteral("promotion names '%1', which is not an environment (%2)")
                                               .arg(item.text(),
                                                    suggestion.isEmpty()
                                                        ? QStringLiteral("the environments are: %1").arg(names.join(QStringLiteral(", ")))
                                                        : QStringLiteral("did you mean '%1'?").arg(suggestion)));
            }
        }
    } else {
        project.promotion = names;
    }
    if (const YamlNode *phases = root->find(u"phases")) {
        if (!phases->isSequence()) {
            ctx.error(phases->location(), QStringLiteral("phases must be a list of {name, services}, found %1").arg(phases->kindName()));
        } else {
            for (const YamlNode &item : phases->items()) {
                if (!ctx.expectMapping(item, QStringLiteral("a phase")))
                    continue;
                DeployPhase phase;
                phase.location = item.location();
                for (const YamlNode::Entry &field : item.entries()) {
                    if (field.key == QLatin1String("name"))
                        phase.name = ctx.string(field.value, QStringLiteral("phase name")).value_or(QString());
                    else if (field.key == QLatin1String("services"))
                        phase.services = ctx.stringList(field.value, QStringLiteral("phase services")).value_or(QStringList{});
                    else
                        ctx.error(field.keyLocation, QStringLiteral("unknown key '%1' in a phase (expected name, services)").arg(field.key));
                }
                if (phase.name.isEmpty())
                    ctx.error(item.location(), QStringLiteral("a phase needs a name"));
                project.phases.append(phase);
            }
        }
    }
    if (!hasErrors(result.diagnostics))
        result.project = project;
    return result;
}

} // namespace stagehand
