// bench_engine: how fast Stagehand reads a busy engine, against the docker CLI on the same set.
//
// Creates N containers (created, never started; default 500) from the local base image, each
// labelled io.stagehand.test=<run> and io.stagehand.bench, then measures in the same run:
//   - DockerClient::listContainers(all, label filter), parsed into ContainerSummary values;
//   - `docker ps -a --filter label=...` (the table) and `... --format '{{json .}}'`, as processes;
//   - the GUI's ContainerModel loading the whole engine (events stream started, list, tree built)
//     against `docker ps -a` of the whole engine;
//   - the heap each container row of the model takes (glibc's mallinfo2, model built minus model gone);
//   - event-to-model latency: for containers created and then removed while the model follows the
//     engine, the time from the engine's event (its timeNano) to the row appearing / disappearing;
// and prints the medians and the ratios. The containers are removed at the end (also on failure).
//
// Usage: bench_engine [--containers N] [--runs N] [--process-runs N] [--latency-samples N]

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "models/ContainerModel.h"
#include "support/AwaitEngine.h"
#include "support/Measure.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTimer>

#include <malloc.h>

#include <cstdio>
#include <functional>
#include <memory>

using namespace stagehand;
using namespace stagehand::bench;

using stagehand::bench::awaitEngine;

namespace {


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

qint64 heapBytes()
{
    return qint64(mallinfo2().uordblks);
}

qint64 realtimeNs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Runs the event loop until done() or the timeout; whether done() came true.
bool spinUntil(const std::function<bool()> &done, int timeoutMs = 120000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    return done();
}

struct ModelFigures {
    Figures load;
    int rows = -1;
    double heapPerRow = -1;
    double jsonPerRow = -1; // GET /containers/json, compact, per container
};

// A fresh ContainerModel on client, until its first list is in: the median time, and the heap the
// loaded model holds per container.
ModelFigures measureModel(DockerClient &client, int runs)
{
    ModelFigures f;
    f.load = measure(runs, false, [&] {
        ContainerModel model;
        model.setClient(&client);
        if (!spinUntil([&] { return model.isLoaded(); }))
            return false;
        f.rows = model.containerCount();
        return true;
    });
    if (!f.load.ok())
        return f;
    const qint64 before = heapBytes();
    auto model = std::make_unique<ContainerModel>();
    model->setClient(&client);
    if (!spinUntil([&] { return model->isLoaded(); }))
        return f;
    const qint64 loaded = heapBytes();
    model.reset();
    QCoreApplication::processEvents();
    const qint64 after = heapBytes();
    if (f.rows > 0)
        f.heapPerRow = double(loaded - std::max(before, after)) / f.rows;
    if (const auto listed = awaitEngine(client.listContainers(true)); listed.ok() && !listed->isEmpty()) {
        qint64 bytes = 0;
        for (const ContainerSummary &c : *listed)
            bytes += QJsonDocument(c.raw).toJson(QJsonDocument::Compact).size();
        f.jsonPerRow = double(bytes) / double(listed->size());
    }
    return f;
}

struct Latency {
    std::vector<double> createMs;
    std::vector<double> destroyMs;
};

// With a model following the engine, creates samples containers one by one, then removes them, and
// takes for each the time from the engine's event (create, destroy) to the model's row change.
Latency measureLatency(DockerClient &client, const QString &image, const QString &run, int samples, QString *error)
{
    Latency latency;
    ContainerModel model;
    model.setClient(&client);
    if (!spinUntil([&] { return model.isLoaded(); })) {
        *error = QStringLiteral("the model did not load");
        return latency;
    }
    const QString benchLabel = QStringLiteral("latency-") + run;
    EventOptions options;
    options.filters.insert(QStringLiteral("type"), {QStringLiteral("container")});
    options.filters.insert(QStringLiteral("label"), {QStringLiteral("io.stagehand.bench=") + benchLabel});
    std::unique_ptr<EngineStream> events(client.events(options));
    QHash<QString, qint64> eventNs; // "<action>/<id>" -> timeNano
    QObject::connect(events.get(), &EngineStream::eventReceived, events.get(),
                     [&](const EngineEvent &e) { eventNs.insert(e.action + u'/' + e.actorId, e.timeNano); });
    bool started = false;
    QObject::connect(events.get(), &EngineStream::started, events.get(), [&] { started = true; });
    if (!spinUntil([&] { return started; })) {
        *error = QStringLiteral("the events stream did not start");
        return latency;
    }
    // The moment the model's rows change, per container: rowsInserted / rowsRemoved are when a view
    // would show it.
    QHash<QString, qint64> seenNs;
    QString watching;
    bool wantPresent = true;
    auto check = [&] {
        if (!watching.isEmpty() && !seenNs.contains(watching) && (model.container(watching) != nullptr) == wantPresent)
            seenNs.insert(watching, realtimeNs());
    };
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model, check);
    QObject::connect(&model, &QAbstractItemModel::rowsRemoved, &model, check);

