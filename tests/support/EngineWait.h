#pragma once

#include "docker/EngineResult.h"
#include "docker/EngineStream.h"

#include <QDeadlineTimer>
#include <QFuture>
#include <QSignalSpy>
#include <QtTest>

namespace stagehand::test {

// Runs the event loop until the future is finished (DockerClient delivers on this thread).
template <typename T> EngineResult<T> awaitResult(const QFuture<EngineResult<T>> &future, int timeoutMs = 60000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QTest::qWait(5);
    if (!future.isFinished() || future.resultCount() == 0)
        return EngineResult<T>::failure(EngineError{EngineError::Kind::Timeout, 0, QStringLiteral("no result in time"), {}});
    return future.result();
}

// Runs the event loop until the stream finished; false if it did not in time.
inline bool awaitFinished(EngineStream *stream, int timeoutMs = 120000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (stream->isActive() && !deadline.hasExpired())
        QTest::qWait(10);
    return !stream->isActive();
}

} // namespace stagehand::test
