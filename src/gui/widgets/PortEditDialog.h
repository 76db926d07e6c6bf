#pragma once

#include <QDialog>

namespace stagehand {

struct PortEdit;

// Shows a port edit before it is written: the file, the line as it is and as it will be.
class PortEditDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortEditDialog)

public:
    PortEditDialog(const PortEdit &edit, QWidget *parent = nullptr);

    static bool confirm(QWidget *parent, const PortEdit &edit);
    // The whole line `line` (1-based) of text.
    static QString lineOf(const QString &text, int line);
};

} // namespace stagehand
