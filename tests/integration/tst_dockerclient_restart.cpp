// DockerClient and an engine that goes away: a private dockerd is stopped and started under an
// open events stream; the client reports the drop, reconnects when the engine is back, and the
// stream resumes with since=<last timeNano>, so that an event made during the outage arrives, once.

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include "PrivateEngine.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace stagehand;
using stagehand::test::DockerCli;
using stagehand::test::PrivateEngine;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

class TestDockerClientRestart : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eventsResumeAfterEngineRestart();
};

void TestDockerClientRestart::eventsResumeAfterEngineRestart()
{
    STAGEHAND_REQUIRE(Requirements::engine(DockerCli()));
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    PrivateEngine engine;
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    const DockerCli cli = engine.cli();

    const auto endpoint = EngineEndpoint::parse(engine.host());
    QVERIFY(endpoint);
    DockerClient client;
    client.setEndpoint(*endpoint);
    client.setReconnectDelays(100, 1000);
    client.connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Connected, 10000);

    // Volume events carry no labels (Attributes: driver only); the engine is ours alone anyway.
    std::unique_ptr<EngineStream> events(client.events({{{QStringLiteral("type"), {QStringLiteral("volume")}}}, {}, {}}));
    QSignalSpy started(events.get(), &EngineStream::started);
    QSignalSpy interrupted(events.get(), &EngineStream::interrupted);
    QSignalSpy resumed(events.get(), &EngineStream::resumed);
    QSignalSpy finished(events.get(), &EngineStream::finished);
    QStringList created; // volume names, in the order their create events arrived
    connect(events.get(), &EngineStream::eventReceived, this, [&created](const EngineEvent &e) {
        if (e.action == QLatin1String("create"))
            created.append(e.actorId);
    });
    QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1, 10000);

    auto createVolume = [&cli](const QString &name) {
        const auto result = cli.run({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("--label"),
                                     TestRun::current().label(), name});
        return result.ok() ? QString() : result.describe();
    };
    const QString v1 = TestRun::current().uniqueName(QStringLiteral("v"));
    QCOMPARE(createVolume(v1), QString());
    QTRY_COMPARE_WITH_TIMEOUT(created, QStringList{v1}, 10000);

    // 1. The engine stops and starts again: the client notices, reconnects on its own, the stream resumes.
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(engine.stop(), qPrintable(engine.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(interrupted.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Unreachable, 10000);
    qInfo("drop noticed: %s", qPrintable(client.lastError().toString()));
    QVERIFY(client.lastError().isConnectionProblem());
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Connected, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(resumed.count(), 1, 10000);
    qInfo("stop, start, reconnect and resume: %lld ms", qint64(clock.elapsed()));
    const QString v2 = TestRun::current().uniqueName(QStringLiteral("v"));
    QCOMPARE(createVolume(v2), QString());
    QTRY_COMPARE_WITH_TIMEOUT(created, (QStringList{v1, v2}), 10000);

    // 2. An event made while the client is still away is delivered after the resume, once.
    client.setAutoReconnect(false);
    QVERIFY2(engine.stop(), qPrintable(engine.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(interrupted.count(), 2, 10000);
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    const QString v3 = TestRun::current().uniqueName(QStringLiteral("v"));
    QCOMPARE(createVolume(v3), QString());
    QTest::qWait(300);
    QCOMPARE(created, (QStringList{v1, v2})); // not connected yet
    client.setAutoReconnect(true);
    client.connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(resumed.count(), 2, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(created, (QStringList{v1, v2, v3}), 10000);
    bool hasSince = false;
    for (const auto &[key, value] : events->lastQuery())
        hasSince = hasSince || (key == QLatin1String("since") && value.contains(u'.'));
    QVERIFY(hasSince);
    QTest::qWait(500);
    QCOMPARE(created, (QStringList{v1, v2, v3})); // and nothing twice
    QCOMPARE(finished.count(), 0);
    QVERIFY(events->isActive());

    events.reset();
    for (const QString &v : {v1, v2, v3})
        cli.run({QStringLiteral("volume"), QStringLiteral("rm"), v});
}

QTEST_GUILESS_MAIN(TestDockerClientRestart)
#include "tst_dockerclient_restart.moc"
