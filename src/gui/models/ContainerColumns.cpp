#include "models/ContainerColumns.h"

#include "models/ContainerModel.h"

#include <QFont>
#include <QLocale>
#include <QStringList>

namespace stagehand {
namespace {

QString memoryText(qint64 usage, qint64 limit)
{
    const QLocale locale;
    if (limit <= 0)
        return locale.formattedDataSize(usage, 1);
    return QStringLiteral("%1 / %2").arg(locale.formattedDataSize(usage, 1), locale.formattedDataSize(limit, 1));
}

int healthRank(const QString &health)
{
    if (health == u"unhealthy")
        return 3;
    if (health == u"starting")
        return 2;
    if (health == u"healthy")
        return 1;
    return 0;
}

} // namespace

void ContainerGroupTotals::add(const ContainerInfo &c)
{
    ++total;
    running += c.state == u"running";
    if (c.hasStats) {
        ++withStats;
        cpu += c.cpuPercent;
        memory += c.memoryUsage;
    }
    if (healthRank(c.health) > healthRank(worstHealth))
        worstHealth = c.health;
}

QString ContainerColumns::formatUptime(qint64 seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(std::max<qint64>(0, seconds));
    if (seconds < 3600)
        return tr("%1 min").arg(seconds / 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QVariant ContainerColumns::containerData(const ContainerInfo &c, int column, int role)
{
    const qint64 uptime = c.startedAt.isValid() ? c.startedAt.secsTo(QDateTime::currentDateTimeUtc()) : -1;
    switch (role) {
    case ContainerModel::IdRole:
        return c.id;
    case ContainerModel::StateRole:
        return c.state;
    case ContainerModel::HealthRole:
        return c.health;
    case ContainerModel::ProjectRole:
        return c.project();
    case ContainerModel::ServiceRole:
        return c.service();
    case ContainerModel::CpuRole:
        return c.hasStats ? QVariant(c.cpuPercent) : QVariant();
    case ContainerModel::MemoryUsageRole:
        return c.hasStats ? QVariant(c.memoryUsage) : QVariant();
    case ContainerModel::MemoryLimitRole:
        return c.hasStats ? QVariant(c.memoryLimit) : QVariant();
    case ContainerModel::StartedAtRole:
        return c.startedAt;
    case ContainerModel::SearchTextRole:
        return QStringList{c.name, c.image, c.project(), c.service(), c.ports, c.state, c.health, c.id.left(12)}.join(u' ');
    case ContainerModel::SortRole:
        switch (column) {
        case ContainerModel::Cpu:
            return c.hasStats ? c.cpuPercent : -1.0;
        case ContainerModel::Memory:
            return c.hasStats ? c.memoryUsage : qint64(-1);
        case ContainerModel::Uptime:
            return uptime;
        default:
            return containerData(c, column, Qt::DisplayRole).toString().toLower();
        }
    case Qt::ToolTipRole:
        if (column == ContainerModel::Name)
            return tr("%1\nid %2\n%3").arg(c.name, c.id.left(12), c.status.isEmpty() ? c.state : c.status);
        return containerData(c, column, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (column) {
        case ContainerModel::Name:
            return c.name;
        case ContainerModel::State:
            return c.state;
        case ContainerModel::Health:
            return c.health;
        case ContainerModel::Ports:
            return c.ports;
        case ContainerModel::Image:
            return c.image;
        case ContainerModel::Uptime:
            return uptime >= 0 && c.isRunning() ? formatUptime(uptime) : QString();
        case ContainerModel::Cpu:
            return c.hasStats ? QStringLiteral("%1 %").arg(c.cpuPercent, 0, 'f', 1) : QString();
        case ContainerModel::Memory:
            return c.hasStats ? memoryText(c.memoryUsage, c.memoryLimit) : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ContainerColumns::groupData(const ContainerGroupTotals &g, int column, int role)
{
    const QString name = g.project ? (g.other ? tr("Other containers") : g.key) : (g.key.isEmpty() ? tr("(no service)") : g.key);
    const QString state =
        g.running == g.total ? QStringLiteral("running") : (g.running ? QStringLiteral("partial") : QStringLiteral("exited"));
    switch (role) {
    case ContainerModel::StateRole:
        return state;
    case ContainerModel::HealthRole:
        return g.worstHealth;
    case ContainerModel::ProjectRole:
        return g.projectKey;
    case ContainerModel::ServiceRole:
        return g.project ? QString() : g.key;
    case ContainerModel::CpuRole:
        return g.withStats ? QVariant(g.cpu) : QVariant();
    case ContainerModel::MemoryUsageRole:
        return g.withStats ? QVariant(g.memory) : QVariant();
    case ContainerModel::SearchTextRole:
        return name;
    case ContainerModel::SortRole:
        switch (column) {
        case ContainerModel::Cpu:
            return g.withStats ? g.cpu : -1.0;
        case ContainerModel::Memory:
            return g.withStats ? g.memory : qint64(-1);
        case ContainerModel::Uptime:
            return qint64(-1);
        default:
            return QString((g.other ? u'1' : u'0') + name.toLower()); // "Other containers" last
        }
    case Qt::FontRole:
        if (column == ContainerModel::Name && g.project) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DisplayRole:
        switch (column) {
        case ContainerModel::Name:
            return name;
        case ContainerModel::State:
            return tr("%1/%2 running").arg(g.running).arg(g.total);
        case ContainerModel::Health:
            return g.worstHealth;
        case ContainerModel::Cpu:
            return g.withStats ? QStringLiteral("%1 %").arg(g.cpu, 0, 'f', 1) : QString();
        case ContainerModel::Memory:
            return g.withStats ? QLocale().formattedDataSize(g.memory, 1) : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace stagehand
