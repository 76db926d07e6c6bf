#include "models/ImageDelegate.h"

#include "models/ImageModel.h"

#include <QPainter>

#include <algorithm>

namespace stagehand {

ImageDelegate::ImageDelegate(QObject *parent)
    : PaintingDelegate(parent)
{
}

void ImageDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    PaintingDelegate::initStyleOption(option, index);
    if (index.column() == ImageModel::Tags && index.data(ImageModel::DanglingRole).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    }
}

void ImageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != ImageModel::UsedBy && index.column() != ImageModel::Size) {
        PaintingDelegate::paint(painter, option, index);
        return;
    }
    const QStyleOptionViewItem opt = paintFrame(painter, option, index);
    const QString text = opt.text;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor textColour =
        opt.state & QStyle::State_Selected ? opt.palette.highlightedText().color() : opt.palette.text().color();
    if (index.column() == ImageModel::UsedBy) {
        const QRect box = opt.rect.adjusted(6, 0, -4, 0);
        const int d = std::min(10, box.height() - 6);
        const bool used = index.data(ImageModel::InUseRole).toBool();
        painter->setPen(Qt::NoPen);
        painter->setBrush(used ? QColor(0x2e, 0x9d, 0x4f) : QColor(0x9a, 0x9a, 0x9a));
        painter->drawEllipse(QRect(box.left(), box.center().y() - d / 2 + 1, d, d));
        painter->setPen(textColour);
        const QRect textRect = box.adjusted(d + 6, 0, 0, 0);
        const QString shown = used ? text : tr("unused");
        painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                          opt.fontMetrics.elidedText(shown, Qt::ElideRight, textRect.width()));
    } else {
        qint64 largest = 1;
        const QAbstractItemModel *model = index.model();
        for (int row = 0; row < model->rowCount(); ++row)
            largest = std::max(largest, model->index(row, ImageModel::Size).data(ImageModel::SizeRole).toLongLong());
        const double f = double(index.data(ImageModel::SizeRole).toLongLong()) / double(largest);
        const QRect box = opt.rect.adjusted(4, 2, -4, -2);
        const int barHeight = std::max(3, box.height() / 5);
        const QRect bar(box.left(), box.bottom() - barHeight, box.width(), barHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(opt.palette.mid().color().lighter(130));
        painter->drawRoundedRect(bar, 1.5, 1.5);
        painter->setBrush(QColor(0x2e, 0x7d, 0xc4));
        painter->drawRoundedRect(QRectF(bar.left(), bar.top(), std::max(2.0, bar.width() * f), bar.height()), 1.5, 1.5);
        painter->setPen(textColour);
        painter->drawText(QRect(box.left(), box.top(), box.width(), box.height() - barHeight - 1),
                          Qt::AlignVCenter | Qt::AlignRight, text);
    }
    painter->restore();
}

QSize ImageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = PaintingDelegate::sizeHint(option, index);
    if (index.column() == ImageModel::UsedBy)
        size.rwidth() += 20;
    if (index.column() == ImageModel::Size)
        size.rheight() = std::max(size.height(), option.fontMetrics.height() + 10);
    return size;
}

} // namespace stagehand
