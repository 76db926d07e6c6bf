#pragma once

#include "docker/ContainerSummary.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace stagehand {

// One volume (GET /volumes, GET /volumes/{name}, POST /volumes/create).
struct VolumeSummary {
    QString name;
    QString driver;
    QString mountpoint;
    QString scope;
    QString createdAt;
    QMap<QString, QString> labels;
    QJsonObject raw;

    static VolumeSummary fromJson(const QJsonObject &o)
    {
        VolumeSummary v;
        v.name = o.value(QLatin1String("Name")).toString();
        v.driver = o.value(QLatin1String("Driver")).toString();
        v.mountpoint = o.value(QLatin1String("Mountpoint")).toString();
        v.scope = o.value(QLatin1String("Scope")).toString();
        v.createdAt = o.value(QLatin1String("CreatedAt")).toString();
        v.labels = ContainerSummary::labelsFrom(o.value(QLatin1String("Labels")).toObject());
        v.raw = o;
        return v;
    }
};

} // namespace stagehand
