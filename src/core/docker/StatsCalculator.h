#pragma once

#include "docker/StatsSample.h"

#include <QJsonObject>

namespace stagehand {

// Computes what the docker CLI 20.10 `docker stats` shows from one stats object of the engine
// (GET /containers/{id}/stats, Linux), the way cli/command/container/stats_helpers.go does:
// - CPU %: cpu_delta / system_delta * online_cpus * 100, the deltas between cpu_stats and
//   precpu_stats (total_usage, system_cpu_usage); online_cpus from cpu_stats.online_cpus, else the
//   length of percpu_usage; 0 unless both deltas are positive.
// - memory usage: usage minus the inactive file cache: stats.total_inactive_file if that key exists
//   and is < usage (cgroup v1), else stats.inactive_file if < usage (cgroup v2, and v1 as fallback),
//   else usage unchanged. Not "usage - cache": that was docker 19.03 and older.
// - memory %: usage / limit * 100, 0 when the limit is 0.
// - network: rx_bytes / tx_bytes summed over every interface of "networks".
// - block I/O: blkio_stats.io_service_bytes_recursive values summed by op, an op starting with
//   "r"/"R" counting as read and "w"/"W" as write (exactly the CLI's test; the engine's ops are
//   "Read", "Write", "Sync", "Async", "Discard", "Total", or lower case on cgroup v2).
// - pids: pids_stats.current.
// Missing fields count as 0. JSON numbers are doubles, so counters beyond 2^53 lose their last bits.
class StatsCalculator {
public:
    static StatsSample fromJson(const QJsonObject &stats);
};

} // namespace stagehand
