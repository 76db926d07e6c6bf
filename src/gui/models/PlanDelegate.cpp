#include "models/PlanDelegate.h"

#include "models/PlanModel.h"

#include <QFontDatabase>
#include <QPainter>

#include <algorithm>

namespace stagehand {

PlanDelegate::PlanDelegate(QObject *parent)
    : PaintingDelegate(parent)
{
}

QColor PlanDelegate::kindColour(PlanAction::Kind kind)
{
    using Kind = PlanAction::Kind;
    switch (kind) {
    case Kind::Create:
        return {0x2e, 0x9d, 0x4f};
    case Kind::Recreate:
        return {0xd9, 0x8c, 0x1f};
    case Kind::Start:
    case Kind::Restart:
        return {0x2e, 0x7d, 0xc4};
    case Kind::Remove:
        return {0xc6, 0x28, 0x28};
    case Kind::Pull:
    case Kind::Build:
        return {0x7b, 0x4f, 0xb8};
    case Kind::Keep:
        break;
    }
    return {0x9a, 0x9a, 0x9a};
}

void PlanDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    PaintingDelegate::initStyleOption(option, index);
    if (index.data(PlanModel::DriftRole).toBool()) {
        option->font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        option->fontMetrics = QFontMetrics(option->font);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    } else if (!index.data(PlanModel::ChangesRole).toBool()) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    }
}

void PlanDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != PlanModel::Action || index.data(PlanModel::DriftRole).toBool()) {
        PaintingDelegate::paint(painter, option, index);
        return;
    }
    const QStyleOptionViewItem opt = paintFrame(painter, option, index);
    const QString text = opt.text;
    const QColor colour = kindColour(PlanAction::Kind(index.data(PlanModel::KindRole).toInt()));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = opt.font;
    font.setBold(true);
    const QFontMetrics fm(font);
    const QRect box = opt.rect.adjusted(4, 2, -4, -2);
    const int width = std::min(box.width(), fm.horizontalAdvance(text) + 12);
    const QRect badge(box.left(), box.top(), width, box.height());
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, badge.width() - 6));
    painter->restore();
}

QSize PlanDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = PaintingDelegate::sizeHint(option, index);
    if (index.column() == PlanModel::Action)
        size.rwidth() += 20;
    size.rheight() = std::max(size.height(), option.fontMetrics.height() + 8);
    return size;
}

} // namespace stagehand
