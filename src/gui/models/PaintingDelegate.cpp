#include "models/PaintingDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace stagehand {

QStyleOptionViewItem PaintingDelegate::paintFrame(QPainter *painter, const QStyleOptionViewItem &option,
                                                  const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    opt.text = text;
    return opt;
}

void PaintingDelegate::paintDot(QPainter *painter, const QStyleOptionViewItem &opt, const QColor &colour, const QString &text,
                                const QColor &textColour)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect box = opt.rect.adjusted(6, 0, -4, 0);
    const int d = std::min(10, box.height() - 6);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawEllipse(QRect(box.left(), box.center().y() - d / 2 + 1, d, d));
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(selected ? opt.palette.highlightedText().color()
                             : (textColour.isValid() ? textColour : opt.palette.text().color()));
    painter->setFont(opt.font);
    const QRect textRect = box.adjusted(d + 6, 0, 0, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

} // namespace stagehand