    QStringList ids;
    for (int i = 0; i < samples; ++i) {
        const QJsonObject body{
            {QStringLiteral("Image"), image},
            {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
            {QStringLiteral("Labels"),
             QJsonObject{{QStringLiteral("io.stagehand.test"), run}, {QStringLiteral("io.stagehand.bench"), benchLabel}}},
            {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}};
        const auto created = awaitEngine(client.createContainer(body, QStringLiteral("%1-latency-%2").arg(run).arg(i)));
        if (!created.ok()) {
            *error = created.error.toString();
            return latency;
        }
        watching = *created;
        wantPresent = true;
        check();
        const QString key = QStringLiteral("create/") + watching;
        if (!spinUntil([&] { return seenNs.contains(watching) && eventNs.contains(key); }, 20000)) {
            *error = QStringLiteral("no row for a created container");
            return latency;
        }
        latency.createMs.push_back(double(seenNs.value(watching) - eventNs.value(key)) / 1e6);
        ids.append(watching);
    }
    seenNs.clear();
    for (const QString &id : std::as_const(ids)) {
        watching = id;
        wantPresent = false;
        if (!awaitEngine(client.removeContainer(id, true)).ok()) {
            *error = QStringLiteral("removing a container failed");
            return latency;
        }
        check();
        const QString key = QStringLiteral("destroy/") + id;
        if (!spinUntil([&] { return seenNs.contains(id) && eventNs.contains(key); }, 20000)) {
            *error = QStringLiteral("the row of a removed container stayed");
            return latency;
        }
        latency.destroyMs.push_back(double(seenNs.value(id) - eventNs.value(key)) / 1e6);
    }
    return latency;
}

QString findBaseImage(DockerClient &client)
{
    const auto images = awaitEngine(client.listImages({{QStringLiteral("reference"), {QStringLiteral("stagehand/base")}}}));
    if (!images.ok() || images->isEmpty())
        return {};
    return images->first().id;
}

} // namespace

int main(int argc, char *argv[])
{
    // The model is the GUI's (stagehand_gui); it needs a QApplication, not a screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures listing many containers: DockerClient against docker ps -a."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("containers"), QStringLiteral("Containers to create."), QStringLiteral("n"), QStringLiteral("500")});
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("Runs measured in process."), QStringLiteral("n"), QStringLiteral("31")});
    parser.addOption({QStringLiteral("process-runs"), QStringLiteral("Runs measured per process command."), QStringLiteral("n"),
                      QStringLiteral("9")});
    parser.addOption({QStringLiteral("latency-samples"), QStringLiteral("Containers created and removed for the latency."),
                      QStringLiteral("n"), QStringLiteral("30")});
    // bench/run.sh passes the same arguments to every benchmark: ignore the ones meant for others.
    parser.parse(app.arguments());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp();
    const int count = std::max(1, parser.value(QStringLiteral("containers")).toInt());
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const int processRuns = std::max(1, parser.value(QStringLiteral("process-runs")).toInt());
    const int latencySamples = std::max(1, parser.value(QStringLiteral("latency-samples")).toInt());

    DockerClient client;
    client.connectToEngine();
    const auto info = awaitEngine(client.info());
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
            const auto containers = awaitEngine(client.listContainers(true, filters));
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
        const ModelFigures model = measureModel(client, std::max(3, runs / 3));
        QByteArray whole;
        const Figures psAll = measure(processRuns, true, [&] {
            return runProcess(docker, {QStringLiteral("ps"), QStringLiteral("-a")}, QDir::tempPath(), &whole);
        });
        QString latencyError;
        const Latency latency = measureLatency(client, image, run, latencySamples, &latencyError);

        out() << "\n  the whole engine (" << model.rows << " containers), median of " << std::max(3, runs / 3)
              << " model loads\n";
        printRow(QStringLiteral("ContainerModel: events started, listed, tree built"), model.load);
        printRow(QStringLiteral("process: docker ps -a"), psAll);
        out() << "  wall: docker ps -a / ContainerModel = " << ratio(psAll.wall, model.load.wall) << "\n";
        out() << "  heap per container row: "
              << (model.heapPerRow < 0 ? QStringLiteral("n/a")
                                       : QString::number(model.heapPerRow / 1024.0, 'f', 1) + QStringLiteral(" KiB"))
              << " (the engine's JSON for one container: " << QString::number(model.jsonPerRow, 'f', 0) << " bytes)\n";
        if (!latencyError.isEmpty()) {
            out() << "  ERROR: latency: " << latencyError << "\n";
            status = 1;
        } else {
            auto row = [](const QString &what, const std::vector<double> &ms) {
                const double worst = ms.empty() ? -1 : *std::max_element(ms.begin(), ms.end());
                out() << "  event -> model row, " << what << ": median " << figure(median(ms)) << ", worst " << figure(worst)
                      << " (" << ms.size() << " containers)\n";
            };
            row(QStringLiteral("create "), latency.createMs);
            row(QStringLiteral("destroy"), latency.destroyMs);
        }
        if (listed != count || tableRows != count) {
            out() << "  ERROR: DockerClient listed " << listed << ", docker ps " << tableRows << ", expected " << count << "\n";
            status = 1;
        }
    }
    out().flush();

    // Remove everything this run created, whatever happened above.
    const auto mine = awaitEngine(client.listContainers(true, filters));
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
