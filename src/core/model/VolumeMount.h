#pragma once

#include "util/SourceLocation.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace stagehand {

// A service's volume entry, in the Compose long form.
struct VolumeMount {
    QString type = QStringLiteral("volume"); // volume | bind | tmpfs | npipe | cluster | image
    QString source;                          // named volume, absolute host path, or empty (anonymous)
    QString target;
    bool readOnly = false;
    QString consistency;
    std::optional<bool> createHostPath;      // bind.create_host_path (true for short-syntax binds, as Compose does)
    QJsonObject bindOptions;                 // propagation, selinux, ... as written
    QJsonObject volumeOptions;               // nocopy, subpath
    QJsonObject tmpfsOptions;                // size, mode
    SourceLocation location;
};

} // namespace stagehand
