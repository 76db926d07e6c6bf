// Streams that outlive trouble, and typed stats: a follow-mode logs stream across a restart of its
// (private) engine resumes where it was, without losing or repeating a line; stats objects arrive
// with their StatsCalculator sample beside them.

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "docker/StatsCalculator.h"

#include "DockerCli.h"
#include "EngineWait.h"
#include "PrivateEngine.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QtTest>

#include <algorithm>
#include <csignal>
#include <memory>

using namespace stagehand;
using namespace stagehand::test;

class TestEngineStreams : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void logsResumeAcrossEngineRestart();
    void statsSamplesAgreeWithTheCalculator();
    void statsOfARemovedContainerEndWithoutAnOutage();
};

void TestEngineStreams::logsResumeAcrossEngineRestart()
{
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    PrivateEngine engine;
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    const QString image = QStringLiteral("stagehand-test-counter:1");
    const ProcessResult imported =
        engine.importHostBinaries(image, {QStringLiteral("/bin/sh"), QStringLiteral("/bin/sleep"), QStringLiteral("/bin/cat")});
    QVERIFY2(imported.ok(), qPrintable(imported.describe()));

    DockerClient client;
    client.setReconnectDelays(100, 1000);
    EngineEndpoint endpoint;
    endpoint.path = engine.socketPath();
    client.setEndpoint(endpoint);
    client.connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Connected, 15000);

    // "<boot token> <n>" every 50 ms; the engine starts it again after its own restart (always).
    const QString script = QStringLiteral("trap 'exit 0' TERM; t=$(cat /proc/sys/kernel/random/uuid); i=0; "
                                          "while :; do echo \"$t $i\"; i=$((i+1)); sleep 0.05; done");
    const auto created = awaitResult(client.createContainer(
        {{QStringLiteral("Image"), image},
         {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"), script}},
         {QStringLiteral("Labels"), QJsonObject{{TestRun::labelKey(), TestRun::current().labelValue()}}},
         {QStringLiteral("StopTimeout"), 2},
         {QStringLiteral("HostConfig"),
          QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")},
                      {QStringLiteral("RestartPolicy"), QJsonObject{{QStringLiteral("Name"), QStringLiteral("always")}}}}}},
        TestRun::current().uniqueName(QStringLiteral("counter"))));
    QVERIFY2(created.ok(), qPrintable(created.error.toString()));
    const QString id = *created;
    QVERIFY(awaitResult(client.startContainer(id)).ok());

    LogOptions options;
    options.follow = true;
    options.tail = QStringLiteral("0");
    std::unique_ptr<EngineStream> logs(client.logs(id, options));
    QStringList lines;
    connect(logs.get(), &EngineStream::logReceived, this,
            [&lines](const LogChunk &chunk) { lines.append(QString::fromUtf8(chunk.data)); });
    QSignalSpy interrupted(logs.get(), &EngineStream::interrupted);
    QSignalSpy resumed(logs.get(), &EngineStream::resumed);
    QTRY_VERIFY_WITH_TIMEOUT(lines.size() >= 10, 15000);
    // Timestamps were asked for internally (to resume from), and stripped.
    bool askedTimestamps = false;
    for (const auto &[key, value] : logs->lastQuery())
        askedTimestamps = askedTimestamps || (key == QLatin1String("timestamps") && value == QLatin1String("1"));
    QVERIFY(askedTimestamps);
    static const QRegularExpression shape(QStringLiteral("^[0-9a-f-]{36} [0-9]+\n$"));
    QVERIFY2(shape.match(lines.first()).hasMatch(), qPrintable(lines.first()));

    // A graceful restart; restart() blocks this thread, so the stream learns of the end only once
    // the engine is back (and its restart policy started the container again).
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(engine.restart(), qPrintable(engine.errorString()));
    qInfo("engine restarted in %lld ms", qint64(clock.elapsed()));
    QSignalSpy finished(logs.get(), &EngineStream::finished);
    // Resumed (or finished: the message then says why).
    QVERIFY(QTest::qWaitFor([&] { return resumed.count() > 0 || finished.count() > 0; }, 30000));
    QVERIFY2(resumed.count() > 0, qPrintable(QStringLiteral("interrupted %1, finished %2 (%3), client %4: %5, %6 lines")
                                                 .arg(interrupted.count())
                                                 .arg(finished.count())
                                                 .arg(logs->error().toString())
                                                 .arg(int(client.state()))
                                                 .arg(client.stateReason())
                                                 .arg(lines.size())));
    QVERIFY(interrupted.count() > 0);
    QVERIFY(logs->isActive());
    QCOMPARE(logs->resumeCount(), 1);
    QCOMPARE(interrupted.count(), 1);
    bool resumedWithSince = false;
    for (const auto &[key, value] : logs->lastQuery())
        resumedWithSince = resumedWithSince || key == QLatin1String("since");
    QVERIFY(resumedWithSince);

    // Lines of the second boot arrive after the resume.
    const QString firstToken = lines.first().section(u' ', 0, 0);
    const auto linesNotOf = [&lines](const QStringList &tokens) {
        return std::count_if(lines.begin(), lines.end(),
                             [&](const QString &l) { return !tokens.contains(l.section(u' ', 0, 0)); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(linesNotOf({firstToken}) >= 10, 20000);

    // Again, with this thread's event loop running while the engine crashes (SIGKILL): the stream
    // sees the drop itself (the client goes Unreachable), waits, and resumes once the engine is
    // back (which, live-restore being off, starts the container anew).
    const QString secondToken = lines.last().section(u' ', 0, 0);
    QVERIFY(secondToken != firstToken);
    QCOMPARE(::kill(pid_t(engine.pid()), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(interrupted.count() >= 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(client.state() != DockerClient::State::Connected, 30000);
    engine.kill(); // reaps it (and its containerd)
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(resumed.count() >= 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(linesNotOf({firstToken, secondToken}) >= 10, 20000);
    QCOMPARE(logs->resumeCount(), 2);
    logs.reset();

    // Per boot: the counter goes up by one from line to line, nothing lost, nothing twice.
    QMap<QString, int> last;
    QStringList order;
    for (const QString &line : std::as_const(lines)) {
        QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
        const QString token = line.section(u' ', 0, 0);
        const int n = line.section(u' ', 1).trimmed().toInt();
        if (!last.contains(token)) {
            order.append(token);
            if (token != firstToken)
                QCOMPARE(n, 0); // a new boot is followed from its first line
        } else {
            QVERIFY2(n == last.value(token) + 1,
                     qPrintable(QStringLiteral("%1 after %2").arg(line.trimmed()).arg(last.value(token))));
        }
        last.insert(token, n);
    }
    QCOMPARE(order.size(), 3);
    QCOMPARE(order.first(), firstToken);
    QCOMPARE(order.at(1), secondToken);
    qInfo("boots: %d, %d and %d lines", last.value(order.at(0)) + 1, last.value(order.at(1)) + 1, last.value(order.at(2)) + 1);
}

void TestEngineStreams::statsSamplesAgreeWithTheCalculator()
{
    DockerCli docker;
    STAGEHAND_REQUIRE(Requirements::engine(docker));
    QString baseImage;
    STAGEHAND_REQUIRE(Requirements::baseImage(docker, &baseImage));
    DockerClient client;
    client.connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Connected, 15000);
    const QString name = TestRun::current().uniqueName(QStringLiteral("stats"));
    const auto created = awaitResult(client.createContainer(
        {{QStringLiteral("Image"), baseImage},
         {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("while :; do :; done")}},
         {QStringLiteral("Labels"), QJsonObject{{TestRun::labelKey(), TestRun::current().labelValue()}}},
         {QStringLiteral("StopSignal"), QStringLiteral("SIGKILL")},
         {QStringLiteral("HostConfig"),
          QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}, {QStringLiteral("Memory"), 256 * 1024 * 1024}}}},
        name));
    QVERIFY2(created.ok(), qPrintable(created.error.toString()));
    auto cleanup = qScopeGuard([&] { docker.run({QStringLiteral("rm"), QStringLiteral("-f"), *created}); });
    QVERIFY(awaitResult(client.startContainer(*created)).ok());

    std::unique_ptr<EngineStream> stats(client.stats(*created));
    QList<QJsonObject> raw;
    QList<StatsSample> typed;
    connect(stats.get(), &EngineStream::statsReceived, this, [&raw](const QJsonObject &o) { raw.append(o); });
    connect(stats.get(), &EngineStream::statsSampleReceived, this, [&](const StatsSample &s) {
        QCOMPARE(typed.size() + 1, raw.size()); // right after its raw object
        typed.append(s);
    });
    QTRY_VERIFY_WITH_TIMEOUT(typed.size() >= 3, 20000);
    stats.reset();

    for (qsizetype i = 0; i < typed.size(); ++i) {
        const StatsSample expected = StatsCalculator::fromJson(raw.at(i));
        const StatsSample &s = typed.at(i);
        QCOMPARE(s.read, expected.read);
        QCOMPARE(s.cpuPercent, expected.cpuPercent);
        QCOMPARE(s.memoryUsage, expected.memoryUsage);
        QCOMPARE(s.memoryLimit, expected.memoryLimit);
        QCOMPARE(s.memoryPercent, expected.memoryPercent);
        QCOMPARE(s.pids, expected.pids);
        QCOMPARE(s.blockRead, expected.blockRead);
        QCOMPARE(s.blockWrite, expected.blockWrite);
        QCOMPARE(s.name, name);
        QCOMPARE(s.id, *created);
        QCOMPARE(s.memoryLimit, qint64(256) * 1024 * 1024);
        QVERIFY(s.pids >= 1);
        QVERIFY(s.read.isValid());
    }
    // After the first, each has its predecessor: a busy loop shows CPU.
    const StatsSample &later = typed.last();
    QVERIFY(later.hasPreviousCpu);
    QVERIFY2(later.cpuPercent > 1.0, qPrintable(QString::number(later.cpuPercent)));
}

// The engine ends a stats stream when its running container is removed (rm -f while streaming):
// that is the stream's end, not the engine's. A stopped container's stream goes on, with zeros
// (engine 20.10 keeps it open even after the stopped container is removed: whoever follows stats
// closes the stream on the container's die event). The client stays Connected throughout.
void TestEngineStreams::statsOfARemovedContainerEndWithoutAnOutage()
{
    DockerCli docker;
    STAGEHAND_REQUIRE(Requirements::engine(docker));
    QString baseImage;
    STAGEHAND_REQUIRE(Requirements::baseImage(docker, &baseImage));
    DockerClient client;
    client.connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Connected, 15000);
    QList<DockerClient::State> states;
    connect(&client, &DockerClient::stateChanged, this, [&states](DockerClient::State s) { states.append(s); });

    QStringList made;
    auto cleanup = qScopeGuard([&] {
        for (const QString &id : std::as_const(made))
            docker.run({QStringLiteral("rm"), QStringLiteral("-f"), id});
    });
    auto startOne = [&]() -> QString {
        const auto created = awaitResult(client.createContainer(
            {{QStringLiteral("Image"), baseImage},
             {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sleep"), QStringLiteral("300")}},
             {QStringLiteral("Labels"), QJsonObject{{TestRun::labelKey(), TestRun::current().labelValue()}}},
             {QStringLiteral("StopSignal"), QStringLiteral("SIGKILL")},
             {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}},
            TestRun::current().uniqueName(QStringLiteral("statsend"))));
        if (!created.ok() || !awaitResult(client.startContainer(*created)).ok())
            return {};
        made.append(*created);
        return *created;
    };

    // Stopped: the stream goes on, the engine is fine.
    const QString stopped = startOne();
    QVERIFY(!stopped.isEmpty());
    std::unique_ptr<EngineStream> stats(client.stats(stopped));
    int samples = 0;
    connect(stats.get(), &EngineStream::statsReceived, this, [&samples] { ++samples; });
    QTRY_VERIFY_WITH_TIMEOUT(samples >= 1, 20000);
    QVERIFY(awaitResult(client.killContainer(stopped)).ok());
    const int beforeStop = samples;
    QTRY_VERIFY_WITH_TIMEOUT(samples > beforeStop + 1, 10000);
    QVERIFY(stats->isActive());
    stats.reset();

    // Removed while running: the stream ends without an error.
    const QString removed = startOne();
    QVERIFY(!removed.isEmpty());
    stats.reset(client.stats(removed));
    samples = 0;
    connect(stats.get(), &EngineStream::statsReceived, this, [&samples] { ++samples; });
    QSignalSpy finished(stats.get(), &EngineStream::finished);
    QTRY_VERIFY_WITH_TIMEOUT(samples >= 1, 20000);
    QVERIFY(awaitResult(client.removeContainer(removed, true)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(!stats->error().isError(), qPrintable(stats->error().toString()));
    QVERIFY(!stats->isInterrupted());

    QCOMPARE(client.state(), DockerClient::State::Connected);
    QVERIFY2(states.isEmpty(), qPrintable(QStringLiteral("%1 state changes").arg(states.size())));
}

QTEST_GUILESS_MAIN(TestEngineStreams)
#include "tst_engine_streams.moc"
