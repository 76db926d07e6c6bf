#include "models/PlanModel.h"

#include <QMap>

namespace stagehand {
namespace {

constexpr quintptr ActionId = 0; // internalId of action rows; drift rows carry their action's row + 1

} // namespace

PlanModel::PlanModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void PlanModel::setPlan(const DeployPlan &plan)
{
    beginResetModel();
    m_actions = plan.actions;
    endResetModel();
}

void PlanModel::clear()
{
    beginResetModel();
    m_actions.clear();
    endResetModel();
}

QString PlanModel::summary() const
{
    using Kind = PlanAction::Kind;
    QMap<Kind, int> containers;
    int networks = 0, volumes = 0, pulls = 0, builds = 0;
    for (const PlanAction &a : m_actions) {
        switch (a.resource) {
        case PlanAction::Resource::Container:
            containers[a.kind] += 1;
            break;
        case PlanAction::Resource::Network:
            networks += a.kind == Kind::Create;
            break;
        case PlanAction::Resource::Volume:
            volumes += a.kind == Kind::Create;
            break;
        case PlanAction::Resource::Image:
            pulls += a.kind == Kind::Pull;
            builds += a.kind == Kind::Build;
            break;
        }
    }
    QStringList parts;
    if (containers.value(Kind::Create))
        parts.append(tr("%n container(s) to create", nullptr, containers.value(Kind::Create)));
    if (containers.value(Kind::Recreate))
        parts.append(tr("%n to recreate", nullptr, containers.value(Kind::Recreate)));
    if (containers.value(Kind::Start))
        parts.append(tr("%n to start", nullptr, containers.value(Kind::Start)));
    if (containers.value(Kind::Restart))
        parts.append(tr("%n to restart", nullptr, containers.value(Kind::Restart)));
    if (containers.value(Kind::Remove))
        parts.append(tr("%n to remove", nullptr, containers.value(Kind::Remove)));
    if (containers.value(Kind::Keep))
        parts.append(tr("%n unchanged", nullptr, containers.value(Kind::Keep)));
    if (networks)
        parts.append(tr("%n network(s) to create", nullptr, networks));
    if (volumes)
        parts.append(tr("%n volume(s) to create", nullptr, volumes));
    if (pulls)
        parts.append(tr("%n image(s) to pull", nullptr, pulls));
    if (builds)
        parts.append(tr("%n image(s) to build", nullptr, builds));
    return parts.isEmpty() ? tr("nothing to change") : parts.join(QStringLiteral(", "));
}

QModelIndex PlanModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_actions.size() ? createIndex(row, column, ActionId) : QModelIndex();
    if (parent.internalId() != ActionId || parent.column() != 0 || parent.row() >= m_actions.size())
        return {};
    return row < m_actions.at(parent.row()).drift.size() ? createIndex(row, column, quintptr(parent.row()) + 1) : QModelIndex();
}

QModelIndex PlanModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == ActionId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, ActionId);
}

int PlanModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_actions.size());
    if (parent.internalId() != ActionId || parent.column() != 0 || parent.row() >= m_actions.size())
        return 0;
    return int(m_actions.at(parent.row()).drift.size());
}

int PlanModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool drift = index.internalId() != ActionId;
    const PlanAction &a = m_actions.at(drift ? int(index.internalId() - 1) : index.row());
    switch (role) {
    case KindRole:
        return int(a.kind);
    case ResourceRole:
        return int(a.resource);
    case ChangesRole:
        return a.changes();
    case DriftRole:
        return drift;
    case ServiceRole:
        return a.service;
    case Qt::ToolTipRole:
        if (drift)
            return a.drift.at(index.row());
        if (index.column() == Name && !a.containerId.isEmpty())
            return tr("%1 (container %2)").arg(a.name, a.containerId.left(12));
        return a.drift.isEmpty() ? a.reason : a.reason + u'\n' + a.drift.join(u'\n');
    case Qt::DisplayRole:
        if (drift)
            return index.column() == Why ? a.drift.at(index.row()) : QString();
        switch (index.column()) {
        case Resource:
            return PlanAction::resourceName(a.resource);
        case Action:
            return PlanAction::kindName(a.kind);
        case Name:
            return a.name;
        case Why:
            return a.reason;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant PlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Resource: return tr("Resource");
    case Action: return tr("Action");
    case Name: return tr("Name");
    case Why: return tr("Why");
    default: return {};
    }
}

} // namespace stagehand
