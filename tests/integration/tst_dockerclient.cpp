// DockerClient against the real engine: connection and API negotiation, a container's life with
// its events, logs (stdout and stderr apart, a line longer than a frame), exec, the archive API,
// stats, networks and volumes, engine errors, and an endpoint where no engine runs.

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include "DockerCli.h"
#include "EngineWait.h"
#include "FreeSubnet.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace stagehand;
using stagehand::test::awaitResult;
using stagehand::test::DockerCli;
using stagehand::test::FreeSubnet;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

QByteArray runTar(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess tar;
    tar.start(QStringLiteral("tar"), arguments);
    tar.write(input);
    tar.closeWriteChannel();
    tar.waitForFinished(30000);
    return tar.readAllStandardOutput();
}

// The test label, and a Compose project label (events must carry both).
QJsonObject testLabels()
{
    static const QString project = TestRun::current().uniqueName(QStringLiteral("proj"));
    return QJsonObject{{TestRun::labelKey(), TestRun::current().labelValue()},
                       {QStringLiteral("com.docker.compose.project"), project}};
}

} // namespace

class TestDockerClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectsAndNegotiates();
    void containerLifecycle();
    void engineErrorsCarryTheMessage();
    void networks();
    void volumes();
    void deadEndpointIsUnreachable();
    void pullFailureIsReported();
    void cleanupTestCase();

private:
    DockerCli m_docker;
    QString m_baseImage;
    std::unique_ptr<DockerClient> m_client;
    bool m_ready = false;
};

void TestDockerClient::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    m_client = std::make_unique<DockerClient>();
    m_ready = true;
}

void TestDockerClient::connectsAndNegotiates()
{
    QVERIFY(m_ready);
    QSignalSpy states(m_client.get(), &DockerClient::stateChanged);
    QElapsedTimer clock;
    clock.start();
    m_client->connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), DockerClient::State::Connected, 15000);
    qInfo("connected in %lld ms", qint64(clock.elapsed()));
    QCOMPARE(m_client->apiVersion(), QStringLiteral("1.41"));
    QCOMPARE(states.first().first().value<DockerClient::State>(), DockerClient::State::Connecting);
    QVERIFY(!m_client->engineVersion().value(QLatin1String("Version")).toString().isEmpty());
    QCOMPARE(DockerClient::negotiate(QStringLiteral("1.43")), QStringLiteral("1.41"));
    QCOMPARE(DockerClient::negotiate(QStringLiteral("1.40")), QStringLiteral("1.40"));

    const auto info = awaitResult(m_client->info());
    QVERIFY2(info.ok(), qPrintable(info.error.toString()));
    QVERIFY(info->contains(QLatin1String("Containers")));
}

