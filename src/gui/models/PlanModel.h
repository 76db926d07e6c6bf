#pragma once

#include "deploy/DeployPlan.h"

#include <QAbstractItemModel>

namespace stagehand {

// A deploy plan's actions as a tree, in the plan's order (networks, volumes, images, then
// containers in start order): one row per action (resource, action, name, why), and under it one
// row per drift line (what differs between the running container and the files).
class PlanModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanModel)

public:
    enum Column { Resource, Action, Name, Why, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // PlanAction::Kind as int (drift rows: their action's)
        ResourceRole,                // PlanAction::Resource as int
        ChangesRole,                 // the action changes something (not "keep")
        DriftRole,                   // a drift line's row
        ServiceRole,
    };

    explicit PlanModel(QObject *parent = nullptr);

    void setPlan(const DeployPlan &plan);
    void clear();
    const QList<PlanAction> &actions() const { return m_actions; }
    // "2 to create, 1 to recreate, 3 unchanged" (containers), with networks, volumes and images when they change.
    QString summary() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PlanAction> m_actions;
};

} // namespace stagehand
