#pragma once

#include "detail/StatsPoint.h"
#include "docker/StatsSample.h"

#include <deque>

namespace stagehand {

// The recent stats of one container, for charts: the points of the last window() milliseconds
// (relative to the newest sample), at most maximumPoints(). Network counters become rates between
// consecutive samples; the first sample, and a counter that went down (the container restarted),
// give rate 0. Samples without a valid read time (a stopped container's) or not newer than the
// last one are ignored.
class StatsHistory {
public:
    static constexpr qint64 DefaultWindowMs = 5 * 60 * 1000;
    static constexpr int DefaultMaximumPoints = 1000;

    explicit StatsHistory(qint64 windowMs = DefaultWindowMs, int maximumPoints = DefaultMaximumPoints);

    // false if the sample was ignored
    bool add(const StatsSample &sample);
    void clear();

    const std::deque<StatsPoint> &points() const { return m_points; }
    bool isEmpty() const { return m_points.empty(); }
    int size() const { return int(m_points.size()); }
    qint64 window() const { return m_windowMs; }
    int maximumPoints() const { return m_maximumPoints; }

    // Maxima over the points held (0 when empty).
    double maximumCpu() const;
    qint64 maximumMemory() const;      // usage
    double maximumNetworkRate() const; // rx or tx

private:
    qint64 m_windowMs;
    int m_maximumPoints;
    std::deque<StatsPoint> m_points;
    qint64 m_lastRx = -1;
    qint64 m_lastTx = -1;
    qint64 m_lastTimeMs = 0;
};

} // namespace stagehand
