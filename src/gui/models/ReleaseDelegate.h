#pragma once

#include "models/PaintingDelegate.h"

namespace stagehand {

// Paints the releases list and a release's services: the outcome (the cell with
// ReleaseModel::OutcomeBadgeRole) as a dot and its word (green: succeeded or ready, red: failed,
// blue: running, grey: cancelled or skipped).
class ReleaseDelegate final : public PaintingDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseDelegate)

public:
    explicit ReleaseDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor outcomeColour(const QString &outcome);
};

} // namespace stagehand
