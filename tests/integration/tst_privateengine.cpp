// A private dockerd beside the shared engine: it starts, takes an image from the shared engine,
// runs a container only it sees, survives stop/start and kill/start, and leaves nothing behind;
// the shared engine's own containers are untouched throughout.

#include "DockerCli.h"
#include "PrivateEngine.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QtTest>

#include <memory>

using stagehand::test::DockerCli;
using stagehand::test::PrivateEngine;
using stagehand::test::ProcessResult;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

// The shared engine's containers that no test made (no io.stagehand.test label), by id, as
// "status startedAt": what a misbehaving private engine could disturb.
QMap<QString, QString> untouchableContainers(const DockerCli &docker)
{
    QMap<QString, QString> out;
    const QJsonArray containers = docker.inspect(docker.containerIds());
    for (const QJsonValue &container : containers) {
        const QJsonObject labels = container[QStringLiteral("Config")][QStringLiteral("Labels")].toObject();
        if (labels.contains(TestRun::labelKey()))
            continue;
        const QJsonObject state = container[QStringLiteral("State")].toObject();
        out.insert(container[QStringLiteral("Id")].toString(),
                   state[QStringLiteral("Status")].toString() + u' ' + state[QStringLiteral("StartedAt")].toString());
    }
    return out;
}

// The shared dockerd's pid (its default pid file), to show it was not restarted; 0 if unknown.
qint64 sharedDaemonPid()
{
    QFile file(QStringLiteral("/var/run/docker.pid"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

bool mountedUnder(const QString &root)
{
    QFile mountinfo(QStringLiteral("/proc/self/mountinfo"));
    if (!mountinfo.open(QIODevice::ReadOnly))
        return false;
    return mountinfo.readAll().contains(root.toUtf8());
}

} // namespace

class TestPrivateEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsBesideTheSharedEngine();
    void loadsTheBaseImage();
    void runsAContainerOnlyItSees();
    void stopAndStart();
    void killAndStart();
    void restart();
    void cleanupTestCase();

private:
    QString containerState() const;
    void requireRunning() const;

    DockerCli m_shared;
    std::unique_ptr<PrivateEngine> m_engine;
    QString m_root;
    QString m_baseImage;
    QString m_container;
    qint64 m_sharedDaemonPid = 0;
    bool m_started = false;
    QMap<QString, QString> m_sharedBefore;
};

void TestPrivateEngine::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_shared));
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    STAGEHAND_REQUIRE(Requirements::baseImage(m_shared, &m_baseImage));
    m_sharedDaemonPid = sharedDaemonPid();
    m_sharedBefore = untouchableContainers(m_shared);
    m_container = TestRun::current().uniqueName(QStringLiteral("box"));
    m_started = true;
    qInfo("run %s, base image %s", qPrintable(TestRun::current().id()), qPrintable(m_baseImage));
}

void TestPrivateEngine::requireRunning() const
{
    QVERIFY2(m_engine && m_engine->isRunning(), "the private engine is not running (an earlier step failed)");
}

QString TestPrivateEngine::containerState() const
{
    return m_engine->cli()
        .run({QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.State.Status}}"), m_container}, 30000)
        .out()
        .trimmed();
}

void TestPrivateEngine::startsBesideTheSharedEngine()
{
    m_engine = std::make_unique<PrivateEngine>();
    m_root = m_engine->rootDirectory();
    QVERIFY2(!m_root.isEmpty(), qPrintable(m_engine->errorString()));
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(m_engine->start(), qPrintable(m_engine->errorString()));
    qInfo("private dockerd (pid %lld) answered after %lld ms: dockerd %s", m_engine->pid(), clock.elapsed(),
          qPrintable(m_engine->arguments().join(u' ')));

    const DockerCli mine = m_engine->cli();
    // (Both report the same ID: dockerd 20.10 derives it from /etc/docker/key.json.)
    const QString format = QStringLiteral("{{.DockerRootDir}}");
    const QString privateRoot = mine.run({QStringLiteral("info"), QStringLiteral("--format"), format}).out().trimmed();
    const QString sharedRoot = m_shared.run({QStringLiteral("info"), QStringLiteral("--format"), format}).out().trimmed();
    QCOMPARE(privateRoot, m_engine->dataRoot());
    QVERIFY2(privateRoot != sharedRoot, "the private engine is the shared one");
    QCOMPARE(sharedDaemonPid(), m_sharedDaemonPid);
    // No networks but the built-in ones (--bridge=none: no "bridge" network)
    const QStringList networks =
        mine.run({QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("--format"), QStringLiteral("{{.Name}}")})
            .lines();
    QVERIFY2(!networks.contains(QStringLiteral("bridge")), qPrintable(networks.join(u' ')));
    QVERIFY(mine.containerIds().isEmpty());
}

void TestPrivateEngine::loadsTheBaseImage()
{
    requireRunning();
    const ProcessResult loaded = m_engine->loadImage(m_baseImage);
    QVERIFY2(loaded.ok(), qPrintable(loaded.describe()));
    qInfo("docker save | docker load of %s took %lld ms", qPrintable(m_baseImage), loaded.elapsedMs);
    QVERIFY(m_engine->cli().imageExists(m_baseImage));
}

