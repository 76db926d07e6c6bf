#pragma once

#include "docker/ContainerSummary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stagehand {

// One network (GET /networks, GET /networks/{id}).
struct NetworkSummary {
    QString id;
    QString name;
    QString driver;
    QString scope;
    bool internal = false;
    QStringList subnets;   // IPAM.Config[].Subnet
    QStringList gateways;  // IPAM.Config[].Gateway
    QMap<QString, QString> labels;
    QStringList containerIds; // inspect only
    QJsonObject raw;

    static NetworkSummary fromJson(const QJsonObject &o)
    {
        NetworkSummary n;
        n.id = o.value(QLatin1String("Id")).toString();
        n.name = o.value(QLatin1String("Name")).toString();
        n.driver = o.value(QLatin1String("Driver")).toString();
        n.scope = o.value(QLatin1String("Scope")).toString();
        n.internal = o.value(QLatin1String("Internal")).toBool();
        const QJsonArray configs = o.value(QLatin1String("IPAM")).toObject().value(QLatin1String("Config")).toArray();
        for (const QJsonValue &c : configs) {
            if (const QString s = c.toObject().value(QLatin1String("Subnet")).toString(); !s.isEmpty())
                n.subnets.append(s);
            if (const QString g = c.toObject().value(QLatin1String("Gateway")).toString(); !g.isEmpty())
                n.gateways.append(g);
        }
        n.labels = ContainerSummary::labelsFrom(o.value(QLatin1String("Labels")).toObject());
        n.containerIds = o.value(QLatin1String("Containers")).toObject().keys();
        n.raw = o;
        return n;
    }
};

} // namespace stagehand
