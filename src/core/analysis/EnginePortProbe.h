#pragma once

#include "analysis/ContainerPublication.h"

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace stagehand {

struct EngineProbeResult {
    bool reachable = false;
    QString error; // why the engine could not be asked (when not reachable), for a warning
    QList<ContainerPublication> publications;
};

// The host ports running containers publish, asked of the engine with one GET /containers/json
// (libcurl, over the unix socket or plain tcp://; no TLS).
//
// A stop-gap: the ports check needs only this one call, and the real Docker client (a later issue)
// will replace this class. An unreachable engine is not an error for the caller: probe() says so
// in the result and returns no publications.
class EnginePortProbe {
public:
    // endpoint: "unix:///var/run/docker.sock", "tcp://host:2375", or a bare socket path.
    explicit EnginePortProbe(QString endpoint, int timeoutMs = 5000);

    EngineProbeResult probe() const;

    // The engine an environment uses: its own `engine`, else DOCKER_HOST, else the default socket.
    static QString resolveEndpoint(const QString &configured, const QProcessEnvironment &shell = QProcessEnvironment::systemEnvironment());
    // Whether the endpoint is an engine on this host (a unix socket, or tcp:// to a loopback address).
    static bool isLocal(const QString &endpoint);
    // The response of GET /containers/json: every published port of every container listed.
    static std::optional<QList<ContainerPublication>> parseContainers(const QByteArray &json, const QString &engine, QString *error);

private:
    QString m_endpoint;
    int m_timeoutMs;
};

} // namespace stagehand