void TestDockerClient::containerLifecycle()
{
    QVERIFY(m_ready);
    const QString name = TestRun::current().uniqueName(QStringLiteral("client"));

    // Events first, so that create is seen.
    std::unique_ptr<EngineStream> events(m_client->events(
        {{{QStringLiteral("type"), {QStringLiteral("container")}}, {QStringLiteral("label"), {TestRun::current().label()}}},
         {},
         {}}));
    QSignalSpy started(events.get(), &EngineStream::started);
    QList<EngineEvent> seen;
    connect(events.get(), &EngineStream::eventReceived, this, [&seen](const EngineEvent &e) { seen.append(e); });
    QTRY_VERIFY_WITH_TIMEOUT(started.count() > 0, 10000);

    const QString script = QStringLiteral("head -c 100000 /dev/zero | tr '\\0' x; echo; "
                                          "for i in 1 2 3; do echo out$i; echo err$i >&2; done; sleep 60");
    const QJsonObject body{{QStringLiteral("Image"), m_baseImage},
                           {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"), script}},
                           {QStringLiteral("Labels"), testLabels()},
                           {QStringLiteral("StopSignal"), QStringLiteral("SIGKILL")},
                           {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}};
    QElapsedTimer clock;
    clock.start();
    const auto created = awaitResult(m_client->createContainer(body, name));
    QVERIFY2(created.ok(), qPrintable(created.error.toString()));
    const QString id = *created;
    auto cleanup = qScopeGuard([&] { m_docker.run({QStringLiteral("rm"), QStringLiteral("-f"), id}); });
    const auto startedContainer = awaitResult(m_client->startContainer(id));
    QVERIFY2(startedContainer.ok(), qPrintable(startedContainer.error.toString()));
    qInfo("create + start: %lld ms", qint64(clock.elapsed()));

    const auto details = awaitResult(m_client->inspectContainer(id));
    QVERIFY2(details.ok(), qPrintable(details.error.toString()));
    QCOMPARE(details->id, id);
    QCOMPARE(details->name, name);
    QVERIFY(details->running);
    QCOMPARE(details->labels.value(TestRun::labelKey()), TestRun::current().labelValue());

    const auto listed = awaitResult(m_client->listContainers(true, {{QStringLiteral("label"), {TestRun::current().label()}}}));
    QVERIFY2(listed.ok(), qPrintable(listed.error.toString()));
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().id, id);
    QCOMPARE(listed->first().name(), name);
    QCOMPARE(listed->first().state, QStringLiteral("running"));

    // Logs: wait until the container wrote everything, then compare with `docker logs`.
    QTRY_VERIFY_WITH_TIMEOUT(m_docker.run({QStringLiteral("logs"), id}).standardError.contains("err3"), 15000);
    const auto cli = m_docker.run({QStringLiteral("logs"), id});
    QByteArray out;
    QByteArray err;
    int chunks = 0;
    {
        std::unique_ptr<EngineStream> logs(m_client->logs(id, LogOptions{}));
        QSignalSpy finished(logs.get(), &EngineStream::finished);
        connect(logs.get(), &EngineStream::logReceived, this, [&](const LogChunk &c) {
            ++chunks;
            (c.stream == LogChunk::Stream::Stderr ? err : out) += c.data;
        });
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 15000);
        QVERIFY2(!logs->error().isError(), qPrintable(logs->error().toString()));
    }
    QCOMPARE(out.size(), cli.standardOutput.size());
    QCOMPARE(out, cli.standardOutput);
    QCOMPARE(err, cli.standardError);
    QVERIFY(out.startsWith(QByteArray(QByteArray(100000, 'x') + '\n')));
    QVERIFY(out.endsWith("out1\nout2\nout3\n"));
    QCOMPARE(err, QByteArrayLiteral("err1\nerr2\nerr3\n"));

    // Exec: exit codes, stdout and stderr apart.
    const auto ok = awaitResult(m_client->exec(id, {QStringLiteral("true")}));
    QVERIFY2(ok.ok(), qPrintable(ok.error.toString()));
    QCOMPARE(ok->exitCode, 0);
    clock.restart();
    const auto three = awaitResult(
        m_client->exec(id, {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo to-out; echo to-err >&2; exit 3")}));
    qInfo("exec: %lld ms", qint64(clock.elapsed()));
    QVERIFY2(three.ok(), qPrintable(three.error.toString()));
    QCOMPARE(three->exitCode, 3);
    QCOMPARE(three->standardOutput, QByteArrayLiteral("to-out\n"));
    QCOMPARE(three->standardError, QByteArrayLiteral("to-err\n"));

    // Archive round trip: PUT a tar made here, GET it back.
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("hello.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray content = QByteArrayLiteral("hello from the test\n") + QByteArray(5000, 'y');
    file.write(content);
    file.close();
    QByteArray tar =
        runTar({QStringLiteral("-cf"), QStringLiteral("-"), QStringLiteral("-C"), dir.path(), QStringLiteral("hello.txt")});
    QVERIFY(!tar.isEmpty());
    QBuffer source(&tar);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const auto put = awaitResult(m_client->putArchive(id, QStringLiteral("/tmp"), &source));
    QVERIFY2(put.ok(), qPrintable(put.error.toString()));
    QBuffer back;
    QVERIFY(back.open(QIODevice::WriteOnly));
    const auto got = awaitResult(m_client->getArchive(id, QStringLiteral("/tmp/hello.txt"), &back));
    QVERIFY2(got.ok(), qPrintable(got.error.toString()));
    QCOMPARE(*got, back.data().size());
    QCOMPARE(runTar({QStringLiteral("-xOf"), QStringLiteral("-")}, back.data()), content);
    const auto missing = awaitResult(m_client->getArchive(id, QStringLiteral("/no/such/path"), &back));
    QCOMPARE(missing.error.kind, EngineError::Kind::Http);
    QCOMPARE(missing.error.httpStatus, 404);

    // A stats sample.
    {
        std::unique_ptr<EngineStream> stats(m_client->stats(id));
        QList<QJsonObject> samples;
        connect(stats.get(), &EngineStream::statsReceived, this, [&samples](const QJsonObject &s) { samples.append(s); });
        QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);
        QVERIFY(samples.first().contains(QLatin1String("memory_stats")));
        QVERIFY(samples.first().contains(QLatin1String("cpu_stats")));
    }

    // Stop and remove; the events arrive with the container's id and labels.
    const auto stopped = awaitResult(m_client->stopContainer(id, 1));
    QVERIFY2(stopped.ok(), qPrintable(stopped.error.toString()));
    const auto waited = awaitResult(m_client->waitContainer(id));
    QVERIFY2(waited.ok(), qPrintable(waited.error.toString()));
    QCOMPARE(*waited, 137);
    const auto removed = awaitResult(m_client->removeContainer(id, false, true));
    QVERIFY2(removed.ok(), qPrintable(removed.error.toString()));
    cleanup.dismiss();

    auto actions = [&seen, &id] {
        QStringList list;
        for (const EngineEvent &e : seen)
            if (e.actorId == id)
                list.append(e.action);
        return list;
    };
    QTRY_VERIFY_WITH_TIMEOUT(actions().contains(QStringLiteral("destroy")), 10000);
    const QStringList got2 = actions();
    for (const QString &action :
         {QStringLiteral("create"), QStringLiteral("start"), QStringLiteral("die"), QStringLiteral("destroy")})
        QVERIFY2(got2.contains(action), qPrintable(got2.join(u',')));
    QVERIFY(got2.indexOf(QStringLiteral("create")) < got2.indexOf(QStringLiteral("start")));
    QVERIFY(got2.indexOf(QStringLiteral("die")) < got2.indexOf(QStringLiteral("destroy")));
    for (const EngineEvent &e : std::as_const(seen)) {
        QCOMPARE(e.type, QStringLiteral("container"));
        QCOMPARE(e.attribute(TestRun::labelKey()), TestRun::current().labelValue());
        QCOMPARE(e.composeProject(), testLabels().value(QLatin1String("com.docker.compose.project")).toString());
        QVERIFY(e.timeNano / 1000000000 == e.time);
    }
}

void TestDockerClient::engineErrorsCarryTheMessage()
{
    QVERIFY(m_ready);
    const auto missing = awaitResult(m_client->inspectContainer(QStringLiteral("stagehand-no-such-container")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error.kind, EngineError::Kind::Http);
    QCOMPARE(missing.error.httpStatus, 404);
    QVERIFY2(missing.error.message.contains(QLatin1String("No such container")), qPrintable(missing.error.message));
    QCOMPARE(m_client->state(), DockerClient::State::Connected); // an HTTP error is no connection problem
}

void TestDockerClient::networks()
{
    QVERIFY(m_ready);
    const FreeSubnet subnet = FreeSubnet::take(m_docker);
    QVERIFY(subnet.isValid());
    const QString name = TestRun::current().uniqueName(QStringLiteral("net"));
    const QJsonObject body{
        {QStringLiteral("Name"), name},
        {QStringLiteral("Driver"), QStringLiteral("bridge")},
        {QStringLiteral("Labels"), testLabels()},
        {QStringLiteral("IPAM"),
         QJsonObject{{QStringLiteral("Config"), QJsonArray{QJsonObject{{QStringLiteral("Subnet"), subnet.cidr()},
                                                                       {QStringLiteral("Gateway"), subnet.gateway()}}}}}}};
    const auto created = awaitResult(m_client->createNetwork(body));
    QVERIFY2(created.ok(), qPrintable(created.error.toString()));
    auto cleanup = qScopeGuard([&] { m_docker.run({QStringLiteral("network"), QStringLiteral("rm"), name}); });

    const auto listed = awaitResult(m_client->listNetworks({{QStringLiteral("label"), {TestRun::current().label()}}}));
    QVERIFY2(listed.ok(), qPrintable(listed.error.toString()));
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().name, name);
    QCOMPARE(listed->first().id, *created);
    const auto inspected = awaitResult(m_client->inspectNetwork(name));
    QVERIFY2(inspected.ok(), qPrintable(inspected.error.toString()));
    QCOMPARE(inspected->subnets, QStringList{subnet.cidr()});
    QCOMPARE(inspected->gateways, QStringList{subnet.gateway()});
    QCOMPARE(inspected->labels.value(TestRun::labelKey()), TestRun::current().labelValue());

    const auto removed = awaitResult(m_client->removeNetwork(*created));
    QVERIFY2(removed.ok(), qPrintable(removed.error.toString()));
    cleanup.dismiss();
    const auto after = awaitResult(m_client->listNetworks({{QStringLiteral("label"), {TestRun::current().label()}}}));
    QVERIFY(after.ok());
    QVERIFY(after->isEmpty());
}

void TestDockerClient::volumes()
{
    QVERIFY(m_ready);
    const QString name = TestRun::current().uniqueName(QStringLiteral("vol"));
    const auto created = awaitResult(m_client->createVolume(name, {{TestRun::labelKey(), TestRun::current().labelValue()}}));
    QVERIFY2(created.ok(), qPrintable(created.error.toString()));
    auto cleanup = qScopeGuard([&] { m_docker.run({QStringLiteral("volume"), QStringLiteral("rm"), name}); });
    QCOMPARE(created->name, name);
    const auto inspected = awaitResult(m_client->inspectVolume(name));
    QVERIFY2(inspected.ok(), qPrintable(inspected.error.toString()));
    QCOMPARE(inspected->driver, QStringLiteral("local"));
    QVERIFY(!inspected->mountpoint.isEmpty());
    QCOMPARE(inspected->labels.value(TestRun::labelKey()), TestRun::current().labelValue());
    const auto listed = awaitResult(m_client->listVolumes({{QStringLiteral("label"), {TestRun::current().label()}}}));
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 1);
    const auto removed = awaitResult(m_client->removeVolume(name));
    QVERIFY2(removed.ok(), qPrintable(removed.error.toString()));
    cleanup.dismiss();
    const auto gone = awaitResult(m_client->inspectVolume(name));
    QCOMPARE(gone.error.httpStatus, 404);
}

void TestDockerClient::deadEndpointIsUnreachable()
{
    const QString path =
        QDir::tempPath() + u'/' + TestRun::current().uniqueName(QStringLiteral("nosock")) + QStringLiteral(".sock");
    DockerClient client;
    EngineEndpoint endpoint;
    endpoint.path = path;
    client.setEndpoint(endpoint);
    client.setAutoReconnect(false);
    QElapsedTimer clock;
    clock.start();
    client.connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Unreachable, 10000);
    qInfo("unreachable after %lld ms: %s", qint64(clock.elapsed()), qPrintable(client.lastError().toString()));
    QCOMPARE(client.lastError().kind, EngineError::Kind::Unreachable);
    QVERIFY2(client.stateReason().contains(QStringLiteral("unix://") + path), qPrintable(client.stateReason()));
    QVERIFY2(client.stateHint().contains(QLatin1String("systemctl start docker")), qPrintable(client.stateHint()));
    const auto call = awaitResult(client.listContainers());
    QCOMPARE(call.error.kind, EngineError::Kind::Unreachable);
}

// No registry is reachable here: a pull must end with the engine's reason, not hang or succeed.
void TestDockerClient::pullFailureIsReported()
{
    QVERIFY(m_ready);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<EngineStream> pull(m_client->pullImage(QStringLiteral("registry.invalid/stagehand/nothing:1")));
    QSignalSpy finished(pull.get(), &EngineStream::finished);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    qInfo("pull failed after %lld ms: %s", qint64(clock.elapsed()), qPrintable(pull->error().toString()));
    QVERIFY(pull->error().isError());
    QVERIFY2(pull->error().message.contains(QLatin1String("registry.invalid")), qPrintable(pull->error().message));
    QVERIFY(!pull->isActive());
}

void TestDockerClient::cleanupTestCase()
{
    m_client.reset();
    if (!m_ready)
        return;
    const QStringList left = m_docker.containerIds({QStringLiteral("label=") + TestRun::current().label()});
    if (!left.isEmpty())
        m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + left);
    QVERIFY2(left.isEmpty(), "containers were left behind");
}

QTEST_GUILESS_MAIN(TestDockerClient)
#include "tst_dockerclient.moc"
