#include "models/FindingsDelegate.h"

#include "models/FindingsModel.h"

#include <QPainter>

namespace stagehand {

FindingsDelegate::FindingsDelegate(QObject *parent)
    : PaintingDelegate(parent)
{
}

QColor FindingsDelegate::severityColour(int severity)
{
    switch (Diagnostic::Severity(severity)) {
    case Diagnostic::Severity::Error:
        return {0xc6, 0x28, 0x28};
    case Diagnostic::Severity::Warning:
        return {0xd9, 0x8c, 0x1f};
    case Diagnostic::Severity::Info:
        return {0x2e, 0x7d, 0xc4};
    }
    return Qt::gray;
}

void FindingsDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != FindingsModel::Severity) {
        PaintingDelegate::paint(painter, option, index);
        return;
    }
    const QStyleOptionViewItem opt = paintFrame(painter, option, index);
    const QString text = opt.text;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = severityColour(index.data(FindingsModel::SeverityRole).toInt());
    const int width = opt.fontMetrics.horizontalAdvance(text) + 12;
    const QRect badge(opt.rect.left() + 4, opt.rect.top() + 3, std::min(width, opt.rect.width() - 8), opt.rect.height() - 6);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(badge, 4, 4);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace stagehand
