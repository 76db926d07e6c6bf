#include "models/ReleaseFilterProxyModel.h"

#include "models/ReleaseModel.h"

namespace stagehand {

ReleaseFilterProxyModel::ReleaseFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ReleaseModel::SortRole);
    setDynamicSortFilter(true);
}

void ReleaseFilterProxyModel::setFilterText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

void ReleaseFilterProxyModel::setOutcomeFilter(const QString &outcome)
{
    m_outcome = outcome;
    invalidateFilter();
}

bool ReleaseFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_outcome.isEmpty() && index.data(ReleaseModel::OutcomeRole).toString() != m_outcome)
        return false;
    return m_text.isEmpty() || index.data(ReleaseModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace stagehand
