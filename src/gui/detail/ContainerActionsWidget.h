#pragma once

#include "docker/ContainerDetails.h"
#include "docker/EngineError.h"
#include "docker/ExecResult.h"

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTextEdit;

namespace stagehand {

class DockerClient;

// The actions on one container: start, stop, restart, pause/unpause, remove (after a
// confirmation naming it), and a command run with exec (stdout, stderr in red, the exit code).
// Everything is asynchronous; the buttons follow the container's state (setDetails) and are
// disabled while an action runs; failures show the engine's message.
class ContainerActionsWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerActionsWidget)

public:
    enum class Action { Start, Stop, Restart, Pause, Unpause, Remove };
    Q_ENUM(Action)

    explicit ContainerActionsWidget(DockerClient *client, QWidget *parent = nullptr);

    void setDetails(const ContainerDetails &details);
    void clear();

    // Runs an action now (Remove asks first: see confirmRemove()).
    void trigger(Action action);
    // Opens the (window-modal, non-blocking) confirmation; removes when accepted.
    void confirmRemove();
    QMessageBox *removeConfirmation() const { return m_confirm; }
    // Splits the line as a shell would (no expansion) and runs it with exec.
    void runCommand(const QString &commandLine);

    QPushButton *button(Action action) const;
    QLineEdit *commandEdit() const { return m_command; }
    QTextEdit *output() const { return m_output; }
    QLabel *exitCodeLabel() const { return m_exitCode; }
    QLabel *messageLabel() const { return m_message; }
    bool isBusy() const { return m_busy; }
    ExecResult lastExecResult() const { return m_lastExec; }

Q_SIGNALS:
    // Just before the request is sent.
    void actionStarted(stagehand::ContainerActionsWidget::Action action);
    // After every action (error.isError() when it failed); the owner re-inspects.
    void actionFinished(stagehand::ContainerActionsWidget::Action action, const stagehand::EngineError &error);
    void execFinished(const stagehand::EngineError &error);

private:
    void perform(Action action);
    void updateButtons();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error);
    static QString actionName(Action action);

    QPointer<DockerClient> m_client;
    ContainerDetails m_details;
    bool m_hasDetails = false;
    bool m_busy = false;
    bool m_execBusy = false;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_restart = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_unpause = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_message = nullptr;
    QLineEdit *m_command = nullptr;
    QPushButton *m_run = nullptr;
    QTextEdit *m_output = nullptr;
    QLabel *m_exitCode = nullptr;
    QPointer<QMessageBox> m_confirm;
    ExecResult m_lastExec;
};

} // namespace stagehand
