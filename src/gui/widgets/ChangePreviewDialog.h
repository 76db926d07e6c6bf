#pragma once

#include <QDialog>

namespace stagehand {

// Shows a one-line change to a project file before it is written: what it does, the file, and the
// line as it is and as it will be. Used for port suggestions and lint fixes alike.
class ChangePreviewDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangePreviewDialog)

public:
    struct Change {
        QString title;
        QString description;
        QString file;
        int line = 0;
        QString before; // the whole line as it is
        QString after;  // the whole line as it will be
    };

    explicit ChangePreviewDialog(const Change &change, QWidget *parent = nullptr);

    static bool confirm(QWidget *parent, const Change &change);
    // The whole line `line` (1-based) of text.
    static QString lineOf(const QString &text, int line);
};

} // namespace stagehand
