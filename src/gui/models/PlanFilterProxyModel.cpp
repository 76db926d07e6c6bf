#include "models/PlanFilterProxyModel.h"

#include "models/PlanModel.h"

namespace stagehand {

PlanFilterProxyModel::PlanFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void PlanFilterProxyModel::setShowUnchanged(bool show)
{
    if (show == m_showUnchanged)
        return;
    m_showUnchanged = show;
    invalidateFilter();
}

bool PlanFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_showUnchanged || sourceParent.isValid())
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(PlanModel::ChangesRole).toBool();
}

} // namespace stagehand
