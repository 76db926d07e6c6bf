#include "docker/StatsCalculator.h"

#include "docker/LogLineAssembler.h"

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stagehand {

namespace {

// Engine counters are uint64; QJsonValue holds them as doubles.
double number(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : 0.0;
}

qint64 toInt64(double value)
{
    if (!(value > 0)) // also NaN
        return 0;
    if (value >= 9223372036854775807.0)
        return std::numeric_limits<qint64>::max();
    return qint64(value);
}

double cpuPercent(const QJsonObject &stats, int *onlineCpus, bool *hasPrevious)
{
    const QJsonObject cpu = stats.value(QStringLiteral("cpu_stats")).toObject();
    const QJsonObject precpu = stats.value(QStringLiteral("precpu_stats")).toObject();
    const QJsonObject usage = cpu.value(QStringLiteral("cpu_usage")).toObject();
    const double previousCpu = number(precpu.value(QStringLiteral("cpu_usage")).toObject().value(QStringLiteral("total_usage")));
    const double previousSystem = number(precpu.value(QStringLiteral("system_cpu_usage")));
    *hasPrevious = previousSystem > 0;

    const double cpuDelta = number(usage.value(QStringLiteral("total_usage"))) - previousCpu;
    const double systemDelta = number(cpu.value(QStringLiteral("system_cpu_usage"))) - previousSystem;
    double online = number(cpu.value(QStringLiteral("online_cpus")));
    if (online == 0.0)
        online = double(usage.value(QStringLiteral("percpu_usage")).toArray().size());
    *onlineCpus = int(online);
    if (systemDelta > 0.0 && cpuDelta > 0.0)
        return (cpuDelta / systemDelta) * online * 100.0;
    return 0.0;
}

double memoryUsageNoCache(const QJsonObject &memory)
{
    const double usage = number(memory.value(QStringLiteral("usage")));
    const QJsonObject detail = memory.value(QStringLiteral("stats")).toObject();
    // cgroup v1
    const auto v1 = detail.constFind(QStringLiteral("total_inactive_file"));
    if (v1 != detail.constEnd() && number(*v1) < usage)
        return usage - number(*v1);
    // cgroup v2 (a missing key reads as 0, as a Go map does)
    const double v2 = number(detail.value(QStringLiteral("inactive_file")));
    if (v2 < usage)
        return usage - v2;
    return usage;
}

} // namespace

StatsSample StatsCalculator::fromJson(const QJsonObject &stats)
{
    StatsSample sample;

    if (const auto nanos = LogLineAssembler::parseTimestamp(stats.value(QStringLiteral("read")).toString().toLatin1()))
        sample.read = LogLineAssembler::dateTimeFromNanos(*nanos);
    sample.id = stats.value(QStringLiteral("id")).toString();
    sample.name = stats.value(QStringLiteral("name")).toString();
    if (sample.name.startsWith(QLatin1Char('/')))
        sample.name.remove(0, 1);

    sample.cpuPercent = cpuPercent(stats, &sample.onlineCpus, &sample.hasPreviousCpu);

    const QJsonObject memory = stats.value(QStringLiteral("memory_stats")).toObject();
    const double used = memoryUsageNoCache(memory);
    const double limit = number(memory.value(QStringLiteral("limit")));
    sample.memoryUsage = toInt64(used);
    sample.memoryLimit = toInt64(limit);
    sample.memoryPercent = limit != 0.0 ? used / limit * 100.0 : 0.0;

    const QJsonObject networks = stats.value(QStringLiteral("networks")).toObject();
    double rx = 0, tx = 0;
    for (auto it = networks.constBegin(); it != networks.constEnd(); ++it) {
        const QJsonObject network = it.value().toObject();
        rx += number(network.value(QStringLiteral("rx_bytes")));
        tx += number(network.value(QStringLiteral("tx_bytes")));
    }
    sample.networkRx = toInt64(rx);
    sample.networkTx = toInt64(tx);

    const QJsonArray entries = stats.value(QStringLiteral("blkio_stats")).toObject()
                                   .value(QStringLiteral("io_service_bytes_recursive")).toArray();
    double read = 0, write = 0;
    for (const QJsonValue &entry : entries) {
        const QJsonObject object = entry.toObject();
        const QString op = object.value(QStringLiteral("op")).toString();
        if (op.isEmpty())
            continue;
        const QChar first = op.at(0);
        if (first == QLatin1Char('r') || first == QLatin1Char('R'))
            read += number(object.value(QStringLiteral("value")));
        else if (first == QLatin1Char('w') || first == QLatin1Char('W'))
            write += number(object.value(QStringLiteral("value")));
    }
    sample.blockRead = toInt64(read);
    sample.blockWrite = toInt64(write);

    sample.pids = int(std::min<double>(number(stats.value(QStringLiteral("pids_stats")).toObject()
                                                  .value(QStringLiteral("current"))),
                                       std::numeric_limits<int>::max()));
    return sample;
}

} // namespace stagehand
