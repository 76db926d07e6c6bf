#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Shows every port of the map, or only the ports in conflict.
class PortMapFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortMapFilterProxyModel)

public:
    explicit PortMapFilterProxyModel(QObject *parent = nullptr);

    void setConflictsOnly(bool only);
    bool conflictsOnly() const { return m_conflictsOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_conflictsOnly = false;
};

} // namespace stagehand
