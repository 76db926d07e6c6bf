#pragma once

#include "deploy/ServiceRollout.h"
#include "models/PaintingDelegate.h"

namespace stagehand {

// Paints the deploy tree: a state glyph before each service's state (a grey ring: pending, an amber
// ring: waiting, a blue arc: creating, starting or probing, a green check: ready, a red cross:
// failed, a grey dash: skipped), a bar under each phase's state (the share of its services that
// are ready), the engine's health as a dot, and the plan's intended action (before the deploy
// reaches the service) greyed and in italics. Phase names are bold.
class DeployDelegate final : public PaintingDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployDelegate)

public:
    explicit DeployDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor stateColour(ServiceRollout::State state);
    static QColor healthColour(const QString &health);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintGlyph(QPainter *painter, const QRectF &box, ServiceRollout::State state) const;
};

} // namespace stagehand
