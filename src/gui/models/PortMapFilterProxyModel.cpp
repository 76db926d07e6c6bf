#include "models/PortMapFilterProxyModel.h"

#include "models/PortMapModel.h"

namespace stagehand {

PortMapFilterProxyModel::PortMapFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void PortMapFilterProxyModel::setConflictsOnly(bool only)
{
    m_conflictsOnly = only;
    invalidateFilter();
}

bool PortMapFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_conflictsOnly)
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(PortMapModel::RowHasConflictRole).toBool();
}

} // namespace stagehand
