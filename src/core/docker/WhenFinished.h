#pragma once

#include "docker/EngineError.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace stagehand {

// Delivers the EngineResult of future to done() on context's thread, only while context is alive
// (the watcher is its child). A future that ends without a result (cancelled) gives a Cancelled error.
template <typename Result, typename Done> void whenFinished(QObject *context, const QFuture<Result> &future, Done done)
{
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context, [watcher, done = std::move(done)]() mutable {
        const QFuture<Result> f = watcher->future();
        watcher->deleteLater();
        done(f.resultCount() > 0 ? f.result() : Result::failure(EngineError::cancelled()));
    });
    watcher->setFuture(future);
}

} // namespace stagehand
