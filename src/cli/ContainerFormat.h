#pragma once

#include "docker/ContainerSummary.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace stagehand::cli {

// How `ps` shows one container: its docker-ps-like cells and its JSON object (the public shape:
// id, name, project, service, number, one_off, orphan, state, health, status, image, image_id,
// ports [{host_ip, published, target, protocol}], created, labels).
class ContainerFormat {
public:
    enum class Role { Plain, Service, OneOff, Orphan };

    static QStringList header();
    static QStringList row(const ContainerSummary &container, Role role);
    static QJsonObject toJson(const ContainerSummary &container, Role role);

    // "healthy", "unhealthy", "starting" from the Status text ("Up 5 minutes (healthy)"); empty without a healthcheck.
    static QString health(const ContainerSummary &container);
    // As docker ps: "127.0.0.1:8080->80/tcp, 5432/tcp".
    static QString ports(const ContainerSummary &container);
};

} // namespace stagehand::cli
