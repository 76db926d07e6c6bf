#pragma once

#include "docker/ContainerSummary.h"

#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QString>

namespace stagehand {

// One line of GET /events: what happened to which object, with the object's attributes (for
// containers: its labels, incl. com.docker.compose.*, plus name, image, exitCode, ...).
struct EngineEvent {
    QString type;       // container, image, network, volume, daemon, plugin, ...
    QString action;     // create, start, die, destroy, health_status: healthy, ...
    QString actorId;
    QMap<QString, QString> attributes;
    QString scope;      // local, swarm
    qint64 time = 0;    // seconds since the epoch
    qint64 timeNano = 0;
    QJsonObject raw;

    QString attribute(const QString &key) const { return attributes.value(key); }
    QString composeProject() const { return attributes.value(QStringLiteral("com.docker.compose.project")); }
    QString composeService() const { return attributes.value(QStringLiteral("com.docker.compose.service")); }
    // Identifies one event among those with the same timeNano (for de-duplication on resume).
    QString key() const { return QString::number(timeNano) + u'/' + type + u'/' + action + u'/' + actorId; }

    static EngineEvent fromJson(const QJsonObject &o)
    {
        EngineEvent e;
        e.type = o.value(QLatin1String("Type")).toString();
        e.action = o.value(QLatin1String("Action")).toString();
        const QJsonObject actor = o.value(QLatin1String("Actor")).toObject();
        e.actorId = actor.value(QLatin1String("ID")).toString();
        e.attributes = ContainerSummary::labelsFrom(actor.value(QLatin1String("Attributes")).toObject());
        e.scope = o.value(QLatin1String("scope")).toString();
        e.time = o.value(QLatin1String("time")).toInteger();
        e.timeNano = o.value(QLatin1String("timeNano")).toInteger();
        e.raw = o;
        return e;
    }
};

} // namespace stagehand

Q_DECLARE_METATYPE(stagehand::EngineEvent)
