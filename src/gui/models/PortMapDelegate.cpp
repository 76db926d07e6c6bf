#include "models/PortMapDelegate.h"

#include "analysis/PortMap.h"
#include "models/PortMapModel.h"

#include <QPainter>

namespace stagehand {

PortMapDelegate::PortMapDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor PortMapDelegate::stateColour(int state)
{
    switch (PortMap::Cell::State(state)) {
    case PortMap::Cell::State::Free:
        return {};
    case PortMap::Cell::State::Taken:
        return {0xd4, 0xe6, 0xf7};
    case PortMap::Cell::State::External:
        return {0xe3, 0xe3, 0xe3};
    case PortMap::Cell::State::Conflict:
        return {0xf6, 0xc6, 0xc3};
    }
    return {};
}

void PortMapDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int state = index.data(PortMapModel::StateRole).toInt();
    const QColor fill = stateColour(state);
    painter->save();
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);
    if (fill.isValid()) {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(option.state & QStyle::State_Selected ? QPen(option.palette.highlight().color(), 2)
                                                              : QPen(fill.darker(115)));
        painter->setBrush(fill);
        painter->drawRoundedRect(cell, 3, 3);
    } else if (option.state & QStyle::State_Selected) {
        painter->setPen(QPen(option.palette.highlight().color(), 2));
        painter->drawRect(cell);
    }
    painter->setPen(state == int(PortMap::Cell::State::Conflict) ? QColor(0x8b, 0x1a, 0x14) : option.palette.text().color());
    const QString text = index.data().toString();
    painter->drawText(cell.adjusted(6, 0, -14, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      option.fontMetrics.elidedText(text, Qt::ElideRight, cell.width() - 20));
    if (index.data(PortMapModel::HasSuggestionRole).toBool()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xc6, 0x28, 0x28));
        painter->drawEllipse(QPoint(cell.right() - 7, cell.center().y()), 4, 4);
    }
    painter->restore();
}

} // namespace stagehand
