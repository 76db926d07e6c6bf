#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Filters a plan's actions: the ones that change something, and with showUnchanged also those that
// keep what exists. Drift lines go with their action. Keeps the plan's order.
class PlanFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanFilterProxyModel)

public:
    explicit PlanFilterProxyModel(QObject *parent = nullptr);

    void setShowUnchanged(bool show);
    bool showUnchanged() const { return m_showUnchanged; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_showUnchanged = false;
};

} // namespace stagehand
