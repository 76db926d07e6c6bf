#include "detail/LogFilterProxyModel.h"

#include "detail/LogModel.h"

namespace stagehand {

LogFilterProxyModel::LogFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void LogFilterProxyModel::setSearchPattern(const QString &pattern)
{
    if (pattern == m_pattern)
        return;
    m_pattern = pattern;
    m_search = QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption);
    if (m_filterToMatches)
        invalidateFilter();
    Q_EMIT searchChanged();
}

void LogFilterProxyModel::setFilterToMatches(bool on)
{
    if (on == m_filterToMatches)
        return;
    m_filterToMatches = on;
    invalidateFilter();
}

void LogFilterProxyModel::setStdoutShown(bool shown)
{
    if (shown == m_stdout)
        return;
    m_stdout = shown;
    invalidateFilter();
}

void LogFilterProxyModel::setStderrShown(bool shown)
{
    if (shown == m_stderr)
        return;
    m_stderr = shown;
    invalidateFilter();
}

void LogFilterProxyModel::setSourceShown(int source, bool shown)
{
    if (shown == isSourceShown(source))
        return;
    if (shown)
        m_hiddenSources.remove(source);
    else
        m_hiddenSources.insert(source);
    invalidateFilter();
}

void LogFilterProxyModel::showAllSources()
{
    if (m_hiddenSources.isEmpty())
        return;
    m_hiddenSources.clear();
    invalidateFilter();
}

bool LogFilterProxyModel::textMatches(const QString &text) const
{
    return hasSearch() && m_search.match(text).hasMatch();
}

bool LogFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const bool stderrLine = index.data(LogModel::StderrRole).toBool();
    if (stderrLine ? !m_stderr : !m_stdout)
        return false;
    if (m_hiddenSources.contains(index.data(LogModel::SourceIndexRole).toInt()))
        return false;
    if (m_filterToMatches && !m_pattern.isEmpty())
        return textMatches(index.data(Qt::DisplayRole).toString());
    return true;
}

bool LogFilterProxyModel::rowMatches(int proxyRow) const
{
    return textMatches(index(proxyRow, 0).data(Qt::DisplayRole).toString());
}

int LogFilterProxyModel::findMatch(int from, bool forward) const
{
    const int rows = rowCount();
    if (!hasSearch() || rows == 0)
        return -1;
    int row = from < 0 ? (forward ? -1 : rows) : from;
    for (int step = 0; step < rows; ++step) {
        row = forward ? (row + 1) % rows : (row - 1 + rows) % rows;
        if (rowMatches(row))
            return row;
    }
    return -1;
}

int LogFilterProxyModel::matchCount() const
{
    if (!hasSearch())
        return 0;
    int count = 0;
    for (int row = 0; row < rowCount(); ++row)
        count += rowMatches(row) ? 1 : 0;
    return count;
}

} // namespace stagehand
