#include "ConfigCommand.h"

#include "ExitCode.h"
#include "compose/ComposeJson.h"
#include "project/EnvironmentResolver.h"

#include <QJsonDocument>

#include <spdlog/spdlog.h>

namespace stagehand::cli {

void ConfigCommand::addOptions(QCommandLineParser &parser)
{
    addProjectOptions(parser, QStringLiteral("The environment (may be left out when the project has only one)."),
                      {QStringLiteral("yaml"), QStringLiteral("json")});
}

int ConfigCommand::run(const QCommandLineParser &parser)
{
    int failure = ExitCode::Success;
    const std::optional<ProjectArguments> arguments = projectArguments(parser, &failure);
    if (!arguments)
        return failure;
    const Project &project = arguments->project;
    const QString &format = arguments->format;
    QString environment = arguments->environment;
    if (environment.isEmpty()) {
        if (project.environments.size() != 1) {
            m_err << "config: the project has several environments; name one with -e ("
                  << project.environmentNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
            return ExitCode::UsageError;
        }
        environment = project.environments.first().name;
    }
    spdlog::debug("resolving environment {} of project {}", environment.toStdString(), project.name.toStdString());
    const EnvironmentResolver resolver;
    const ResolvedEnvironment resolved = resolver.resolve(project, environment);
    Diagnostics all = arguments->diagnostics;
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
