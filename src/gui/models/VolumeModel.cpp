#include "models/VolumeModel.h"

#include "engine/EngineCall.h"

#include <QJsonArray>
#include <QLocale>

namespace stagehand {

VolumeModel::VolumeModel(QObject *parent)
    : EngineListModel<VolumeRow>(parent)
{
}

EngineFilters VolumeModel::eventFilters() const
{
    return {{QStringLiteral("type"), {QStringLiteral("volume"), QStringLiteral("container")}},
            {QStringLiteral("event"), {QStringLiteral("create"), QStringLiteral("destroy")}}};
}

void VolumeModel::refresh(quint64 generation)
{
    whenDone(this, m_client->listContainers(true), [this, generation](const EngineResult<QList<ContainerSummary>> &containers) {
        if (!current(generation) || !m_client)
            return;
        QHash<QString, QStringList> users;
        if (containers.ok()) {
            for (const ContainerSummary &c : *containers) {
                for (const QJsonValue &mount : c.raw.value(QLatin1String("Mounts")).toArray()) {
                    const QJsonObject m = mount.toObject();
                    if (m.value(QLatin1String("Type")).toString() == u"volume")
                        users[m.value(QLatin1String("Name")).toString()].append(c.name());
                }
            }
        }
        whenDone(this, m_client->listVolumes(), [this, generation, users](const EngineResult<QList<VolumeSummary>> &volumes) {
            if (!current(generation))
                return;
            if (!volumes.ok()) {
                Q_EMIT engineError(volumes.error.toString());
                return;
            }
            QList<VolumeRow> rows;
            for (const VolumeSummary &volume : *volumes) {
                QStringList names = users.value(volume.name);
                names.sort();
                rows.append({volume, m_sizes.value(volume.name, -1), names});
            }
            finishRefresh(generation, rows);
            // system df walks every volume (and sizes images and containers): only when the set of
            // volumes changed, not on each container event.
            QStringList names;
            for (const VolumeRow &row : std::as_const(m_rows))
                names.append(row.volume.name);
            names.sort();
            if (!m_sizesKnown || names != m_sizedNames) {
                m_sizedNames = names;
                loadSizes(generation);
            }
        });
    });
}

void VolumeModel::clientChanged()
{
    m_sizes.clear();
    m_sizedNames.clear();
    m_sizesKnown = false;
    m_sizing = false;
}

void VolumeModel::loadSizes(quint64 generation)
{
    if (m_sizing || !m_client)
        return;
    m_sizing = true;
    whenDone(this, m_client->diskUsage(), [this, generation](const EngineResult<QJsonObject> &usage) {
        m_sizing = false;
        if (!current(generation) || !usage.ok())
            return;
        m_sizes.clear();
        for (const QJsonValue &v : usage->value(QLatin1String("Volumes")).toArray()) {
            const QJsonObject o = v.toObject();
            m_sizes.insert(o.value(QLatin1String("Name")).toString(),
                           o.value(QLatin1String("UsageData")).toObject().value(QLatin1String("Size")).toInteger(-1));
        }
        for (int row = 0; row < m_rows.size(); ++row) {
            m_rows[row].size = m_sizes.value(m_rows.at(row).volume.name, -1);
            Q_EMIT dataChanged(index(row, Size), index(row, Size));
        }
        m_sizesKnown = true;
        Q_EMIT sizesLoaded();
    });
}

int VolumeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VolumeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Driver:
        return tr("Driver");
    case Size:
        return tr("Size");
    case UsedBy:
        return tr("Used by");
    case Project:
        return tr("Compose project");
    case Mountpoint:
        return tr("Mount point");
    default:
        return {};
    }
}

QVariant VolumeModel::data(const QModelIndex &index, int role) const
{
    const VolumeRow *row = rowAt(index.row());
    if (!row || !index.isValid())
        return {};
    switch (role) {
    case InUseRole:
        return !row->containers.isEmpty();
    case SortRole:
        switch (index.column()) {
        case Size:
            return row->size;
        case UsedBy:
            return qint64(row->containers.size());
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case Qt::ToolTipRole:
        if (index.column() == UsedBy)
            return row->containers.join(u'\n');
        return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
        return index.column() == Size ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return row->volume.name;
        case Driver:
            return row->volume.driver;
        case Size:
            return row->size >= 0 ? QLocale().formattedDataSize(row->size, 1) : QString();
        case UsedBy:
            return row->containers.isEmpty() ? tr("unused") : row->containers.join(QStringLiteral(", "));
        case Project:
            return row->volume.labels.value(QStringLiteral("com.docker.compose.project"));
        case Mountpoint:
            return row->volume.mountpoint;
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace stagehand
