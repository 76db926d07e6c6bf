#include "models/ContainerFilterProxyModel.h"

#include "models/ContainerModel.h"

#include <algorithm>

namespace stagehand {

ContainerFilterProxyModel::ContainerFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(ContainerModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void ContainerFilterProxyModel::setFilterText(const QString &text)
{
    m_text = text;
    m_words = text.split(u' ', Qt::SkipEmptyParts);
    invalidateFilter();
}

void ContainerFilterProxyModel::setProjectFilter(const QString &project)
{
    m_project = project;
    invalidateFilter();
}

void ContainerFilterProxyModel::setStateFilter(StateFilter state)
{
    m_state = state;
    invalidateFilter();
}

bool ContainerFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(ContainerModel::KindRole).toInt() != int(ContainerModel::Kind::Container))
        return false; // groups show through their containers (recursive filtering)
    if (!m_project.isNull() && index.data(ContainerModel::ProjectRole).toString() != m_project)
        return false;
    const QString state = index.data(ContainerModel::StateRole).toString();
    switch (m_state) {
    case StateFilter::Any:
        break;
    case StateFilter::Running:
        if (state != u"running")
            return false;
        break;
    case StateFilter::Stopped:
        if (state == u"running" || state == u"paused" || state == u"restarting")
            return false;
        break;
    case StateFilter::Unhealthy:
        if (index.data(ContainerModel::HealthRole).toString() != u"unhealthy")
            return false;
        break;
    }
    if (m_words.isEmpty())
        return true;
    const QString text = index.data(ContainerModel::SearchTextRole).toString();
    return std::all_of(m_words.cbegin(), m_words.cend(), [&](const QString &w) { return text.contains(w, Qt::CaseInsensitive); });
}

} // namespace stagehand
