#include "models/PortMapModel.h"

namespace stagehand {

PortMapModel::PortMapModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PortMapModel::setPortMap(PortMap map)
{
    beginResetModel();
    m_map = std::move(map);
    endResetModel();
}

const PortMap::Cell *PortMapModel::cellAt(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return nullptr;
    return &m_map.rows.at(index.row()).cells.at(index.column());
}

int PortMapModel::conflictCount() const
{
    return int(std::count_if(m_map.rows.cbegin(), m_map.rows.cend(), [](const PortMap::Row &r) { return r.hasConflict(); }));
}

int PortMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_map.rows.size());
}

int PortMapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_map.columns.size());
}

QVariant PortMapModel::data(const QModelIndex &index, int role) const
{
    const PortMap::Cell *cell = cellAt(index);
    if (!cell)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (cell->state == PortMap::Cell::State::Free)
            return {};
        return QString(cell->holders.value(0).section(QLatin1Char(' '), 0, 0)
                       + (cell->holders.size() > 1 ? QStringLiteral(" +%1").arg(cell->holders.size() - 1) : QString()));
    case Qt::ToolTipRole: {
        QStringList lines = cell->holders;
        if (cell->state == PortMap::Cell::State::Free)
            lines.append(tr("free"));
        if (cell->suggestion)
            lines.append(tr("Suggestion: move %1 to port %2").arg(cell->suggestion->service).arg(cell->suggestion->port));
        return lines.join(QLatin1Char('\n'));
    }
    case StateRole:
        return int(cell->state);
    case HasSuggestionRole:
        return cell->suggestion.has_value();
    case RowHasConflictRole:
        return m_map.rows.at(index.row()).hasConflict();
    default:
        return {};
    }
}

QVariant PortMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section == m_map.columns.size() - 1 ? tr("Host") : m_map.columns.value(section);
    if (section < 0 || section >= m_map.rows.size())
        return {};
    const PortMap::Row &row = m_map.rows.at(section);
    const QString port = row.portEnd > row.port ? QStringLiteral("%1-%2").arg(row.port).arg(row.portEnd) : QString::number(row.port);
    return QStringLiteral("%1/%2").arg(port, row.protocol);
}

} // namespace stagehand
