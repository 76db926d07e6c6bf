#include "widgets/PortEditDialog.h"

#include "analysis/PortEditor.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace stagehand {

QString PortEditDialog::lineOf(const QString &text, int line)
{
    return text.split(QLatin1Char('\n')).value(line - 1);
}

PortEditDialog::PortEditDialog(const PortEdit &edit, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("portEditDialog"));
    setWindowTitle(tr("Change a Port"));
    auto *layout = new QVBoxLayout(this);
    auto *description = new QLabel(edit.description, this);
    description->setWordWrap(true);
    layout->addWidget(description);
    auto *file = new QLabel(tr("In %1, line %2:").arg(edit.file).arg(edit.line), this);
    layout->addWidget(file);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *before = new QLabel(this);
    before->setObjectName(QStringLiteral("beforeLine"));
    before->setFont(mono);
    before->setStyleSheet(QStringLiteral("background:#fbe0de; padding:4px"));
    before->setTextFormat(Qt::PlainText);
    before->setText(QStringLiteral("- ") + lineOf(edit.originalText, edit.line));
    auto *after = new QLabel(this);
    after->setObjectName(QStringLiteral("afterLine"));
    after->setFont(mono);
    after->setStyleSheet(QStringLiteral("background:#dcf3e0; padding:4px"));
    after->setTextFormat(Qt::PlainText);
    after->setText(QStringLiteral("+ ") + lineOf(edit.newText, edit.line));
    layout->addWidget(before);
    layout->addWidget(after);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("Write the Change"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool PortEditDialog::confirm(QWidget *parent, const PortEdit &edit)
{
    PortEditDialog dialog(edit, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace stagehand
