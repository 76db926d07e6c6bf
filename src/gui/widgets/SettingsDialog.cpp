#include "widgets/SettingsDialog.h"

#include "ui_SettingsDialog.h"

#include <QSettings>

namespace stagehand {
namespace {
const QString ReloadKey = QStringLiteral("projects/reloadOnChange");
const QString DemoKey = QStringLiteral("projects/openDemoAtStart");
const QString ConsoleKey = QStringLiteral("logging/console");
const QString FileKey = QStringLiteral("logging/file");
const QStringList Levels{QStringLiteral("trace"), QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                         QStringLiteral("error"), QStringLiteral("off")};
} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    m_ui->consoleLevel->addItems(Levels);
    m_ui->fileLevel->addItems(Levels);
    const QSettings settings;
    m_ui->reloadOnChange->setChecked(reloadOnChange());
    m_ui->openDemoAtStart->setChecked(openDemoAtStart());
    m_ui->consoleLevel->setCurrentText(settings.value(ConsoleKey, QStringLiteral("warning")).toString());
    m_ui->fileLevel->setCurrentText(settings.value(FileKey, QStringLiteral("info")).toString());
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

bool SettingsDialog::reloadOnChange()
{
    return QSettings().value(ReloadKey, true).toBool();
}

bool SettingsDialog::openDemoAtStart()
{
    return QSettings().value(DemoKey, true).toBool();
}

void SettingsDialog::accept()
{
    QSettings settings;
    settings.setValue(ReloadKey, m_ui->reloadOnChange->isChecked());
    settings.setValue(DemoKey, m_ui->openDemoAtStart->isChecked());
    settings.setValue(ConsoleKey, m_ui->consoleLevel->currentText());
    settings.setValue(FileKey, m_ui->fileLevel->currentText());
    QDialog::accept();
}

} // namespace stagehand
