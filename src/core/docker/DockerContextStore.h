#pragma once

#include "docker/EngineEndpoint.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace stagehand {

// The Docker CLI's contexts, read from its configuration folder:
// - <configDir>/config.json "currentContext" (missing or empty: "default"),
// - <configDir>/contexts/meta/<sha256 hex of the name>/meta.json: Name, Endpoints.docker.Host and
//   Endpoints.docker.SkipTLSVerify,
// - <configDir>/contexts/tls/<sha256 hex of the name>/docker/{ca.pem,cert.pem,key.pem}.
// A context uses TLS when any of those files exists or SkipTLSVerify is true (as the docker CLI does);
// the endpoint's file paths are set for the files that exist. "default" is the default socket.
// The DOCKER_CONTEXT environment variable is not read here (see EngineEndpointResolver).
class DockerContextStore {
public:
    // configDir empty: $DOCKER_CONFIG, else ~/.docker.
    explicit DockerContextStore(QString configDir = {});

    QString configDir() const { return m_configDir; }
    QString currentContext() const;
    // error names the context and the file on failure (unknown context, unreadable meta.json, no Host).
    std::optional<EngineEndpoint> endpointFor(const QString &context, QString *error = nullptr) const;
    // "default" first, then the stored contexts' names, sorted.
    QStringList contexts() const;

    static QString contextDirName(const QString &context); // lowercase sha256 hex of the UTF-8 name
    // $DOCKER_CONFIG, else $HOME/.docker, from the given environment.
    static QString defaultConfigDir(const QProcessEnvironment &environment);

private:
    QString m_configDir;
};

} // namespace stagehand
