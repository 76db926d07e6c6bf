#pragma once

#include "models/PaintingDelegate.h"

namespace stagehand {

// Paints the container tree's state (a coloured dot: green running, amber paused or restarting, grey
// created or exited, red dead; groups: green all running, amber some, grey none), health (a dot:
// green healthy, amber starting, red unhealthy) and small CPU and memory usage bars (memory against
// its limit, CPU against one CPU; beyond one CPU the bar is full).
class ContainerDelegate final : public PaintingDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerDelegate)

public:
    explicit ContainerDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor stateColour(const QString &state);
    static QColor healthColour(const QString &health);

private:
    void paintBar(QPainter *painter, const QStyleOptionViewItem &opt, double fraction, const QString &text) const;
};

} // namespace stagehand
