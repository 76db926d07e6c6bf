#pragma once

#include "docker/EngineResult.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QTimer>

namespace stagehand::bench {

// Runs the event loop until the engine call's future has its result, or a Timeout error after
// timeoutMs (a benchmark waits; GUI code never does).
template <typename T> EngineResult<T> awaitEngine(const QFuture<EngineResult<T>> &future, int timeoutMs = 120000)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<EngineResult<T>> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        loop.exec();
    }
    if (!future.isFinished() || future.resultCount() == 0)
        return EngineResult<T>::failure(EngineError{EngineError::Kind::Timeout, 0, QStringLiteral("no answer in time"), {}});
    return future.result();
}

} // namespace stagehand::bench
