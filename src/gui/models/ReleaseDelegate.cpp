#include "models/ReleaseDelegate.h"

#include "models/ReleaseModel.h"

#include <QPainter>

#include <algorithm>

namespace stagehand {

ReleaseDelegate::ReleaseDelegate(QObject *parent)
    : PaintingDelegate(parent)
{
}

QColor ReleaseDelegate::outcomeColour(const QString &outcome)
{
    if (outcome == u"succeeded" || outcome == u"ready")
        return {0x2e, 0x9d, 0x4f};
    if (outcome == u"failed")
        return {0xc6, 0x28, 0x28};
    if (outcome == u"running")
        return {0x2e, 0x7d, 0xc4};
    return {0x9a, 0x9a, 0x9a};
}

void ReleaseDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(ReleaseModel::OutcomeBadgeRole).toBool()) {
        PaintingDelegate::paint(painter, option, index);
        return;
    }
    const QStyleOptionViewItem opt = paintFrame(painter, option, index);
    const QString outcome = index.data(ReleaseModel::OutcomeRole).toString();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = outcomeColour(outcome);
    const QRect box = opt.rect.adjusted(6, 0, -4, 0);
    const int d = std::min(10, box.height() - 6);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawEllipse(QRect(box.left(), box.center().y() - d / 2 + 1, d, d));
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(selected ? opt.palette.highlightedText().color()
                             : (outcome == u"failed" ? colour : opt.palette.text().color()));
    painter->setFont(opt.font);
    const QRect textRect = box.adjusted(d + 6, 0, 0, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, opt.fontMetrics.elidedText(opt.text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize ReleaseDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = PaintingDelegate::sizeHint(option, index);
    if (index.data(ReleaseModel::OutcomeBadgeRole).toBool())
        size.rwidth() += 20;
    return size;
}

} // namespace stagehand
