#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace stagehand {

// The application's settings, kept in QSettings: file watching, the demo at start, log levels.
class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;

    static bool reloadOnChange();
    static bool openDemoAtStart();

    void accept() override;

private:
    std::unique_ptr<Ui::SettingsDialog> m_ui;
};

} // namespace stagehand
