#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace stagehand {

// A file put into a container before it starts (a secret or config whose source is an environment
// variable or inline content; file sources are bind-mounted instead, as Compose does).
struct ContainerFileCopy {
    QString directory; // absolute directory inside the container ("/run/secrets")
    QString fileName;  // the file's name within it
    QByteArray content;
    int mode = 0444;
    int uid = 0;
    int gid = 0;
};

// A network the container joins after it is created: the Engine API (1.41) takes one network in the
// create body, the rest through POST /networks/{id}/connect.
struct NetworkAttachment {
    QString network;         // the engine's network name ("demo-dev_demo-network")
    QJsonObject endpoint;    // EndpointSettings: {"Aliases": [...], "IPAMConfig": {...}}
};

// What one container of a service must be, derived from the resolved files alone (pure data).
struct ContainerBlueprint {
    QString service;
    int number = 1;          // com.docker.compose.container-number
    QString name;            // "<project>-<service>-<n>", or the service's container_name
    QJsonObject createBody;  // the body of POST /containers/create (Image is the image reference)
    QString configHash;      // com.docker.compose.config-hash: sha256 hex of the service's resolved definition
    QList<NetworkAttachment> extraNetworks; // connected after create, before start
    QList<ContainerFileCopy> copies;        // put before start
    QString networkModeService; // network_mode "service:<name>": resolved to container:<id> at create time
};

} // namespace stagehand
