#pragma once

#include "engine/EngineListModel.h"
#include "models/VolumeRow.h"

namespace stagehand {

// The engine's volumes (GET /volumes), their sizes (the Volumes' UsageData of GET /system/df, which
// the engine computes by walking them: asked after the list, filled in when it answers) and the
// containers that mount each (Mounts of GET /containers/json?all=1); refreshed on volume events and
// on container create/destroy (the sizes only when the set of volumes changed).
class VolumeModel final : public EngineListModel<VolumeRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VolumeModel)

public:
    enum Column { Name, Driver, Size, UsedBy, Project, Mountpoint, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, InUseRole };

    explicit VolumeModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool sizesKnown() const { return m_sizesKnown; }

Q_SIGNALS:
    void loaded();
    void sizesLoaded();
    void engineError(const QString &message);

protected:
    EngineFilters eventFilters() const override;
    QString keyOf(const VolumeRow &row) const override { return row.volume.name; }
    void refresh(quint64 generation) override;
    void refreshed() override { Q_EMIT loaded(); }
    void clientChanged() override;

private:
    void loadSizes(quint64 generation);

    QHash<QString, qint64> m_sizes;
    QStringList m_sizedNames; // the volumes when the sizes were last asked for
    bool m_sizesKnown = false;
    bool m_sizing = false;
};

} // namespace stagehand
