#include "models/ContainerDelegate.h"

#include "models/ContainerModel.h"

#include <QPainter>

#include <algorithm>

namespace stagehand {

ContainerDelegate::ContainerDelegate(QObject *parent)
    : PaintingDelegate(parent)
{
}

QColor ContainerDelegate::stateColour(const QString &state)
{
    if (state == u"running")
        return {0x2e, 0x9d, 0x4f};
    if (state == u"paused" || state == u"restarting" || state == u"partial" || state == u"removing")
        return {0xd9, 0x8c, 0x1f};
    if (state == u"dead")
        return {0xc6, 0x28, 0x28};
    return {0x9a, 0x9a, 0x9a};
}

QColor ContainerDelegate::healthColour(const QString &health)
{
    if (health == u"healthy")
        return {0x2e, 0x9d, 0x4f};
    if (health == u"starting")
        return {0xd9, 0x8c, 0x1f};
    if (health == u"unhealthy")
        return {0xc6, 0x28, 0x28};
    return {};
}

void ContainerDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int column = index.column();
    if (column != ContainerModel::State && column != ContainerModel::Health && column != ContainerModel::Cpu &&
        column != ContainerModel::Memory) {
        PaintingDelegate::paint(painter, option, index);
        return;
    }
    const QStyleOptionViewItem opt = paintFrame(painter, option, index);
    const QString text = opt.text;

    switch (column) {
    case ContainerModel::State:
        paintDot(painter, opt, stateColour(index.data(ContainerModel::StateRole).toString()), text);
        break;
    case ContainerModel::Health: {
        const QString health = index.data(ContainerModel::HealthRole).toString();
        if (!health.isEmpty())
            paintDot(painter, opt, healthColour(health), text);
        break;
    }
    case ContainerModel::Cpu: {
        const QVariant cpu = index.data(ContainerModel::CpuRole);
        if (cpu.isValid())
            paintBar(painter, opt, cpu.toDouble() / 100.0, text);
        break;
    }
    case ContainerModel::Memory: {
        const QVariant usage = index.data(ContainerModel::MemoryUsageRole);
        const qint64 limit = index.data(ContainerModel::MemoryLimitRole).toLongLong();
        if (usage.isValid())
            paintBar(painter, opt, limit > 0 ? double(usage.toLongLong()) / double(limit) : -1, text);
        break;
    }
    default:
        break;
    }
}

void ContainerDelegate::paintBar(QPainter *painter, const QStyleOptionViewItem &opt, double fraction, const QString &text) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect box = opt.rect.adjusted(4, 2, -4, -2);
    // The bar fills the cell's lower part; the figure sits above it.
    const int barHeight = std::max(3, box.height() / 5);
    const QRect bar(box.left(), box.bottom() - barHeight, box.width(), barHeight);
    const QRect textRect(box.left(), box.top(), box.width(), box.height() - barHeight - 1);
    if (fraction >= 0) {
        const double f = std::clamp(fraction, 0.0, 1.0);
        const QColor fill = f > 0.9 ? QColor(0xc6, 0x28, 0x28) : (f > 0.7 ? QColor(0xd9, 0x8c, 0x1f) : QColor(0x2e, 0x7d, 0xc4));
        painter->setPen(Qt::NoPen);
        painter->setBrush(opt.palette.mid().color().lighter(130));
        painter->drawRoundedRect(bar, 1.5, 1.5);
        if (f > 0) {
            painter->setBrush(fill);
            painter->drawRoundedRect(QRectF(bar.left(), bar.top(), std::max(2.0, bar.width() * f), bar.height()), 1.5, 1.5);
        }
    }
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.highlightedText().color() : opt.palette.text().color());
    painter->setFont(opt.font);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignRight,
                      opt.fontMetrics.elidedText(text, Qt::ElideLeft, textRect.width()));
    painter->restore();
}

QSize ContainerDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = PaintingDelegate::sizeHint(option, index);
    switch (index.column()) {
    case ContainerModel::State:
    case ContainerModel::Health:
        size.rwidth() += 20;
        break;
    case ContainerModel::Cpu:
    case ContainerModel::Memory:
        size.rheight() = std::max(size.height(), option.fontMetrics.height() + 10);
        break;
    default:
        break;
    }
    return size;
}

} // namespace stagehand
