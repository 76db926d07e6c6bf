#include "detail/StatsChartsWidget.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace stagehand {

namespace {

constexpr double MiB = 1024.0 * 1024.0;
constexpr double KiB = 1024.0;

QLineSeries *series(const QString &name, const QColor &colour, Qt::PenStyle style = Qt::SolidLine)
{
    auto *s = new QLineSeries;
    s->setName(name);
    QPen pen(colour);
    pen.setWidthF(2);
    pen.setStyle(style);
    s->setPen(pen);
    return s;
}

// A round upper bound for an axis showing values up to value.
double niceMaximum(double value, double minimum)
{
    value = std::max(value, minimum);
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 1.2, 1.6, 2.0, 2.4, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

QString bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

constexpr int AxisTicks = 5;

// 0..maximum, with as many decimals as the tick steps need (no "1, 1, 2, 2" labels).
void setAxisMaximum(QValueAxis *axis, double maximum)
{
    axis->setRange(0, maximum);
    const double step = maximum / (AxisTicks - 1);
    int decimals = 0;
    while (decimals < 3 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-9)
        ++decimals;
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
}

} // namespace

StatsChartsWidget::StatsChartsWidget(QWidget *parent)
    : QWidget(parent)
{
    m_cpu = series(tr("CPU"), QColor(0x1f, 0x77, 0xb4));
    m_memory = series(tr("Usage"), QColor(0x2c, 0xa0, 0x2c));
    m_memoryLimit = series(tr("Limit"), QColor(0xc6, 0x28, 0x28), Qt::DashLine);
    m_rx = series(tr("Received"), QColor(0x94, 0x67, 0xbd));
    m_tx = series(tr("Sent"), QColor(0xe3, 0x77, 0x0c));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_cpuChart = makeChart(tr("%"), {m_cpu});
    m_memoryChart = makeChart(tr("MiB"), {m_memory, m_memoryLimit});
    m_networkChart = makeChart(tr("KiB/s"), {m_rx, m_tx});
    for (const Chart *c : {&m_cpuChart, &m_memoryChart, &m_networkChart})
        layout->addWidget(c->view, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("statsMessage"));
    m_message->setVisible(false);
    layout->addWidget(m_message);
    refresh();
}

StatsChartsWidget::Chart StatsChartsWidget::makeChart(const QString &yTitle, const QList<QLineSeries *> &lines)
{
    Chart c;
    c.chart = new QChart;
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.chart->legend()->setAlignment(Qt::AlignTop); // on every chart, so that the plot areas line up
    QFont titleFont = c.chart->titleFont();
    titleFont.setBold(true);
    c.chart->setTitleFont(titleFont);
    c.x = new QDateTimeAxis;
    c.x->setFormat(QStringLiteral("HH:mm:ss"));
    c.x->setTickCount(6);
    c.y = new QValueAxis;
    c.y->setTitleText(yTitle);
    c.y->setTickCount(AxisTicks);
    setAxisMaximum(c.y, 1);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    for (QLineSeries *s : lines) {
        c.chart->addSeries(s);
        s->attachAxis(c.x);
        s->attachAxis(c.y);
    }
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumHeight(150);
    return c;
}

void StatsChartsWidget::addSample(const StatsSample &sample)
{
    if (m_history.add(sample))
        refresh();
}

void StatsChartsWidget::clear()
{
    m_history.clear();
    refresh();
}

void StatsChartsWidget::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void StatsChartsWidget::refresh()
{
    QList<QPointF> cpu, memory, limit, rx, tx;
    for (const StatsPoint &p : m_history.points()) {
        const double t = double(p.timeMs);
        cpu.append({t, p.cpuPercent});
        memory.append({t, double(p.memoryUsage) / MiB});
        limit.append({t, double(p.memoryLimit) / MiB});
        rx.append({t, p.rxRate / KiB});
        tx.append({t, p.txRate / KiB});
    }
    m_cpu->replace(cpu);
    m_memory->replace(memory);
    m_memoryLimit->replace(limit);
    m_rx->replace(rx);
    m_tx->replace(tx);

    const qint64 now = m_history.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : m_history.points().back().timeMs;
    const qint64 first = m_history.isEmpty() ? now : m_history.points().front().timeMs;
    // Start with a minute of room so that the first points do not fill the whole width.
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(std::max(now, first + 60 * 1000));
    const QDateTime begin = QDateTime::fromMSecsSinceEpoch(first);
    for (const Chart *c : {&m_cpuChart, &m_memoryChart, &m_networkChart})
        c->x->setRange(begin, end);

    setAxisMaximum(m_cpuChart.y, niceMaximum(m_history.maximumCpu() * 1.2, 5));
    // The limit is drawn when it is in reach; an unlimited container's "limit" is the host's memory.
    const qint64 usage = m_history.maximumMemory();
    const qint64 memoryLimit = m_history.isEmpty() ? 0 : m_history.points().back().memoryLimit;
    const bool limitInReach = memoryLimit > 0 && memoryLimit <= usage * 4;
    setAxisMaximum(m_memoryChart.y, niceMaximum((limitInReach ? double(memoryLimit) * 1.05 : double(usage) * 1.3) / MiB, 1));
    m_memoryLimit->setName(limitInReach || memoryLimit <= 0 ? tr("Limit")
                                                            : tr("Limit: %1 (off the chart)").arg(bytesText(memoryLimit)));
    setAxisMaximum(m_networkChart.y, niceMaximum(m_history.maximumNetworkRate() * 1.2 / KiB, 1));

    if (m_history.isEmpty()) {
        m_cpuChart.chart->setTitle(tr("CPU: no samples yet"));
        m_memoryChart.chart->setTitle(tr("Memory: no samples yet"));
        m_networkChart.chart->setTitle(tr("Network: no samples yet"));
        return;
    }
    const StatsPoint &last = m_history.points().back();
    m_cpuChart.chart->setTitle(tr("CPU: %1 %").arg(last.cpuPercent, 0, 'f', 1));
    m_memoryChart.chart->setTitle(last.memoryLimit > 0
                                      ? tr("Memory: %1 of %2 limit (%3 %)")
                                            .arg(bytesText(last.memoryUsage), bytesText(last.memoryLimit))
                                            .arg(100.0 * double(last.memoryUsage) / double(last.memoryLimit), 0, 'f', 1)
                                      : tr("Memory: %1").arg(bytesText(last.memoryUsage)));
    m_networkChart.chart->setTitle(
        tr("Network: received %1/s, sent %2/s").arg(bytesText(qint64(last.rxRate)), bytesText(qint64(last.txRate))));
}

} // namespace stagehand
