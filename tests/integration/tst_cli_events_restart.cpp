// `stagehand-cli events` keeps running across an engine restart (a private dockerd, stopped and
// started by the test): the events before, and those made right after the engine came back, each
// printed once; SIGINT then ends it with exit 0.

#include "DockerCli.h"
#include "PrivateEngine.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using stagehand::test::DockerCli;
using stagehand::test::PrivateEngine;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

class TestCliEventsRestart : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eventsSurviveEngineRestart();
};

void TestCliEventsRestart::eventsSurviveEngineRestart()
{
    STAGEHAND_REQUIRE(Requirements::engine(DockerCli()));
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    PrivateEngine engine;
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    const DockerCli docker = engine.cli();

    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
    QProcess events;
    events.setProcessEnvironment(environment);
    // Volume events: no image needed; the engine is ours alone.
    events.start(QStringLiteral(STAGEHAND_CLI_PATH),
                 {QStringLiteral("events"), QStringLiteral("--host"), engine.host(), QStringLiteral("--format"),
                  QStringLiteral("json"), QStringLiteral("--since"), QString::number(QDateTime::currentSecsSinceEpoch() - 1),
                  QStringLiteral("--filter"), QStringLiteral("type=volume"), QStringLiteral("--filter"),
                  QStringLiteral("event=create")});
    QVERIFY(events.waitForStarted());

    QStringList created;
    QByteArray pending;
    auto readEvents = [&] {
        pending += events.readAllStandardOutput();
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QJsonObject event = QJsonDocument::fromJson(pending.left(newline)).object();
            pending.remove(0, newline + 1);
            created.append(event.value(QLatin1String("Actor")).toObject().value(QLatin1String("ID")).toString());
        }
        return created;
    };
    auto createVolume = [&docker](const QString &name) {
        const auto result = docker.run(
            {QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("--label"), TestRun::current().label(), name});
        return result.ok() ? QString() : result.describe();
    };

    // --since: the event comes even if the volume is made before the CLI has subscribed.
    const QString v1 = TestRun::current().uniqueName(QStringLiteral("v"));
    QCOMPARE(createVolume(v1), QString());
    QTRY_VERIFY_WITH_TIMEOUT(readEvents().contains(v1), 15000);

    QVERIFY2(engine.stop(), qPrintable(engine.errorString()));
    QByteArray notes;
    QTRY_VERIFY_WITH_TIMEOUT((notes += events.readAllStandardError()).contains("lost the engine"), 15000);
    QVERIFY(events.state() == QProcess::Running);
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    // Made at once, perhaps before the CLI is back: delivered after the resume all the same.
    const QString v2 = TestRun::current().uniqueName(QStringLiteral("v"));
    QCOMPARE(createVolume(v2), QString());
    QTRY_VERIFY_WITH_TIMEOUT(readEvents().contains(v2), 20000);
    QCOMPARE(created.count(v2), 1);
    QVERIFY(created.indexOf(v1) < created.indexOf(v2));

    ::kill(pid_t(events.processId()), SIGINT);
    QVERIFY(events.waitForFinished(15000));
    QCOMPARE(events.exitStatus(), QProcess::NormalExit);
    QCOMPARE(events.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestCliEventsRestart)
#include "tst_cli_events_restart.moc"
