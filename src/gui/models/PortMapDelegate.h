#pragma once

#include <QStyledItemDelegate>

namespace stagehand {

// Paints a port map cell by its state: free (blank), taken by the environment (blue), held by the
// host or another container (grey), in conflict (red, with a dot where a suggestion can be applied).
class PortMapDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortMapDelegate)

public:
    explicit PortMapDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor stateColour(int state);
};

} // namespace stagehand
