#pragma once

#include "util/SourceLocation.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace stagehand {

// A top-level named volume.
struct VolumeDefinition {
    QString key;
    QString name; // "<project>_<key>" unless given or external
    QString driver;
    QMap<QString, QString> driverOpts;
    bool external = false;
    QMap<QString, QString> labels;
    QJsonObject other;
    SourceLocation location;
};

} // namespace stagehand
