#include "ConfigCommand.h"

#include "ExitCode.h"
#include "compose/ComposeJson.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QJsonDocument>

#include <spdlog/spdlog.h>

namespace stagehand::cli {

void ConfigCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({{QStringLiteral("p"), QStringLiteral("project")},
                      QStringLiteral("The project folder, its stagehand.yaml, or a Compose file (default: the current folder)."),
                      QStringLiteral("path")});
    parser.addOption({{QStringLiteral("e"), QStringLiteral("environment")},
                      QStringLiteral("The environment (may be left out when the project has only one)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("Output format: yaml (default) or json."), QStringLiteral("format"),
                      QStringLiteral("yaml")});
}

int ConfigCommand::run(const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("yaml") && format != QLatin1String("json")) {
        m_err << "config: unknown format '" << format << "' (expected yaml or json)" << Qt::endl;
        return ExitCode::UsageError;
    }
    const ProjectLoadResult loaded = ProjectLoader::load(parser.value(QStringLiteral("project")));
    if (!loaded.project) {
        report(loaded.diagnostics);
        return ExitCode::Failed;
    }
    const Project &project = *loaded.project;

    QString environment = parser.value(QStringLiteral("environment"));
    if (environment.isEmpty()) {
        if (project.environments.size() != 1) {
            m_err << "config: the project has several environments; name one with -e (" << project.environmentNames().join(QStringLiteral(", "))
                  << ")" << Qt::endl;
            return ExitCode::UsageError;
        }
        environment = project.environments.first().name;
    }
    if (!project.environment(environment)) {
        m_err << "config: no environment '" << environment << "' in project '" << project.name << "' (it has: "
              << project.environmentNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
        return ExitCode::UsageError;
    }
    spdlog::debug("resolving environment {} of project {}", environment.toStdString(), project.name.toStdString());
    const EnvironmentResolver resolver;
    const ResolvedEnvironment resolved = resolver.resolve(project, environment);
    Diagnostics all = loaded.diagnostics;
    all.append(resolved.diagnostics);
    const int code = report(all);
    if (!resolved.ok())
        return ExitCode::Failed;

    const QJsonObject document = ComposeJson::toJson(*resolved.model);
    // Secret values in here are scrubbed by the logger (SecretRegistry), never written.
    spdlog::trace("resolved environment {}: {}", environment.toStdString(),
                  QJsonDocument(document).toJson(QJsonDocument::Compact).toStdString());
    if (format == QLatin1String("json"))
        m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    else
        m_out << QString::fromUtf8(ComposeJson::toYaml(document));
    m_out.flush();
    return code;
}

} // namespace stagehand::cli
