#pragma once

#include "engine/EngineListModel.h"
#include "models/NetworkRow.h"

namespace stagehand {

// The engine's networks (GET /networks: driver, scope, IPAM subnets) and the containers attached to
// each (NetworkSettings.Networks of GET /containers/json?all=1, matched by network id); refreshed on
// network events (create, connect, disconnect, destroy) and on container create/start/destroy.
class NetworkModel final : public EngineListModel<NetworkRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkModel)

public:
    enum Column { Name, Driver, Subnet, Gateway, Attached, Project, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit NetworkModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void engineError(const QString &message);

protected:
    EngineFilters eventFilters() const override;
    QString keyOf(const NetworkRow &row) const override { return row.network.id; }
    void refresh(quint64 generation) override;
    void refreshed() override { Q_EMIT loaded(); }
};

} // namespace stagehand
