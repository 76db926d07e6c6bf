#pragma once

#include "engine/EngineListModel.h"
#include "models/ImageRow.h"

namespace stagehand {

// The engine's images (GET /images/json) and which containers use each (by image id, from
// GET /containers/json?all=1), refreshed on image events (pull, tag, untag, delete, load, import)
// and on container create/destroy.
class ImageModel final : public EngineListModel<ImageRow> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageModel)

public:
    enum Column { Tags, Id, Size, Created, UsedBy, ColumnCount };
    enum Role { DanglingRole = Qt::UserRole + 1, IdRole, InUseRole, SortRole, SizeRole };

    explicit ImageModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    int rowOfReference(const QString &reference) const; // a tag ("repo:tag") or an id

Q_SIGNALS:
    void loaded();
    void engineError(const QString &message);

protected:
    EngineFilters eventFilters() const override;
    QString keyOf(const ImageRow &row) const override { return row.image.id; }
    void refresh(quint64 generation) override;
    void refreshed() override { Q_EMIT loaded(); }
};

} // namespace stagehand
