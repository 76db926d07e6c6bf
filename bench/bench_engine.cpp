// bench_engine: how fast Stagehand reads a busy engine, against the docker CLI on the same set.
//
// Creates N containers (created, never started; default 500) from the local base image, each
// labelled io.stagehand.test=<run> and io.stagehand.bench, then measures in the same run:
//   - DockerClient::listContainers(all, label filter), parsed into ContainerSummary values;
//   - `docker ps -a --filter label=...` (the table) and `... --format '{{json .}}'`, as processes;
// and prints the medians and the ratios. The containers are removed at the end (also on failure).
//
// Usage: bench_engine [--containers N] [--runs N] [--process-runs N]

#include "docker/DockerClient.h"
#include "support/Measure.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <deque>
#include <functional>

using namespace stagehand;
using namespace stagehand::bench;

namespace {

// Runs the event loop until the future has its result (a benchmark, not GUI code).
template <typename T> EngineResult<T> await(const QFuture<EngineResult<T>> &future, int timeoutMs = 120000)
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

// Runs start(i) for i in [0, count) with at most inFlight calls open at once; the first error.
template <typename T> QString runConcurrently(int count, int inFlight, const std::function<QFuture<EngineResult<T>>(int)> &start)
{
    QEventLoop loop;
    int next = 0;
    int open = 0;
    QString firstError;
    std::function<void()> pump = [&] {
        while (open < inFlight && next < count) {
            auto *watcher = new QFutureWatcher<EngineResult<T>>(&loop);
            QObject::connect(watcher, &QFutureWatcherBase::finished, &loop, [&, watcher] {
                const EngineResult<T> result = watcher->future().result();
                if (!result.ok() && firstError.isEmpty())
                    firstError = result.error.toString();
                watcher->deleteLater();
                --open;
                if (next == count && open == 0)
                    loop.quit();
                else
                    pump();
            });
            ++open;
            watcher->setFuture(start(next++));
        }
    };
    pump();
    if (open > 0)
        loop.exec();
    return firstError;
}

QString findBaseImage(DockerClient &client)
{
    const auto images = await(client.listImages({{QStringLiteral("reference"), {QStringLiteral("stagehand/base")}}}));
    if (!images.ok() || images->isEmpty())
        return {};
    return images->first().id;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures listing many containers: DockerClient against docker ps -a."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("containers"), QStringLiteral("Containers to create."), QStringLiteral("n"), QStringLiteral("500")});
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("Runs measured in process."), QStringLiteral("n"), QStringLiteral("31")});
    parser.addOption({QStringLiteral("process-runs"), QStringLiteral("Runs measured per process command."), QStringLiteral("n"),
                      QStringLiteral("9")});
    // bench/run.sh passes the same arguments to every benchmark: ignore the ones meant for others.
    parser.parse(app.arguments());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp();
    const int count = std::max(1, parser.value(QStringLiteral("containers")).toInt());
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const int processRuns = std::max(1, parser.value(QStringLiteral("process-runs")).toInt());

    DockerClient client;
    client.connectToEngine();
    const auto info = await(client.info());
    if (!info.ok()) {
        std::fprintf(stderr, "bench_engine: no engine: %s\n", qPrintable(info.error.toString()));
        return 1;
    }
    const QString image = findBaseImage(client);
    if (image.isEmpty()) {
        std::fprintf(stderr, "bench_engine: no stagehand/base image (run scripts/build-images.sh)\n");
        return 1;
    }
    const QString run =
        QStringLiteral("bench-%1-%2").arg(QCoreApplication::applicationPid()).arg(QDateTime::currentMSecsSinceEpoch());
    const QString label = QStringLiteral("io.stagehand.test=") + run;
    const EngineFilters filters{{QStringLiteral("label"), {label}}};

    QElapsedTimer createClock;
    createClock.start();
    const QString createError = runConcurrently<QString>(count, 8, [&](int i) {
        const QJsonObject body{
            {QStringLiteral("Image"), image},
            {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
            {QStringLiteral("Labels"),
             QJsonObject{{QStringLiteral("io.stagehand.test"), run},
                         {QStringLiteral("io.stagehand.bench"), QStringLiteral("engine")},
                         {QStringLiteral("com.docker.compose.project"), run},
                         {QStringLiteral("com.docker.compose.service"), QStringLiteral("svc%1").arg(i % 25)}}},
            {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}};
        return client.createContainer(body, QStringLiteral("%1-%2").arg(run).arg(i));
    });
    const double createMs = double(createClock.nsecsElapsed()) / 1e6;

    int status = 0;
    if (!createError.isEmpty()) {
        std::fprintf(stderr, "bench_engine: creating containers failed: %s\n", qPrintable(createError));
        status = 1;
    } else {
        int listed = 0;
        const Figures clientList = measure(runs, false, [&] {
            const auto containers = await(client.listContainers(true, filters));
            listed = containers.ok() ? int(containers->size()) : -1;
            return containers.ok();
        });
        const QString docker = QStandardPaths::findExecutable(QStringLiteral("docker"));
        QByteArray table;
        const Figures psTable = measure(processRuns, true, [&] {
            return runProcess(
                docker,
                {QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--filter"), QStringLiteral("label=") + label},
                QDir::tempPath(), &table);
        });
        const Figures psJson = measure(processRuns, true, [&] {
            return runProcess(docker,
                              {QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--no-trunc"),
                               QStringLiteral("--filter"), QStringLiteral("label=") + label, QStringLiteral("--format"),
                               QStringLiteral("{{json .}}")},
                              QDir::tempPath());
        });
        const int tableRows = int(table.count('\n')) - 1;

        out() << "bench_engine: " << count << " containers (created, not started), engine "
              << info->value(QStringLiteral("ServerVersion")).toString() << ", API " << client.apiVersion() << "\n"
              << "  created in " << figure(createMs) << " (8 calls in flight)\n"
              << "  median of " << runs << " runs in process, " << processRuns << " runs per process command\n\n";
        printHeader();
        printRow(QStringLiteral("DockerClient::listContainers (parsed)"), clientList);
        printRow(QStringLiteral("process: docker ps -a --filter label (table)"), psTable);
        printRow(QStringLiteral("process: docker ps -a --no-trunc --format json"), psJson);
        out() << "\n  wall: docker ps / DockerClient = " << ratio(psTable.wall, clientList.wall)
              << ", docker ps --format json / DockerClient = " << ratio(psJson.wall, clientList.wall) << "\n"
              << "  CPU:  docker ps / DockerClient = " << ratio(psTable.cpu, clientList.cpu) << "\n";
        if (listed != count || tableRows != count) {
            out() << "  ERROR: DockerClient listed " << listed << ", docker ps " << tableRows << ", expected " << count << "\n";
            status = 1;
        }
    }
    out().flush();

    // Remove everything this run created, whatever happened above.
    const auto mine = await(client.listContainers(true, filters));
    if (mine.ok()) {
        const QList<ContainerSummary> containers = *mine;
        const QString removeError = runConcurrently<EngineDone>(
            int(containers.size()), 8, [&](int i) { return client.removeContainer(containers.at(i).id, true); });
        if (!removeError.isEmpty()) {
            std::fprintf(stderr, "bench_engine: removing containers failed: %s\n", qPrintable(removeError));
            status = 1;
        }
    }
    return status;
}
