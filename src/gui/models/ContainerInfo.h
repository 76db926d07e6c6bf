#pragma once

#include "docker/ContainerDetails.h"
#include "docker/ContainerSummary.h"

#include <QDateTime>
#include <QMap>
#include <QString>

namespace stagehand {

// What the container model shows of one container: from the list (ContainerSummary), refreshed by
// inspect (ContainerDetails) after an event, plus the latest stats figures.
struct ContainerInfo {
    QString id;
    QString name;
    QString image;
    QString imageId;
    QString state;  // created, running, paused, restarting, removing, exited, dead
    QString status; // "Up 3 minutes (healthy)", from the list; empty after inspect
    QString health; // healthy, unhealthy, starting; empty without a healthcheck
    QString ports;  // as docker ps prints them
    QDateTime created;
    QDateTime startedAt; // invalid unless known (inspect)
    QMap<QString, QString> labels;

    bool hasStats = false;
    double cpuPercent = 0;
    qint64 memoryUsage = 0;
    qint64 memoryLimit = 0;

    QString project() const { return labels.value(QStringLiteral("com.docker.compose.project")); }
    QString service() const { return labels.value(QStringLiteral("com.docker.compose.service")); }
    bool isRunning() const { return state == u"running" || state == u"restarting" || state == u"paused"; }

    ContainerSummary toSummary() const;
    static ContainerInfo fromSummary(const ContainerSummary &summary);
    static ContainerInfo fromDetails(const ContainerDetails &details);
    // "(healthy)", "(unhealthy)", "(health: starting)" in a list entry's Status
    static QString healthFromStatus(const QString &status);
};

} // namespace stagehand
