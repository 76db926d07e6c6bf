#pragma once

#include <QString>

namespace stagehand {

// A host port that a running container publishes, as the engine reports it (GET /containers/json).
struct ContainerPublication {
    QString id;
    QString name;           // without the leading '/'
    QString composeProject; // label com.docker.compose.project; empty: not a Compose container
    QString composeService; // label com.docker.compose.service
    QString hostIp;         // "0.0.0.0", "::" or an address
    int port = 0;           // the host port
    int targetPort = 0;     // the container port
    QString protocol;       // "tcp", "udp", "sctp"
    QString engine;         // the engine endpoint it was read from (matches EnvironmentPorts::engine)
};

} // namespace stagehand
