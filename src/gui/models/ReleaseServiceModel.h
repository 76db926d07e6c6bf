#pragma once

#include "deploy/Release.h"

#include <QAbstractTableModel>

namespace stagehand {

// What one release did to each service: its image (reference, id, the release's tag), the action,
// how long the service took to be ready and how it ended. It answers ReleaseModel's OutcomeRole and
// OutcomeBadgeRole, so that ReleaseDelegate paints both lists.
class ReleaseServiceModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseServiceModel)

public:
    enum Column { Service, Image, ImageId, ReleaseTag, Action, Duration, Outcome, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 100, ChangedRole };

    explicit ReleaseServiceModel(QObject *parent = nullptr);

    void setServices(QList<ServiceRelease> services);
    const QList<ServiceRelease> &services() const { return m_services; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ServiceRelease> m_services;
};

} // namespace stagehand
