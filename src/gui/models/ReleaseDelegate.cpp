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
    const QColor colour = outcomeColour(outcome);
    paintDot(painter, opt, colour, opt.text, outcome == u"failed" ? colour : QColor());
}

QSize ReleaseDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = PaintingDelegate::sizeHint(option, index);
    if (index.data(ReleaseModel::OutcomeBadgeRole).toBool())
        size.rwidth() += 20;
    return size;
}

} // namespace stagehand
