#pragma once

#include "analysis/PortMap.h"

#include <QAbstractTableModel>

namespace stagehand {

// The port map as a table: host ports as rows, the environments and the host as columns.
class PortMapModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortMapModel)

public:
    enum Role { StateRole = Qt::UserRole + 1, HasSuggestionRole, RowHasConflictRole };

    explicit PortMapModel(QObject *parent = nullptr);

    void setPortMap(PortMap map);
    const PortMap &portMap() const { return m_map; }
    const PortMap::Cell *cellAt(const QModelIndex &index) const;
    int conflictCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PortMap m_map;
};

} // namespace stagehand
