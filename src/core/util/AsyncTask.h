#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace stagehand {

// Runs work on Qt's thread pool and delivers its result to done() on context's thread, only while
// context is alive: the one helper through which the GUI starts short background work.
template<typename Work, typename Done>
void runAsync(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context, [watcher, done = std::move(done)]() mutable {
        if constexpr (std::is_void_v<Result>)
            done();
        else
            done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace stagehand
