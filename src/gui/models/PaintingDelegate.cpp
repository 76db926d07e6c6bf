#include "models/PaintingDelegate.h"

#include <QApplication>
#include <QStyle>

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

} // namespace stagehand
