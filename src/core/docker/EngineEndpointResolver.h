#pragma once

#include "docker/EngineEndpoint.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace stagehand {

// Decides which engine to use, first match wins:
//   1. cliHost (--host)                                   source "--host"
//   2. cliContext (--context)                             source "--context NAME"
//   3. projectEngine (the environment's `engine:`)        source "project"
//   4. DOCKER_HOST                                        source "DOCKER_HOST"
//   5. DOCKER_CONTEXT, else config.json currentContext,   source "context NAME"
//      unless that is "default"
//   6. unix:///var/run/docker.sock                        source "default"
// Unlike the docker CLI, --host together with --context is not an error: --host wins.
// TLS for host strings (1, 3, 4): a tcp:// endpoint uses TLS, verifying the server, when
// DOCKER_TLS_VERIFY is set to anything non-empty (even "0", as in the docker CLI), with ca.pem,
// cert.pem and key.pem from DOCKER_CERT_PATH, else the docker config folder; its default port is then
// 2376. The config folder (contexts, config.json) is $DOCKER_CONFIG, else $HOME/.docker, both read from
// environment. A step that applies but fails (bad host string, unknown context) is an error: there is
// no falling through to the next step.
class EngineEndpointResolver {
public:
    static std::optional<EngineEndpoint> resolve(const QString &cliHost, const QString &cliContext,
                                                 const QString &projectEngine,
                                                 const QProcessEnvironment &environment,
                                                 QString *error = nullptr);
};

} // namespace stagehand
