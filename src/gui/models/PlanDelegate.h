#pragma once

#include "deploy/DeployPlan.h"
#include "models/PaintingDelegate.h"

namespace stagehand {

// Paints a plan's actions: the action as a coloured badge (green: create, amber: recreate, blue:
// start and restart, red: remove, violet: pull and build, grey: keep), and drift lines in a fixed
// font, greyed.
class PlanDelegate final : public PaintingDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanDelegate)

public:
    explicit PlanDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor kindColour(PlanAction::Kind kind);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace stagehand
