#pragma once

#include "models/PaintingDelegate.h"

namespace stagehand {

// Paints the images list: dangling images' "<none>" greyed and in italics, a dot before "Used by"
// (green: containers use the image, grey: none), and the size as a small bar against the largest image.
class ImageDelegate final : public PaintingDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageDelegate)

public:
    explicit ImageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace stagehand
