#pragma once

#include "docker/VolumeSummary.h"

#include <QStringList>

namespace stagehand {

// One volume of the volumes list: its size on disk (from GET /system/df; -1 until known) and the
// containers (names) that mount it.
struct VolumeRow {
    VolumeSummary volume;
    qint64 size = -1;
    QStringList containers;
};

} // namespace stagehand
