#pragma once

#include "docker/EngineResult.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <optional>

class QSocketNotifier;

namespace stagehand::cli {

// The one place where a command waits: for a future, or for its streams until it quits or the user
// stops it. A command-line process has nothing else to do meanwhile, so a local event loop is fine
// here (the "no nested event loops" rule is the GUI's). While a CommandLoop exists, SIGINT and
// SIGTERM do not kill the process: they end the wait, interrupted() becomes true and the command
// cleans up (cancels its streams) and exits 0. One at a time: the handlers are the process's.
class CommandLoop final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandLoop)

public:
    CommandLoop();
    ~CommandLoop() override;

    // Runs until quit() (returns its code) or a signal (returns 0).
    int exec();
    void quit(int code = 0);
    bool interrupted() const { return m_interrupted; }

    // The future's result once it is finished; Cancelled when a signal came first.
    template <typename T> EngineResult<T> await(const QFuture<EngineResult<T>> &future)
    {
        if (!future.isFinished() && !m_interrupted) {
            QFutureWatcher<EngineResult<T>> watcher;
            connect(&watcher, &QFutureWatcherBase::finished, &m_loop, [this] { m_loop.exit(0); });
            watcher.setFuture(future);
            if (!future.isFinished())
                m_loop.exec();
        }
        if (!future.isFinished() || future.resultCount() == 0)
            return EngineResult<T>::failure(EngineError::cancelled());
        return future.result();
    }

Q_SIGNALS:
    // SIGINT or SIGTERM arrived (once).
    void signalled();

private:
    void onSignal();

    QEventLoop m_loop;
    QSocketNotifier *m_notifier = nullptr;
    bool m_interrupted = false;
    std::optional<int> m_quitCode; // quit() before exec(): exec() returns at once
};

} // namespace stagehand::cli
