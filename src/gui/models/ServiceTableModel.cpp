#include "models/ServiceTableModel.h"

#include "util/Units.h"

#include <QLocale>

namespace stagehand {

ServiceTableModel::ServiceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ServiceTableModel::setEnvironment(const ComposeModel &model)
{
    beginResetModel();
    m_services = model.services.values();
    endResetModel();
}

void ServiceTableModel::clear()
{
    beginResetModel();
    m_services.clear();
    endResetModel();
}

const Service *ServiceTableModel::serviceAt(int row) const
{
    return row >= 0 && row < m_services.size() ? &m_services.at(row) : nullptr;
}

int ServiceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_services.size());
}

int ServiceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ServiceTableModel::portsText(const Service &service)
{
    QStringList parts;
    for (const PortMapping &p : service.ports) {
        if (!p.isPublished()) {
            parts.append(QStringLiteral("%1/%2").arg(p.target).arg(p.protocol));
            continue;
        }
        const QString host = p.hostIp.isEmpty() ? QString() : p.hostIp + QLatin1Char(':');
        const QString published = p.isRange() ? QStringLiteral("%1-%2").arg(p.published).arg(p.publishedEnd) : QString::number(p.published);
        parts.append(QStringLiteral("%1%2→%3/%4").arg(host, published).arg(p.target).arg(p.protocol));
    }
    return parts.join(QStringLiteral(", "));
}

QString ServiceTableModel::healthText(const Service &service)
{
    if (!service.healthcheck || service.healthcheck->test.isEmpty())
        return {};
    const Healthcheck &h = *service.healthcheck;
    if (h.disable || h.test.first() == QLatin1String("NONE"))
        return tr("disabled");
    QString text = h.test.mid(1).join(QLatin1Char(' '));
    if (h.interval)
        text += tr(" every %1").arg(Units::formatDuration(*h.interval));
    return text;
}

QString ServiceTableModel::limitsText(const Service &service)
{
    QStringList parts;
    if (service.limits.cpus)
        parts.append(tr("%1 CPU").arg(*service.limits.cpus));
    if (service.limits.memoryBytes)
        parts.append(QLocale().formattedDataSize(*service.limits.memoryBytes, 1, QLocale::DataSizeTraditionalFormat));
    return parts.join(QStringLiteral(", "));
}

QVariant ServiceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Service &s = m_services.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return s.name;
        case Image: return s.image.isEmpty() && s.build ? tr("build: %1").arg(s.build->context) : s.image;
        case Ports: return portsText(s);
        case Health: return healthText(s);
        case Limits: return limitsText(s);
        case DependsOn: {
            QStringList deps;
            for (const ServiceDependency &d : s.dependsOn)
                deps.append(d.condition == ServiceDependency::Condition::Healthy ? d.service + tr(" (healthy)") : d.service);
            return deps.join(QStringLiteral(", "));
        }
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return s.location.toString();
    return {};
}

QVariant ServiceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Service");
    case Image: return tr("Image");
    case Ports: return tr("Ports");
    case Health: return tr("Health check");
    case Limits: return tr("Limits");
    case DependsOn: return tr("Depends on");
    default: return {};
    }
}

} // namespace stagehand
