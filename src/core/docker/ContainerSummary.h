#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stagehand {

// One entry of GET /containers/json.
struct ContainerSummary {
    QString id;
    QStringList names;      // without the leading '/'
    QString image;
    QString imageId;
    QString command;
    QString state;          // created, running, paused, restarting, removing, exited, dead
    QString status;         // "Up 3 minutes (healthy)"
    QDateTime created;
    QMap<QString, QString> labels;
    QJsonObject raw;

    QString name() const { return names.value(0); }
    QString composeProject() const { return labels.value(QStringLiteral("com.docker.compose.project")); }
    QString composeService() const { return labels.value(QStringLiteral("com.docker.compose.service")); }

    static QMap<QString, QString> labelsFrom(const QJsonObject &object)
    {
        QMap<QString, QString> out;
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(it.key(), it.value().toString());
        return out;
    }

    static ContainerSummary fromJson(const QJsonObject &o)
    {
        ContainerSummary c;
        c.id = o.value(QLatin1String("Id")).toString();
        const QJsonArray names = o.value(QLatin1String("Names")).toArray();
        for (const QJsonValue &n : names)
            c.names.append(n.toString().startsWith(u'/') ? n.toString().mid(1) : n.toString());
        c.image = o.value(QLatin1String("Image")).toString();
        c.imageId = o.value(QLatin1String("ImageID")).toString();
        c.command = o.value(QLatin1String("Command")).toString();
        c.state = o.value(QLatin1String("State")).toString();
        c.status = o.value(QLatin1String("Status")).toString();
        c.created = QDateTime::fromSecsSinceEpoch(o.value(QLatin1String("Created")).toInteger(), Qt::UTC);
        c.labels = labelsFrom(o.value(QLatin1String("Labels")).toObject());
        c.raw = o;
        return c;
    }
};

} // namespace stagehand
