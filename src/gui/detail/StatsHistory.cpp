#include "detail/StatsHistory.h"

#include <algorithm>

namespace stagehand {

StatsHistory::StatsHistory(qint64 windowMs, int maximumPoints)
    : m_windowMs(std::max<qint64>(1, windowMs))
    , m_maximumPoints(std::max(1, maximumPoints))
{
}

bool StatsHistory::add(const StatsSample &sample)
{
    if (!sample.read.isValid())
        return false;
    const qint64 time = sample.read.toMSecsSinceEpoch();
    if (time <= 0 || (m_lastTimeMs != 0 && time <= m_lastTimeMs))
        return false;

    StatsPoint point;
    point.timeMs = time;
    point.cpuPercent = sample.cpuPercent;
    point.memoryUsage = sample.memoryUsage;
    point.memoryLimit = sample.memoryLimit;
    if (m_lastTimeMs != 0 && m_lastRx >= 0) {
        const double seconds = double(time - m_lastTimeMs) / 1000.0;
        if (sample.networkRx >= m_lastRx)
            point.rxRate = double(sample.networkRx - m_lastRx) / seconds;
        if (sample.networkTx >= m_lastTx)
            point.txRate = double(sample.networkTx - m_lastTx) / seconds;
    }
    m_lastRx = sample.networkRx;
    m_lastTx = sample.networkTx;
    m_lastTimeMs = time;

    m_points.push_back(point);
    while (!m_points.empty() && (m_points.front().timeMs < time - m_windowMs || int(m_points.size()) > m_maximumPoints))
        m_points.pop_front();
    return true;
}

void StatsHistory::clear()
{
    m_points.clear();
    m_lastRx = m_lastTx = -1;
    m_lastTimeMs = 0;
}

double StatsHistory::maximumCpu() const
{
    double out = 0;
    for (const StatsPoint &p : m_points)
        out = std::max(out, p.cpuPercent);
    return out;
}

qint64 StatsHistory::maximumMemory() const
{
    qint64 out = 0;
    for (const StatsPoint &p : m_points)
        out = std::max(out, p.memoryUsage);
    return out;
}

double StatsHistory::maximumNetworkRate() const
{
    double out = 0;
    for (const StatsPoint &p : m_points)
        out = std::max({out, p.rxRate, p.txRate});
    return out;
}

} // namespace stagehand
