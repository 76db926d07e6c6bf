#include "models/ServiceDelegate.h"

#include "models/ServiceTableModel.h"

#include <QPainter>

namespace stagehand {

ServiceDelegate::ServiceDelegate(QObject *parent)
    : PaintingDelegate(parent)
{
}

void ServiceDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != ServiceTableModel::Health && index.column() != ServiceTableModel::Limits) {
        PaintingDelegate::paint(painter, option, index);
        return;
    }
    const QStyleOptionViewItem opt = paintFrame(painter, option, index);
    const QString text = opt.text;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect box = opt.rect.adjusted(6, 0, -4, 0);
    const int d = std::min(10, box.height() - 6);
    const QRect dot(box.left(), box.center().y() - d / 2, d, d);
    const bool present = !text.isEmpty();
    QColor colour;
    if (index.column() == ServiceTableModel::Health)
        colour = present ? QColor(0x2e, 0x9d, 0x4f) : QColor(0x9a, 0x9a, 0x9a);
    else
        colour = present ? QColor(0x2e, 0x7d, 0xc4) : QColor(0xd9, 0x8c, 0x1f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawEllipse(dot);
    const QString shown = present ? text : (index.column() == ServiceTableModel::Health ? tr("none") : tr("no limits"));
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.highlightedText().color()
                                                       : (present ? opt.palette.text().color() : colour));
    const QRect textRect = box.adjusted(d + 6, 0, 0, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      opt.fontMetrics.elidedText(shown, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize ServiceDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = PaintingDelegate::sizeHint(option, index);
    if (index.column() == ServiceTableModel::Health || index.column() == ServiceTableModel::Limits)
        size.rwidth() += 20;
    return size;
}

} // namespace stagehand
