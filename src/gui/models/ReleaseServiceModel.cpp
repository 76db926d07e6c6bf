#include "models/ReleaseServiceModel.h"

#include "models/DeployModel.h"
#include "models/ReleaseModel.h"

namespace stagehand {

ReleaseServiceModel::ReleaseServiceModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ReleaseServiceModel::setServices(QList<ServiceRelease> services)
{
    if (services == m_services)
        return;
    beginResetModel();
    m_services = std::move(services);
    endResetModel();
}

int ReleaseServiceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_services.size());
}

int ReleaseServiceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseServiceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServiceRelease &s = m_services.at(index.row());
    switch (role) {
    case ReleaseModel::OutcomeRole:
        return s.outcome;
    case ReleaseModel::OutcomeBadgeRole:
        return index.column() == Outcome;
    case ChangedRole:
        return s.changed();
    case SortRole:
        return index.column() == Duration ? QVariant(s.durationMs) : QVariant(data(index).toString().toLower());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ImageId:
            return s.imageId;
        case Service:
            return s.configHash.isEmpty() ? s.service : tr("%1 (config hash %2)").arg(s.service, s.configHash.left(12));
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Service:
            return s.service;
        case Image:
            return s.image;
        case ImageId:
            return s.imageId.mid(s.imageId.indexOf(u':') + 1, 12);
        case ReleaseTag:
            return s.releaseTag;
        case Action:
            return s.action;
        case Duration:
            return s.durationMs > 0 ? DeployModel::formatElapsed(s.durationMs) : QString();
        case Outcome:
            return s.outcome;
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ReleaseServiceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Service: return tr("Service");
    case Image: return tr("Image");
    case ImageId: return tr("Image ID");
    case ReleaseTag: return tr("Release tag");
    case Action: return tr("Action");
    case Duration: return tr("Duration");
    case Outcome: return tr("Outcome");
    default: return {};
    }
}

} // namespace stagehand
