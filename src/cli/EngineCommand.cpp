#include "EngineCommand.h"

#include "ExitCode.h"
#include "TimeArgument.h"
#include "docker/ComposeMatcher.h"
#include "docker/EngineEndpointResolver.h"
#include "project/ProjectLoader.h"

#include <QDateTime>
#include <QProcessEnvironment>

#include <cstdio>

namespace stagehand::cli {

void EngineCommand::addEngineOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("host"),
                      QStringLiteral("The Docker engine to talk to (unix:///path, tcp://host:port); overrides everything else."),
                      QStringLiteral("host")});
    parser.addOption({QStringLiteral("context"), QStringLiteral("The Docker context to use (see `docker context ls`)."),
                      QStringLiteral("name")});
}

bool EngineCommand::environmentRequested(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("project")) || parser.isSet(QStringLiteral("environment"));
}

std::optional<EngineCommand::EnvironmentTarget> EngineCommand::environmentTarget(const QCommandLineParser &parser, int *exitCode,
                                                                                bool required)
{
    *exitCode = ExitCode::Success;
    if (!required && !environmentRequested(parser))
        return std::nullopt;
    ProjectLoadResult loaded = ProjectLoader::load(parser.value(QStringLiteral("project")));
    if (!loaded.project) {
        report(loaded.diagnostics);
        *exitCode = ExitCode::Failed;
        return std::nullopt;
    }
    EnvironmentTarget target;
    target.project = std::move(*loaded.project);
    QString environment = parser.value(QStringLiteral("environment"));
    if (environment.isEmpty()) {
        if (target.project.environments.size() != 1) {
            m_err << name() << ": the project has several environments; name one with -e ("
                  << target.project.environmentNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
            *exitCode = ExitCode::UsageError;
            return std::nullopt;
        }
        environment = target.project.environments.first().name;
    }
    const EnvironmentSpec *spec = target.project.environment(environment);
    if (!spec) {
        m_err << name() << ": no environment '" << environment << "' in project '" << target.project.name
              << "' (it has: " << target.project.environmentNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
        *exitCode = ExitCode::UsageError;
        return std::nullopt;
    }
    target.spec = *spec;
    target.resolved = EnvironmentResolver().resolve(target.project, target.spec);
    if (!target.resolved.model) {
        Diagnostics all = loaded.diagnostics;
        all.append(target.resolved.diagnostics);
        report(all);
        *exitCode = ExitCode::Failed;
        return std::nullopt;
    }
    // Only errors matter here: the containers are listed whatever the files' warnings.
    for (const Diagnostic &d : target.resolved.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            m_err << d.toString() << Qt::endl;
    }
    target.composeProject = target.resolved.model->name;
    target.services = target.resolved.model->services.keys();
    return target;
}

std::unique_ptr<DockerClient> EngineCommand::connectEngine(const QCommandLineParser &parser, CommandLoop &loop, int *exitCode,
                                                           const QString &projectEngine)
{
    const QString host = parser.value(QStringLiteral("host"));
    const QString context = parser.value(QStringLiteral("context"));
    QString error;
    const std::optional<EngineEndpoint> endpoint =
        EngineEndpointResolver::resolve(host, context, projectEngine, QProcessEnvironment::systemEnvironment(), &error);
    if (!endpoint) {
        m_err << name() << ": " << error << Qt::endl;
        *exitCode = !host.isEmpty() || !context.isEmpty() ? ExitCode::UsageError : ExitCode::Failed;
        return nullptr;
    }
    auto client = std::make_unique<DockerClient>();
    client->setEndpoint(*endpoint);
    client->setReconnectDelays(250, 2000);
    bool done = false;
    QObject::connect(client.get(), &DockerClient::stateChanged, &loop, [&done, &loop](DockerClient::State state) {
        if (!done && (state == DockerClient::State::Connected || state == DockerClient::State::Unreachable)) {
            done = true;
            loop.quit(0);
        }
    });
    client->connectToEngine();
    if (!done)
        loop.exec();
    QObject::disconnect(client.get(), &DockerClient::stateChanged, &loop, nullptr);
    if (loop.interrupted()) {
        *exitCode = ExitCode::Success;
        return nullptr;
    }
    if (client->state() != DockerClient::State::Connected) {
        m_err << name() << ": cannot reach the Docker engine at " << endpoint->toString() << " (" << endpoint->source
              << "): " << client->stateReason() << Qt::endl;
        if (!client->stateHint().isEmpty())
            m_err << "hint: " << client->stateHint() << Qt::endl;
        *exitCode = ExitCode::Unavailable;
        return nullptr;
    }
    *exitCode = ExitCode::Success;
    return client;
}

int EngineCommand::engineFailure(const EngineError &error, const QString &what)
{
    m_err << name() << ": " << (what.isEmpty() ? QString() : what + QStringLiteral(": ")) << error.message << Qt::endl;
    if (!error.hint.isEmpty())
        m_err << "hint: " << error.hint << Qt::endl;
    if (error.isConnectionProblem() || error.kind == EngineError::Kind::PermissionDenied || error.kind == EngineError::Kind::Tls)
        return ExitCode::Unavailable;
    return ExitCode::Failed;
}

std::optional<EnvironmentContainers> EngineCommand::environmentContainers(DockerClient &client, CommandLoop &loop,
                                                                          const EnvironmentTarget &target, int *exitCode)
{
    const auto listed = loop.await(client.listContainers(true, ComposeMatcher::filters(target.composeProject)));
    if (loop.interrupted()) {
        *exitCode = ExitCode::Success;
        return std::nullopt;
    }
    if (!listed.ok()) {
        *exitCode = engineFailure(listed.error, QStringLiteral("listing containers"));
        return std::nullopt;
    }
    *exitCode = ExitCode::Success;
    return ComposeMatcher::match(target.composeProject, target.services, *listed);
}

bool EngineCommand::timeRange(const QCommandLineParser &parser, QString *since, QString *until)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString &key : {QStringLiteral("since"), QStringLiteral("until")}) {
        if (!parser.isSet(key))
            continue;
        QString error;
        const std::optional<QString> time = TimeArgument::toEngineTime(parser.value(key), now, &error);
        if (!time) {
            m_err << name() << ": --" << key << ": " << error << Qt::endl;
            return false;
        }
        *(key == QLatin1String("since") ? since : until) = *time;
    }
    return true;
}

void EngineCommand::writeOut(const QByteArray &bytes)
{
    m_out.flush();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void EngineCommand::writeErr(const QByteArray &bytes)
{
    m_err.flush();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace stagehand::cli
