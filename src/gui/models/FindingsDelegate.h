#pragma once

#include "models/PaintingDelegate.h"

namespace stagehand {

// Paints a finding's severity as a coloured badge.
class FindingsDelegate final : public PaintingDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsDelegate)

public:
    explicit FindingsDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor severityColour(int severity);
};

} // namespace stagehand
