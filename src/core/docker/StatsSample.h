#pragma once

#include <QDateTime>
#include <QString>
#include <QtGlobal>

namespace stagehand {

// The figures `docker stats` shows for one container at one moment (see StatsCalculator).
// memoryUsage excludes the reclaimable page cache, as the docker CLI does; byte counts are cumulative
// since the container started (network, block I/O).
struct StatsSample {
    QDateTime read;           // when the engine read the figures (UTC)
    double cpuPercent = 0;    // 100 = one CPU fully busy; up to onlineCpus * 100
    qint64 memoryUsage = 0;
    qint64 memoryLimit = 0;
    double memoryPercent = 0;
    qint64 networkRx = 0, networkTx = 0, blockRead = 0, blockWrite = 0;
    int pids = 0;

    // Additions beyond the figures docker stats prints.
    QString id;               // the container's full id, when the object has one
    QString name;             // the container's name without the leading "/"
    int onlineCpus = 0;       // the CPU count the percentage was scaled by
    bool hasPreviousCpu = false; // precpu_stats held a reading (false on a stream's first object: cpuPercent 0)
};

} // namespace stagehand
