#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Filters the deploy tree: with hideUnchanged, only the services whose containers the deploy
// creates, recreates, starts or restarts (and the phases holding one). The order is the model's
// (phases and start order), never sorted.
class DeployFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployFilterProxyModel)

public:
    explicit DeployFilterProxyModel(QObject *parent = nullptr);

    void setHideUnchanged(bool hide);
    bool hideUnchanged() const { return m_hideUnchanged; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_hideUnchanged = false;
};

} // namespace stagehand
