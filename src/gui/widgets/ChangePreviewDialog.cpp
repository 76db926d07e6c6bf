#include "widgets/ChangePreviewDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QVBoxLayout>

namespace stagehand {

QString ChangePreviewDialog::lineOf(const QString &text, int line)
{
    return text.split(QLatin1Char('\n')).value(line - 1);
}

ChangePreviewDialog::ChangePreviewDialog(const Change &change, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("changePreviewDialog"));
    setWindowTitle(change.title);
    auto *layout = new QVBoxLayout(this);
    auto *description = new QLabel(change.description, this);
    description->setWordWrap(true);
    layout->addWidget(description);
    layout->addWidget(new QLabel(tr("In %1, line %2:").arg(change.file).arg(change.line), this));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto addLine = [&](const QString &name, const QString &prefix, const QString &text, const QString &colour) {
        auto *label = new QLabel(this);
        label->setObjectName(name);
        label->setFont(mono);
        label->setTextFormat(Qt::PlainText);
        label->setStyleSheet(QStringLiteral("background:%1; padding:4px").arg(colour));
        label->setText(prefix + text);
        layout->addWidget(label);
    };
    addLine(QStringLiteral("beforeLine"), QStringLiteral("- "), change.before, QStringLiteral("#fbe0de"));
    addLine(QStringLiteral("afterLine"), QStringLiteral("+ "), change.after, QStringLiteral("#dcf3e0"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("Write the Change"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool ChangePreviewDialog::confirm(QWidget *parent, const Change &change)
{
    ChangePreviewDialog dialog(change, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace stagehand
