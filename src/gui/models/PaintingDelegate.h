#pragma once

#include <QStyledItemDelegate>

namespace stagehand {

// A delegate that paints some of its cells itself: paintFrame() draws the cell as the style would
// (background, selection, focus) but without its text, and returns the initialised option with the
// text still in it, for the subclass to draw its dot, bar or badge and the text beside it.
class PaintingDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    QStyleOptionViewItem paintFrame(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // A coloured dot and the text beside it, elided, in the cell of opt; the text in textColour
    // (invalid: the palette's text or highlighted text).
    static void paintDot(QPainter *painter, const QStyleOptionViewItem &opt, const QColor &colour, const QString &text,
                         const QColor &textColour = {});
};

} // namespace stagehand
