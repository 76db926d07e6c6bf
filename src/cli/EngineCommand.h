#pragma once

#include "Command.h"
#include "CommandLoop.h"

#include "docker/DockerClient.h"
#include "docker/EnvironmentContainers.h"
#include "project/EnvironmentResolver.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace stagehand::cli {

// A command that talks to a Docker engine: --host and --context on every one, the engine chosen by
// EngineEndpointResolver (--host > --context > the environment's `engine:` > DOCKER_HOST > the
// current context), and the one place that connects and maps an unreachable engine to exit 69.
class EngineCommand : public Command {
public:
    using Command::Command;

protected:
    void addEngineOptions(QCommandLineParser &parser);

    // The environment named with -p/-e, resolved; only when either option is given.
    struct EnvironmentTarget {
        Project project;
        EnvironmentSpec spec;
        ResolvedEnvironment resolved;
        QString composeProject; // the Compose project name its containers carry
        QStringList services;
    };
    // nullopt with *exitCode Success when neither -p nor -e is given (unless required: then the
    // project is the current folder); on failure prints why and sets *exitCode (64 usage: an
    // unknown environment or several to choose from; 2 unreadable files).
    std::optional<EnvironmentTarget> environmentTarget(const QCommandLineParser &parser, int *exitCode, bool required = false);
    static bool environmentRequested(const QCommandLineParser &parser);

    // Resolves the endpoint and connects; nullptr after printing why, with *exitCode 64 (a bad
    // --host/--context), 2 (a bad project or environment endpoint) or 69 (the engine unreachable).
    std::unique_ptr<DockerClient> connectEngine(const QCommandLineParser &parser, CommandLoop &loop, int *exitCode,
                                                const QString &projectEngine = {});

    // Prints "<command>: <what>: <message>" (and the hint); 69 for connection problems, else 2.
    int engineFailure(const EngineError &error, const QString &what = {});

    // The containers of the target, listed (all, running or not) and matched by their Compose labels.
    std::optional<EnvironmentContainers> environmentContainers(DockerClient &client, CommandLoop &loop,
                                                               const EnvironmentTarget &target, int *exitCode);

    // --since and --until (when set) as engine times in *since / *until; false after printing why.
    bool timeRange(const QCommandLineParser &parser, QString *since, QString *until);

    // Bytes as they are, to our stdout / stderr (after whatever the text streams hold).
    void writeOut(const QByteArray &bytes);
    void writeErr(const QByteArray &bytes);
};

} // namespace stagehand::cli
