#include "widgets/SourceViewerDialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QUrl>
#include <QVBoxLayout>

namespace stagehand {

SourceViewerDialog::SourceViewerDialog(QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("sourceViewer"));
    m_text->setObjectName(QStringLiteral("sourceText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *external = buttons->addButton(tr("Open in Editor"), QDialogButtonBox::ActionRole);
    connect(external, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_file)); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(900, 600);
}

bool SourceViewerDialog::showLocation(const SourceLocation &location)
{
    m_file = location.file;
    setWindowTitle(location.toString());
    QFile file(location.file);
    if (!file.open(QIODevice::ReadOnly)) {
        m_text->setPlainText(tr("Cannot read %1: %2").arg(location.file, file.errorString()));
        return false;
    }
    m_text->setPlainText(QString::fromUtf8(file.readAll()));
    const QTextBlock block = m_text->document()->findBlockByLineNumber(std::max(0, location.line - 1));
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::clamp(location.column - 1, 0, std::max(0, block.length() - 1)));
    m_text->setTextCursor(cursor);
    QTextEdit::ExtraSelection line;
    line.format.setBackground(QColor(0xff, 0xf3, 0xb0));
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = QTextCursor(block);
    m_text->setExtraSelections({line});
    m_text->centerCursor();
    return true;
}

int SourceViewerDialog::currentLine() const
{
    return m_text->textCursor().blockNumber() + 1;
}

} // namespace stagehand
