#pragma once

#include "docker/ContainerSummary.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stagehand {

// One entry of GET /images/json (also filled from GET /images/{name}/json).
struct ImageSummary {
    QString id;
    QStringList repoTags;
    QStringList repoDigests;
    qint64 size = 0;
    QDateTime created;
    QMap<QString, QString> labels;
    QJsonObject raw;

    static ImageSummary fromJson(const QJsonObject &o)
    {
        ImageSummary i;
        i.id = o.value(QLatin1String("Id")).toString();
        for (const QJsonValue &v : o.value(QLatin1String("RepoTags")).toArray())
            i.repoTags.append(v.toString());
        for (const QJsonValue &v : o.value(QLatin1String("RepoDigests")).toArray())
            i.repoDigests.append(v.toString());
        i.size = o.value(QLatin1String("Size")).toInteger();
        const QJsonValue created = o.value(QLatin1String("Created"));
        i.created = created.isString() ? QDateTime::fromString(created.toString(), Qt::ISODateWithMs)
                                       : QDateTime::fromSecsSinceEpoch(created.toInteger(), Qt::UTC);
        QJsonObject labels = o.value(QLatin1String("Labels")).toObject();
        if (labels.isEmpty())
            labels = o.value(QLatin1String("Config")).toObject().value(QLatin1String("Labels")).toObject();
        i.labels = ContainerSummary::labelsFrom(labels);
        i.raw = o;
        return i;
    }
};

} // namespace stagehand
