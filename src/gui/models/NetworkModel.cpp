#include "models/NetworkModel.h"

#include "engine/EngineCall.h"

namespace stagehand {

NetworkModel::NetworkModel(QObject *parent)
    : EngineListModel<NetworkRow>(parent)
{
}

EngineFilters NetworkModel::eventFilters() const
{
    // A container's start too: the list may still show it unattached when the connect event comes
    // (the engine updates what it lists once the start is through).
    return {{QStringLiteral("type"), {QStringLiteral("network"), QStringLiteral("container")}},
            {QStringLiteral("event"),
             {QStringLiteral("create"), QStringLiteral("connect"), QStringLiteral("disconnect"), QStringLiteral("destroy"),
              QStringLiteral("remove"), QStringLiteral("start")}}};
}

void NetworkModel::refresh(quint64 generation)
{
    whenDone(this, m_client->listContainers(true), [this, generation](const EngineResult<QList<ContainerSummary>> &containers) {
        if (!current(generation) || !m_client)
            return;
        QHash<QString, QStringList> attached; // network id -> container names
        if (containers.ok()) {
            for (const ContainerSummary &c : *containers) {
                const QJsonObject networks =
                    c.raw.value(QLatin1String("NetworkSettings")).toObject().value(QLatin1String("Networks")).toObject();
                for (auto it = networks.begin(); it != networks.end(); ++it) {
                    const QString id = it.value().toObject().value(QLatin1String("NetworkID")).toString();
                    if (!id.isEmpty())
                        attached[id].append(c.name());
                }
            }
        }
        whenDone(this, m_client->listNetworks(),
                 [this, generation, attached](const EngineResult<QList<NetworkSummary>> &networks) {
                     if (!current(generation))
                         return;
                     if (!networks.ok()) {
                         Q_EMIT engineError(networks.error.toString());
                         return;
                     }
                     QList<NetworkRow> rows;
                     for (const NetworkSummary &network : *networks) {
                         QStringList names = attached.value(network.id);
                         names.sort();
                         rows.append({network, names});
                     }
                     finishRefresh(generation, rows);
                 });
    });
}

int NetworkModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Driver:
        return tr("Driver");
    case Subnet:
        return tr("Subnet");
    case Gateway:
        return tr("Gateway");
    case Attached:
        return tr("Attached containers");
    case Project:
        return tr("Compose project");
    default:
        return {};
    }
}

QVariant NetworkModel::data(const QModelIndex &index, int role) const
{
    const NetworkRow *row = rowAt(index.row());
    if (!row || !index.isValid())
        return {};
    const NetworkSummary &n = row->network;
    switch (role) {
    case SortRole:
        if (index.column() == Attached)
            return qint64(row->containers.size());
        return data(index, Qt::DisplayRole).toString().toLower();
    case Qt::ToolTipRole:
        if (index.column() == Attached)
            return row->containers.join(u'\n');
        if (index.column() == Name)
            return tr("%1\nid %2\nscope %3%4").arg(n.name, n.id.left(12), n.scope, n.internal ? tr(", internal") : QString());
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return n.name;
        case Driver:
            return n.internal ? tr("%1 (internal)").arg(n.driver) : n.driver;
        case Subnet:
            return n.subnets.join(QStringLiteral(", "));
        case Gateway:
            return n.gateways.join(QStringLiteral(", "));
        case Attached:
            return row->containers.join(QStringLiteral(", "));
        case Project:
            return n.labels.value(QStringLiteral("com.docker.compose.project"));
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace stagehand
