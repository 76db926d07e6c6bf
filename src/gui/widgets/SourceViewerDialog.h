#pragma once

#include "util/SourceLocation.h"

#include <QDialog>

class QPlainTextEdit;

namespace stagehand {

// Shows a project file read-only with the given line highlighted and the cursor on its column;
// a button opens it in the desktop's editor.
class SourceViewerDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceViewerDialog)

public:
    explicit SourceViewerDialog(QWidget *parent = nullptr);

    // False (and a message shown in the dialog) when the file cannot be read.
    bool showLocation(const SourceLocation &location);
    int currentLine() const;

private:
    QPlainTextEdit *m_text;
    QString m_file;
};

} // namespace stagehand
