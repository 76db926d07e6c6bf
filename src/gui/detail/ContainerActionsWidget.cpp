#include "detail/ContainerActionsWidget.h"

#include "compose/ShellWords.h"
#include "docker/WhenFinished.h"
#include "docker/DockerClient.h"
#include "util/SecretRegistry.h"

#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTextEdit>
#include <QVBoxLayout>

namespace stagehand {

ContainerActionsWidget::ContainerActionsWidget(DockerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);

    auto *actions = new QGroupBox(tr("Container"), this);
    auto *buttons = new QHBoxLayout(actions);
    auto make = [&](const QString &text, const char *name, Action action) {
        auto *b = new QPushButton(text, actions);
        b->setObjectName(QLatin1String(name));
        buttons->addWidget(b);
        connect(b, &QPushButton::clicked, this, [this, action] { trigger(action); });
        return b;
    };
    m_start = make(tr("Start"), "startButton", Action::Start);
    m_stop = make(tr("Stop"), "stopButton", Action::Stop);
    m_restart = make(tr("Restart"), "restartButton", Action::Restart);
    m_pause = make(tr("Pause"), "pauseContainerButton", Action::Pause);
    m_unpause = make(tr("Unpause"), "unpauseButton", Action::Unpause);
    buttons->addStretch(1);
    m_remove = make(tr("Remove..."), "removeButton", Action::Remove);
    layout->addWidget(actions);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("actionMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    auto *execBox = new QGroupBox(tr("Run a command in the container"), this);
    auto *execLayout = new QVBoxLayout(execBox);
    auto *line = new QHBoxLayout;
    m_command = new QLineEdit(execBox);
    m_command->setObjectName(QStringLiteral("execEdit"));
    m_command->setPlaceholderText(tr("Command, e.g. sh -c 'ls -l /'"));
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_run = new QPushButton(tr("Run"), execBox);
    m_run->setObjectName(QStringLiteral("execButton"));
    line->addWidget(m_command, 1);
    line->addWidget(m_run);
    execLayout->addLayout(line);
    m_output = new QTextEdit(execBox);
    m_output->setObjectName(QStringLiteral("execOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setLineWrapMode(QTextEdit::NoWrap);
    execLayout->addWidget(m_output, 1);
    m_exitCode = new QLabel(execBox);
    m_exitCode->setObjectName(QStringLiteral("execExitCode"));
    execLayout->addWidget(m_exitCode);
    layout->addWidget(execBox, 1);

    connect(m_run, &QPushButton::clicked, this, [this] { runCommand(m_command->text()); });
    connect(m_command, &QLineEdit::returnPressed, this, [this] { runCommand(m_command->text()); });
    updateButtons();
}

QPushButton *ContainerActionsWidget::button(Action action) const
{
    switch (action) {
    case Action::Start:
        return m_start;
    case Action::Stop:
        return m_stop;
    case Action::Restart:
        return m_restart;
    case Action::Pause:
        return m_pause;
    case Action::Unpause:
        return m_unpause;
    case Action::Remove:
        return m_remove;
    }
    return nullptr;
}

QString ContainerActionsWidget::actionName(Action action)
{
    switch (action) {
    case Action::Start:
        return tr("start");
    case Action::Stop:
        return tr("stop");
    case Action::Restart:
        return tr("restart");
    case Action::Pause:
        return tr("pause");
    case Action::Unpause:
        return tr("unpause");
    case Action::Remove:
        return tr("remove");
    }
    return {};
}

void ContainerActionsWidget::setDetails(const ContainerDetails &details)
{
    const bool other = !m_hasDetails || details.id != m_details.id;
    m_details = details;
    m_hasDetails = true;
    if (other) {
        m_message->clear();
        m_output->clear();
        m_exitCode->clear();
    }
    updateButtons();
}

void ContainerActionsWidget::clear()
{
    m_details = {};
    m_hasDetails = false;
    m_message->clear();
    m_output->clear();
    m_exitCode->clear();
    if (m_confirm)
        m_confirm->close();
    updateButtons();
}

void ContainerActionsWidget::updateButtons()
{
    const bool known = m_hasDetails && !m_busy;
    const bool running = m_details.running;
    const bool paused = m_details.paused;
    m_start->setEnabled(known && !running);
    m_stop->setEnabled(known && running);
    m_restart->setEnabled(known && !paused);
    m_pause->setEnabled(known && running && !paused);
    m_unpause->setEnabled(known && paused);
    m_remove->setEnabled(known);
    const bool canExec = m_hasDetails && running && !paused && !m_execBusy;
    m_run->setEnabled(canExec);
    m_command->setEnabled(m_hasDetails && running && !paused);
    m_command->setToolTip(m_hasDetails && !(running && !paused) ? tr("The container must be running to run a command")
                                                                : QString());
}

void ContainerActionsWidget::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void ContainerActionsWidget::showMessage(const QString &text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #b31d1d;") : QString());
    m_message->setText(text);
}

void ContainerActionsWidget::trigger(Action action)
{
    if (action == Action::Remove)
        confirmRemove();
    else
        perform(action);
}

void ContainerActionsWidget::perform(Action action)
{
    if (!m_client || !m_hasDetails || m_busy)
        return;
    const QString id = m_details.id;
    Q_EMIT actionStarted(action);
    QFuture<EngineStatus> future;
    switch (action) {
    case Action::Start:
        future = m_client->startContainer(id);
        break;
    case Action::Stop:
        future = m_client->stopContainer(id);
        break;
    case Action::Restart:
        future = m_client->restartContainer(id);
        break;
    case Action::Pause:
        future = m_client->pauseContainer(id);
        break;
    case Action::Unpause:
        future = m_client->unpauseContainer(id);
        break;
    case Action::Remove:
        future = m_client->removeContainer(id, m_details.running);
        break;
    }
    setBusy(true);
    showMessage(tr("%1 %2...").arg(actionName(action), m_details.name), false);
    whenFinished(this, future, [this, action, id](const EngineStatus &status) {
        if (id != m_details.id)
            return; // another container is shown now
        setBusy(false);
        if (status.error)
            showMessage(tr("Could not %1 %2: %3").arg(actionName(action), m_details.name, status.error.toString()), true);
        else
            showMessage(tr("%1: %2 done").arg(m_details.name, actionName(action)), false);
        Q_EMIT actionFinished(action, status.error);
    });
}

void ContainerActionsWidget::confirmRemove()
{
    if (!m_hasDetails || m_busy)
        return;
    if (m_confirm)
        m_confirm->deleteLater();
    m_confirm = new QMessageBox(QMessageBox::Warning, tr("Remove container"),
                                m_details.running ? tr("Remove the running container \"%1\"? It is killed first; its "
                                                       "anonymous volumes are kept.")
                                                        .arg(m_details.name)
                                                  : tr("Remove the container \"%1\"?").arg(m_details.name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirm->setObjectName(QStringLiteral("removeConfirmation"));
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = m_details.id;
    connect(m_confirm, &QMessageBox::finished, this, [this, id](int result) {
        if (result == QMessageBox::Yes && id == m_details.id)
            perform(Action::Remove);
    });
    m_confirm->open();
}

void ContainerActionsWidget::runCommand(const QString &commandLine)
{
    if (!m_client || !m_hasDetails || m_execBusy)
        return;
    QString error;
    const std::optional<QStringList> words = ShellWords::split(commandLine.trimmed(), &error);
    if (!words || words->isEmpty()) {
        m_exitCode->setText(words ? tr("Enter a command") : tr("Cannot run it: %1").arg(error));
        return;
    }
    m_execBusy = true;
    updateButtons();
    m_output->clear();
    m_exitCode->setText(tr("Running %1...").arg(SecretRegistry::instance().redact(commandLine)));
    const QString id = m_details.id;
    whenFinished(this, m_client->exec(id, *words), [this, id](const EngineResult<ExecResult> &result) {
        m_execBusy = false;
        updateButtons();
        if (id != m_details.id)
            return;
        if (!result.ok()) {
            m_lastExec = {};
            m_exitCode->setStyleSheet(QStringLiteral("color: #b31d1d;"));
            m_exitCode->setText(tr("Could not run it: %1").arg(result.error.toString()));
            Q_EMIT execFinished(result.error);
            return;
        }
        m_lastExec = *result;
        m_output->clear();
        QTextCharFormat out;
        QTextCharFormat err;
        err.setForeground(QColor(0xb3, 0x1d, 0x1d));
        QTextCursor cursor(m_output->document());
        cursor.insertText(QString::fromUtf8(result->standardOutput), out);
        cursor.insertText(QString::fromUtf8(result->standardError), err);
        m_exitCode->setStyleSheet(result->exitCode == 0 ? QString() : QStringLiteral("color: #b31d1d;"));
        m_exitCode->setText(tr("Exit code: %1").arg(result->exitCode));
        Q_EMIT execFinished({});
    });
}

} // namespace stagehand
