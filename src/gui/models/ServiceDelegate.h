#pragma once

#include "models/PaintingDelegate.h"

namespace stagehand {

// Paints the services table's health column as a status dot (a healthcheck or not) and marks
// services without resource limits, so the eye finds what is missing.
class ServiceDelegate final : public PaintingDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceDelegate)

public:
    explicit ServiceDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace stagehand
