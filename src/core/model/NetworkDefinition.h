#pragma once

#include "util/SourceLocation.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace stagehand {

// A top-level network.
struct NetworkDefinition {
    struct IpamPool {
        QString subnet;
        QString ipRange;
        QString gateway;
        QMap<QString, QString> auxAddresses;
    };

    QString key;       // the name in the file
    QString name;      // the engine's name: "<project>_<key>" unless given or external
    QString driver;
    QMap<QString, QString> driverOpts;
    QString ipamDriver;
    QList<IpamPool> ipamConfig;
    QMap<QString, QString> ipamOptions;
    bool external = false;
    bool internal = false;
    bool attachable = false;
    std::optional<bool> enableIpv6;
    QMap<QString, QString> labels;
    QJsonObject other;
    SourceLocation location;
};

} // namespace stagehand