void TestPrivateEngine::runsAContainerOnlyItSees()
{
    requireRunning();
    const DockerCli mine = m_engine->cli();
    // --init: sleep gets SIGTERM (as PID 1 it would ignore it), so a daemon stop is quick
    const ProcessResult run = mine.run(
        QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--init"), QStringLiteral("--name"), m_container,
                    QStringLiteral("--network"), QStringLiteral("none"), QStringLiteral("--stop-timeout"), QStringLiteral("3")} +
            TestRun::current().labelArguments() + QStringList{m_baseImage, QStringLiteral("sleep"), QStringLiteral("600")},
        60000);
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    const QString id = run.out().trimmed();

    QVERIFY2(mine.containerIds({QStringLiteral("status=running")}).contains(id),
             "docker -H <private> ps does not list the container");
    QCOMPARE(containerState(), QStringLiteral("running"));
    QCOMPARE(mine.run({QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.HostConfig.NetworkMode}}"), id})
                 .out()
                 .trimmed(),
             QStringLiteral("none"));

    QVERIFY2(m_shared.containerIds({QStringLiteral("id=") + id}).isEmpty(),
             "the shared engine sees the private engine's container");
    QVERIFY2(m_shared.containerIds({QStringLiteral("name=") + m_container}).isEmpty(),
             "the shared engine has a container of that name");
    QVERIFY2(m_shared.containerIds({QStringLiteral("label=") + TestRun::current().label()}).isEmpty(),
             "the shared engine has a container with this run's label");
}

void TestPrivateEngine::stopAndStart()
{
    requireRunning();
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(m_engine->stop(), qPrintable(m_engine->errorString()));
    qInfo("stopped in %lld ms", clock.elapsed());
    QVERIFY2(!m_engine->cli().engineAvailable(3000), "the private engine still answers after stop()");
    QVERIFY2(m_shared.engineAvailable(), "the shared engine stopped answering");

    clock.restart();
    QVERIFY2(m_engine->start(), qPrintable(m_engine->errorString()));
    qInfo("started again in %lld ms", clock.elapsed());
    // The daemon stopped the container on shutdown; without a restart policy it stays stopped.
    QCOMPARE(containerState(), QStringLiteral("exited"));
    const ProcessResult started = m_engine->cli().run({QStringLiteral("start"), m_container});
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    QCOMPARE(containerState(), QStringLiteral("running"));
}

void TestPrivateEngine::killAndStart()
{
    requireRunning();
    QVERIFY2(m_engine->kill(), qPrintable(m_engine->errorString()));
    QVERIFY2(!m_engine->cli().engineAvailable(3000), "the private engine still answers after kill()");
    QVERIFY2(m_shared.engineAvailable(), "the shared engine stopped answering");

    QElapsedTimer clock;
    clock.start();
    QVERIFY2(m_engine->start(), qPrintable(m_engine->errorString()));
    qInfo("started after SIGKILL in %lld ms", clock.elapsed());
    // On start, dockerd kills what its killed predecessor left running (no live-restore).
    QCOMPARE(containerState(), QStringLiteral("exited"));
}

void TestPrivateEngine::restart()
{
    requireRunning();
    const ProcessResult started = m_engine->cli().run({QStringLiteral("start"), m_container});
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    const qint64 before = m_engine->pid();
    QVERIFY2(m_engine->restart(), qPrintable(m_engine->errorString()));
    QVERIFY(m_engine->pid() != before);
    QVERIFY(m_engine->cli().engineAvailable());
    QCOMPARE(containerState(), QStringLiteral("exited"));
    const ProcessResult removed = m_engine->cli().run({QStringLiteral("rm"), QStringLiteral("-f"), m_container});
    QVERIFY2(removed.ok(), qPrintable(removed.describe()));
}

void TestPrivateEngine::cleanupTestCase()
{
    QElapsedTimer clock;
    clock.start();
    m_engine.reset(); // stops the daemon, unmounts and removes its directories
    qInfo("private engine removed in %lld ms", clock.elapsed());
    if (!m_root.isEmpty()) {
        QVERIFY2(!QFileInfo::exists(m_root), qPrintable(m_root + QStringLiteral(" still exists")));
        QVERIFY2(!mountedUnder(m_root), qPrintable(QStringLiteral("something is still mounted under ") + m_root));
    }
    if (m_started) {
        QVERIFY2(m_shared.engineAvailable(), "the shared engine does not answer any more");
        QCOMPARE(sharedDaemonPid(), m_sharedDaemonPid);
        // Every container that was there before and still is has not been stopped or restarted.
        // (Others work on this engine too: containers they add or remove are only logged.)
        const QMap<QString, QString> after = untouchableContainers(m_shared);
        for (auto it = m_sharedBefore.cbegin(); it != m_sharedBefore.cend(); ++it) {
            if (!after.contains(it.key())) {
                qInfo("shared engine: container %s went away meanwhile", qPrintable(it.key().left(12)));
                continue;
            }
            QVERIFY2(after.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("shared container %1 changed: %2 -> %3")
                                    .arg(it.key().left(12), it.value(), after.value(it.key()))));
        }
        if (after.size() != m_sharedBefore.size())
            qInfo("shared engine: %lld untouched containers before, %lld after", qint64(m_sharedBefore.size()),
                  qint64(after.size()));
    }
}

QTEST_GUILESS_MAIN(TestPrivateEngine)
#include "tst_privateengine.moc"
