#pragma once

#include "docker/ContainerSummary.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace stagehand {

// GET /containers/{id}/json: the fields Stagehand uses, and the whole answer in raw.
struct ContainerDetails {
    QString id;
    QString name;            // without the leading '/'
    QString image;           // Config.Image, as asked for
    QString imageId;
    QString status;          // State.Status
    bool running = false;
    bool paused = false;
    int exitCode = 0;
    qint64 pid = 0;
    QString health;          // State.Health.Status; empty without a healthcheck
    QDateTime startedAt;
    QDateTime finishedAt;
    bool tty = false;        // Config.Tty: logs are not multiplexed
    int restartCount = 0;
    QMap<QString, QString> labels;
    QJsonObject raw;

    static ContainerDetails fromJson(const QJsonObject &o)
    {
        ContainerDetails d;
        d.id = o.value(QLatin1String("Id")).toString();
        d.name = o.value(QLatin1String("Name")).toString();
        if (d.name.startsWith(u'/'))
            d.name.remove(0, 1);
        d.imageId = o.value(QLatin1String("Image")).toString();
        const QJsonObject config = o.value(QLatin1String("Config")).toObject();
        d.image = config.value(QLatin1String("Image")).toString();
        d.tty = config.value(QLatin1String("Tty")).toBool();
        d.labels = ContainerSummary::labelsFrom(config.value(QLatin1String("Labels")).toObject());
        const QJsonObject state = o.value(QLatin1String("State")).toObject();
        d.status = state.value(QLatin1String("Status")).toString();
        d.running = state.value(QLatin1String("Running")).toBool();
        d.paused = state.value(QLatin1String("Paused")).toBool();
        d.exitCode = state.value(QLatin1String("ExitCode")).toInt();
        d.pid = state.value(QLatin1String("Pid")).toInteger();
        d.health = state.value(QLatin1String("Health")).toObject().value(QLatin1String("Status")).toString();
        d.startedAt = QDateTime::fromString(state.value(QLatin1String("StartedAt")).toString(), Qt::ISODateWithMs);
        d.finishedAt = QDateTime::fromString(state.value(QLatin1String("FinishedAt")).toString(), Qt::ISODateWithMs);
        d.restartCount = o.value(QLatin1String("RestartCount")).toInt();
        d.raw = o;
        return d;
    }
};

} // namespace stagehand
