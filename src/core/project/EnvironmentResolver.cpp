#include "project/EnvironmentResolver.h"

#include "compose/ComposeParser.h"
#include "compose/DotEnv.h"
#include "compose/Interpolator.h"
#include "compose/OverrideMerger.h"
#include "compose/TreeInterpolation.h"
#include "compose/YamlReader.h"
#include "util/SecretRegistry.h"

#include <QFileInfo>

namespace stagehand {

EnvironmentResolver::EnvironmentResolver(QProcessEnvironment shell)
    : m_shell(std::move(shell))
{
}

ResolvedEnvironment EnvironmentResolver::resolve(const Project &project, const QString &environmentName) const
{
    if (const EnvironmentSpec *env = project.environment(environmentName))
        return resolve(project, *env);
    ResolvedEnvironment result;
    result.environment = environmentName;
    const QString known = project.environmentNames().join(QStringLiteral(", "));
    result.diagnostics.append(Diagnostic::error({project.projectFile.isEmpty() ? project.directory : project.projectFile},
        QStringLiteral("no environment '%1' in project '%2' (it has: %3)").arg(environmentName, project.name, known)));
    return result;
}

ResolvedEnvironment EnvironmentResolver::resolve(const Project &project, const EnvironmentSpec &environment) const
{
    ResolvedEnvironment result;
    result.environment = environment.name;

    const QProcessEnvironment shell = m_shell;
    Interpolator::Lookup shellLookup = [shell](const QString &name) -> std::optional<QString> {
        if (!shell.contains(name))
            return std::nullopt;
        return shell.value(name);
    };
    if (!environment.envFile.isEmpty()) {
        const DotEnvResult env = DotEnv::load(environment.envFile, shellLookup);
        result.diagnostics.append(env.diagnostics);
        result.envFileVariables = env.toMap();
    }
    // Secret-looking variables are registered before anything could log them.
    SecretRegistry::instance().registerVariables(result.envFileVariables);

    const QMap<QString, QString> fileVariables = result.envFileVariables;
    Interpolator::Lookup lookup = [shell, fileVariables](const QString &name) -> std::optional<QString> {
        if (shell.contains(name))
            return shell.value(name);
        if (auto it = fileVariables.constFind(name); it != fileVariables.cend())
            return *it;
        return std::nullopt;
    };

    std::optional<YamlNode> merged;
    QStringList referenced;
    for (const QString &file : environment.composeFiles) {
        auto tree = YamlReader::readFile(file, result.diagnostics);
        if (!tree)
            continue;
        TreeInterpolation interpolation{Interpolator(lookup)};
        interpolation.apply(*tree, result.diagnostics);
        for (const QString &name : interpolation.referenced()) {
            if (!referenced.contains(name))
                referenced.append(name);
        }
        OverrideMerger::normalize(*tree);
        if (!merged)
            merged = std::move(*tree);
        else
            OverrideMerger::merge(*merged, *tree);
    }
    result.referencedVariables = referenced;
    if (!merged || hasErrors(result.diagnostics))
        return result;

    QStringList profiles;
    if (auto active = lookup(QStringLiteral("COMPOSE_PROFILES")))
        profiles = active->split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString workingDir = environment.composeFiles.isEmpty() ? project.directory
                                                                  : QFileInfo(environment.composeFiles.first()).absolutePath();
    ComposeParser parser(result.diagnostics, workingDir, lookup);
    // The project name: the project file's, else the file's top-level `name:`, else the folder's.
    QString projectName = environment.projectName;
    if (const YamlNode *name = merged->isMapping() ? merged->find(u"name") : nullptr; projectName.isEmpty() && name && name->isScalar())
        projectName = name->text();
    if (projectName.isEmpty())
        projectName = project.name;
    ComposeModel model = parser.parse(*merged, projectName, profiles);
    model.files = environment.composeFiles;
    for (const Service &service : std::as_const(model.services)) {
        for (auto it = service.environment.cbegin(); it != service.environment.cend(); ++it) {
            if (it.value())
                SecretRegistry::instance().registerVariable(it.key(), *it.value());
        }
    }
    result.model = std::move(model);
    return result;
}

} // namespace stagehand
