#pragma once

#include "detail/StatsHistory.h"
#include "docker/StatsSample.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace stagehand {

// History charts of one container's stats (the last StatsHistory::window()): CPU %, memory
// usage against its limit (MiB), network receive/transmit rates (KiB/s), each with its current
// figures in the title.
class StatsChartsWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsChartsWidget)

public:
    explicit StatsChartsWidget(QWidget *parent = nullptr);

    void addSample(const StatsSample &sample);
    void clear();
    // A line under the charts ("stats stream stopped: ..."); empty hides it.
    void setMessage(const QString &message);

    const StatsHistory &history() const { return m_history; }
    QLineSeries *cpuSeries() const { return m_cpu; }
    QLineSeries *memorySeries() const { return m_memory; }
    QLineSeries *memoryLimitSeries() const { return m_memoryLimit; }
    QLineSeries *rxSeries() const { return m_rx; }
    QLineSeries *txSeries() const { return m_tx; }

private:
    struct Chart {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QDateTimeAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };
    Chart makeChart(const QString &yTitle, const QList<QLineSeries *> &series);
    void refresh();

    StatsHistory m_history;
    QLineSeries *m_cpu = nullptr;
    QLineSeries *m_memory = nullptr;
    QLineSeries *m_memoryLimit = nullptr;
    QLineSeries *m_rx = nullptr;
    QLineSeries *m_tx = nullptr;
    Chart m_cpuChart;
    Chart m_memoryChart;
    Chart m_networkChart;
    QLabel *m_message = nullptr;
};

} // namespace stagehand
