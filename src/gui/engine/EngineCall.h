#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace stagehand {

// Delivers an engine call's result to done() on context's thread, only while context is alive
// (the watcher belongs to context). The GUI's way to use DockerClient's futures without blocking.
template <typename T, typename Done> void whenDone(QObject *context, const QFuture<T> &future, Done done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            done(watcher->result());
    });
    watcher->setFuture(future);
}

} // namespace stagehand
