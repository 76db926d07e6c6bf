#include "models/FindingsFilterProxyModel.h"

#include "models/FindingsModel.h"

namespace stagehand {

FindingsFilterProxyModel::FindingsFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FindingsFilterProxyModel::setMaximumSeverity(int severity)
{
    m_maximumSeverity = severity;
    invalidateFilter();
}

void FindingsFilterProxyModel::setFilterText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool FindingsFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (first.data(FindingsModel::SeverityRole).toInt() > m_maximumSeverity)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(sourceParent); ++column) {
        if (model->index(sourceRow, column, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool FindingsFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == FindingsModel::Severity)
        return left.data(FindingsModel::SeverityRole).toInt() < right.data(FindingsModel::SeverityRole).toInt();
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace stagehand
