#include "models/DeployFilterProxyModel.h"

#include "models/DeployModel.h"

namespace stagehand {

DeployFilterProxyModel::DeployFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    // A phase shows when one of its services does.
    setRecursiveFilteringEnabled(true);
}

void DeployFilterProxyModel::setHideUnchanged(bool hide)
{
    if (hide == m_hideUnchanged)
        return;
    m_hideUnchanged = hide;
    invalidateFilter();
}

bool DeployFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_hideUnchanged)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(DeployModel::KindRole).toInt() == int(DeployModel::Kind::Phase))
        return false; // shown through its services (recursive filtering)
    return index.data(DeployModel::ChangedRole).toBool();
}

} // namespace stagehand
