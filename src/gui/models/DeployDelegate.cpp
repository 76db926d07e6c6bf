#include "models/DeployDelegate.h"

#include "models/ContainerDelegate.h"
#include "models/DeployModel.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace stagehand {
namespace {

using RolloutState = ServiceRollout::State;

bool isPhase(const QModelIndex &index)
{
    return index.data(DeployModel::KindRole).toInt() == int(DeployModel::Kind::Phase);
}

QColor textColour(const QStyleOptionViewItem &opt)
{
    return opt.state & QStyle::State_Selected ? opt.palette.highlightedText().color() : opt.palette.text().color();
}

} // namespace

DeployDelegate::DeployDelegate(QObject *parent)
    : PaintingDelegate(parent)
{
}

QColor DeployDelegate::stateColour(ServiceRollout::State state)
{
    switch (state) {
    case RolloutState::Ready:
        return {0x2e, 0x9d, 0x4f};
    case RolloutState::Failed:
        return {0xc6, 0x28, 0x28};
    case RolloutState::Waiting:
        return {0xd9, 0x8c, 0x1f};
    case RolloutState::Creating:
    case RolloutState::Starting:
    case RolloutState::Probing:
        return {0x2e, 0x7d, 0xc4};
    case RolloutState::Pending:
    case RolloutState::Skipped:
        break;
    }
    return {0x9a, 0x9a, 0x9a};
}

QColor DeployDelegate::healthColour(const QString &health)
{
    // The containers view's colours; grey for no healthcheck.
    const QColor colour = ContainerDelegate::healthColour(health);
    return colour.isValid() ? colour : QColor(0x9a, 0x9a, 0x9a);
}

void DeployDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    PaintingDelegate::initStyleOption(option, index);
    if (isPhase(index) && index.column() == DeployModel::Name)
        option->font.setBold(true);
    if (index.column() == DeployModel::Action && !isPhase(index) && !index.data(DeployModel::ActionDoneRole).toBool()) {
        // What the plan intends, not yet done.
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    }
}

void DeployDelegate::paintGlyph(QPainter *painter, const QRectF &box, ServiceRollout::State state) const
{
    const QColor colour = stateColour(state);
    const qreal pen = std::max<qreal>(1.5, box.width() / 7);
    const QRectF ring = box.adjusted(pen / 2, pen / 2, -pen / 2, -pen / 2);
    switch (state) {
    case RolloutState::Pending:
    case RolloutState::Waiting:
        painter->setPen(QPen(colour, pen));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(ring);
        break;
    case RolloutState::Creating:
    case RolloutState::Starting:
    case RolloutState::Probing:
        painter->setPen(QPen(colour.lighter(170), pen));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(ring);
        painter->setPen(QPen(colour, pen, Qt::SolidLine, Qt::RoundCap));
        painter->drawArc(ring, 90 * 16, -270 * 16);
        break;
    case RolloutState::Ready:
    case RolloutState::Failed:
    case RolloutState::Skipped: {
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawEllipse(box);
        painter->setPen(QPen(Qt::white, pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        const qreal w = box.width();
        const QPointF o = box.topLeft();
        if (state == RolloutState::Ready) {
            QPainterPath check;
            check.moveTo(o + QPointF(w * 0.27, w * 0.52));
            check.lineTo(o + QPointF(w * 0.44, w * 0.69));
            check.lineTo(o + QPointF(w * 0.74, w * 0.34));
            painter->setBrush(Qt::NoBrush);
            painter->drawPath(check);
        } else if (state == RolloutState::Failed) {
            painter->drawLine(o + QPointF(w * 0.32, w * 0.32), o + QPointF(w * 0.68, w * 0.68));
            painter->drawLine(o + QPointF(w * 0.68, w * 0.32), o + QPointF(w * 0.32, w * 0.68));
        } else {
            painter->drawLine(o + QPointF(w * 0.3, w * 0.5), o + QPointF(w * 0.7, w * 0.5));
        }
        break;
    }
    }
}

void DeployDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int column = index.column();
    if (column != DeployModel::State && column != DeployModel::Health) {
        PaintingDelegate::paint(painter, option, index);
        return;
    }
    const QStyleOptionViewItem opt = paintFrame(painter, option, index);
    const QString text = opt.text;
    if (column == DeployModel::Health) { // the engine's health, once known
        if (!text.isEmpty())
            paintDot(painter, opt, healthColour(index.data(DeployModel::HealthRole).toString()), text, textColour(opt));
        return;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(opt.font);
    const QRect box = opt.rect.adjusted(4, 0, -4, 0);
    const auto state = RolloutState(index.data(DeployModel::StateRole).toInt());

    if (text.isEmpty()) {
        // Nothing to say yet (before a deploy).
    } else if (column == DeployModel::State && isPhase(index)) {
        // The phase: "2 of 3 ready" beside a bar of the ready share.
        const double fraction = std::clamp(index.data(DeployModel::ReadyFractionRole).toDouble(), 0.0, 1.0);
        const int barWidth = std::min(box.width() / 3, 8 * opt.fontMetrics.horizontalAdvance(u'M'));
        const int barHeight = std::max(4, opt.fontMetrics.height() / 3);
        const QRect bar(box.left() + 2, box.center().y() - barHeight / 2 + 1, barWidth, barHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(opt.palette.mid().color().lighter(130));
        painter->drawRoundedRect(bar, 2, 2);
        if (fraction > 0) {
            painter->setBrush(state == RolloutState::Failed ? stateColour(RolloutState::Failed)
                                                            : (fraction >= 1.0 ? stateColour(RolloutState::Ready)
                                                                               : stateColour(RolloutState::Probing)));
            painter->drawRoundedRect(QRectF(bar.left(), bar.top(), std::max(3.0, bar.width() * fraction), bar.height()), 2, 2);
        }
        painter->setPen(textColour(opt));
        const QRect textRect = box.adjusted(barWidth + 10, 0, 0, 0);
        painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                          opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
    } else {
        const int d = std::min(opt.fontMetrics.height() - 2, box.height() - 4);
        paintGlyph(painter, QRectF(box.left() + 1, box.center().y() - d / 2.0 + 1, d, d), state);
        painter->setPen(state == RolloutState::Failed && !(opt.state & QStyle::State_Selected) ? stateColour(state)
                                                                                              : textColour(opt));
        const QRect textRect = box.adjusted(d + 7, 0, 0, 0);
        painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                          opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
    }
    painter->restore();
}

QSize DeployDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = PaintingDelegate::sizeHint(option, index);
    if (index.column() == DeployModel::State || index.column() == DeployModel::Health)
        size.rwidth() += option.fontMetrics.height() + 10;
    size.rheight() = std::max(size.height(), option.fontMetrics.height() + 8);
    return size;
}

} // namespace stagehand
