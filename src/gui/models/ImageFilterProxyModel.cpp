#include "models/ImageFilterProxyModel.h"

#include "models/ImageModel.h"

namespace stagehand {

ImageFilterProxyModel::ImageFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ImageModel::SortRole);
    setDynamicSortFilter(true);
}

void ImageFilterProxyModel::setFilterText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

void ImageFilterProxyModel::setDanglingOnly(bool danglingOnly)
{
    m_danglingOnly = danglingOnly;
    invalidateFilter();
}

bool ImageFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex first = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_danglingOnly && !first.data(ImageModel::DanglingRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {int(ImageModel::Tags), int(ImageModel::Id), int(ImageModel::UsedBy)}) {
        const QModelIndex index = sourceModel()->index(sourceRow, column, sourceParent);
        if (index.data(Qt::ToolTipRole).toString().contains(m_text, Qt::CaseInsensitive) ||
            index.data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace stagehand
