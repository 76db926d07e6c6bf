#pragma once

#include <QtGlobal>

namespace stagehand {

// One moment of a container's stats history (see StatsHistory): rates in bytes per second.
struct StatsPoint {
    qint64 timeMs = 0; // ms since the epoch, the engine's read time
    double cpuPercent = 0;
    qint64 memoryUsage = 0;
    qint64 memoryLimit = 0;
    double rxRate = 0;
    double txRate = 0;
};

} // namespace stagehand
