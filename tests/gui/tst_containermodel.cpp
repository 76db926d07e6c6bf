// ContainerModel against the real engine: fed by events (no polling), grouped by Compose project and
// service, updated on create/start/health/stop/destroy, with stats only for the containers in scope;
// checked throughout by QAbstractItemModelTester. Plus the filter proxy and the ports formatting.

#include "docker/DockerClient.h"
#include "models/ContainerColumns.h"
#include "models/ContainerFilterProxyModel.h"
#include "models/ContainerModel.h"
#include "models/ContainerPorts.h"

#include "DockerCli.h"
#include "EngineWait.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace stagehand;
using stagehand::test::awaitResult;
using stagehand::test::DockerCli;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

QString cell(const QModelIndex &index, int column, int role = Qt::DisplayRole)
{
    return index.siblingAtColumn(column).data(role).toString();
}

// The engine behind a socket of the test's own: each connection is relayed to the real engine's
// socket; stop() drops them all and stops listening (to the client, the engine went away), start()
// listens again.
class EngineRelay final : public QObject {
public:
    EngineRelay(QString path, QString target)
        : m_path(std::move(path))
        , m_target(std::move(target))
    {
    }
    bool start()
    {
        m_server = new QLocalServer(this);
        QLocalServer::removeServer(m_path);
        connect(m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *down = m_server->nextPendingConnection()) {
                auto *up = new QLocalSocket(down);
                connect(down, &QLocalSocket::readyRead, up, [down, up] { up->write(down->readAll()); });
                connect(up, &QLocalSocket::readyRead, down, [down, up] { down->write(up->readAll()); });
                connect(up, &QLocalSocket::connected, up, [down, up] { up->write(down->readAll()); });
                connect(up, &QLocalSocket::disconnected, down, &QLocalSocket::disconnectFromServer);
                connect(down, &QLocalSocket::disconnected, down, &QObject::deleteLater);
                up->connectToServer(m_target);
                m_connections.append(down);
            }
        });
        return m_server->listen(m_path);
    }
    void stop()
    {
        for (const QPointer<QLocalSocket> &c : std::as_const(m_connections)) {
            if (c)
                c->abort();
        }
        m_connections.clear();
        delete m_server;
        m_server = nullptr;
        QLocalServer::removeServer(m_path);
    }

private:
    QString m_path, m_target;
    QLocalServer *m_server = nullptr;
    QList<QPointer<QLocalSocket>> m_connections;
};

} // namespace

class TestContainerModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void portsAsDockerPsPrintsThem();
    void uptimeAndHealthText();
    void followsAContainersLife();
    void proxyFiltersByProjectStateAndText();
    void catchesUpAfterTheEngineWasGone();
    void cleanupTestCase();

private:
    // Creates (not starts) a test container; compose: the Compose labels (project, service) or none.
    QString create(const QString &name, const QString &project, const QString &service, bool healthcheck);

    DockerCli m_docker;
    QString m_baseImage;
    std::unique_ptr<DockerClient> m_client;
    QStringList m_created;
};

void TestContainerModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    m_client = std::make_unique<DockerClient>();
    m_client->connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), DockerClient::State::Connected, 15000);
}

QString TestContainerModel::create(const QString &name, const QString &project, const QString &service, bool healthcheck)
{
    QJsonObject labels{{TestRun::labelKey(), TestRun::current().labelValue()}};
    if (!project.isEmpty()) {
        labels.insert(QStringLiteral("com.docker.compose.project"), project);
        labels.insert(QStringLiteral("com.docker.compose.service"), service);
    }
    QJsonObject body{{QStringLiteral("Image"), m_baseImage},
                     {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sleep"), QStringLiteral("300")}},
                     {QStringLiteral("Labels"), labels},
                     {QStringLiteral("StopSignal"), QStringLiteral("SIGKILL")},
                     {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}};
    if (healthcheck) {
        body.insert(QStringLiteral("Healthcheck"),
                    QJsonObject{{QStringLiteral("Test"), QJsonArray{QStringLiteral("CMD-SHELL"), QStringLiteral("true")}},
                                {QStringLiteral("Interval"), qint64(500) * 1000 * 1000},
                                {QStringLiteral("Retries"), 3}});
    }
    const auto created = awaitResult(m_client->createContainer(body, name));
    if (!created.ok()) {
        qWarning("create %s: %s", qPrintable(name), qPrintable(created.error.toString()));
        return {};
    }
    m_created.append(*created);
    return *created;
}

void TestContainerModel::portsAsDockerPsPrintsThem()
{
    const QJsonArray list{QJsonObject{{QStringLiteral("IP"), QStringLiteral("0.0.0.0")},
                                      {QStringLiteral("PrivatePort"), 80},
                                      {QStringLiteral("PublicPort"), 8080},
                                      {QStringLiteral("Type"), QStringLiteral("tcp")}},
                          QJsonObject{{QStringLiteral("IP"), QStringLiteral("::")},
                                      {QStringLiteral("PrivatePort"), 80},
                                      {QStringLiteral("PublicPort"), 8080},
                                      {QStringLiteral("Type"), QStringLiteral("tcp")}},
                          QJsonObject{{QStringLiteral("PrivatePort"), 5432}, {QStringLiteral("Type"), QStringLiteral("tcp")}},
                          QJsonObject{{QStringLiteral("IP"), QStringLiteral("127.0.0.1")},
                                      {QStringLiteral("PrivatePort"), 53},
                                      {QStringLiteral("PublicPort"), 5353},
                                      {QStringLiteral("Type"), QStringLiteral("udp")}}};
    QCOMPARE(ContainerPorts::fromList(list), QStringLiteral("127.0.0.1:5353->53/udp, 0.0.0.0:8080->80/tcp, 5432/tcp"));

    const QJsonObject inspect{
        {QStringLiteral("80/tcp"), QJsonArray{QJsonObject{{QStringLiteral("HostIp"), QStringLiteral("127.0.0.1")},
                                                          {QStringLiteral("HostPort"), QStringLiteral("18080")}}}},
        {QStringLiteral("9000/tcp"), QJsonValue::Null}};
    QCOMPARE(ContainerPorts::fromInspect(inspect), QStringLiteral("127.0.0.1:18080->80/tcp, 9000/tcp"));
    QCOMPARE(ContainerPorts::fromInspect({}), QString());
}

void TestContainerModel::uptimeAndHealthText()
{
    QCOMPARE(ContainerColumns::formatUptime(42), QStringLiteral("42 s"));
    QCOMPARE(ContainerColumns::formatUptime(5 * 60 + 59), QStringLiteral("5 min"));
    QCOMPARE(ContainerColumns::formatUptime(3 * 3600 + 12 * 60), QStringLiteral("3 h 12 min"));
    QCOMPARE(ContainerColumns::formatUptime(2 * 86400 + 4 * 3600 + 59), QStringLiteral("2 d 4 h"));
    QCOMPARE(ContainerInfo::healthFromStatus(QStringLiteral("Up 3 minutes (healthy)")), QStringLiteral("healthy"));
    QCOMPARE(ContainerInfo::healthFromStatus(QStringLiteral("Up 1 second (health: starting)")), QStringLiteral("starting"));
    QCOMPARE(ContainerInfo::healthFromStatus(QStringLiteral("Up 2 hours (unhealthy)")), QStringLiteral("unhealthy"));
    QCOMPARE(ContainerInfo::healthFromStatus(QStringLiteral("Exited (0) 2 minutes ago")), QString());

    // A group sums its containers and shows the worst health.
    ContainerGroupTotals totals;
    ContainerInfo a, b;
    a.state = QStringLiteral("running");
    a.health = QStringLiteral("healthy");
    a.hasStats = true;
    a.cpuPercent = 1.5;
    a.memoryUsage = 1000;
    b.state = QStringLiteral("exited");
    b.health = QStringLiteral("unhealthy");
    totals.add(a);
    totals.add(b);
    totals.project = true;
    totals.key = QStringLiteral("demo");
    QCOMPARE(ContainerColumns::groupData(totals, ContainerModel::State, Qt::DisplayRole).toString(),
             QStringLiteral("1/2 running"));
    QCOMPARE(ContainerColumns::groupData(totals, ContainerModel::State, ContainerModel::StateRole).toString(),
             QStringLiteral("partial"));
    QCOMPARE(ContainerColumns::groupData(totals, ContainerModel::Health, Qt::DisplayRole).toString(),
             QStringLiteral("unhealthy"));
    QCOMPARE(ContainerColumns::groupData(totals, ContainerModel::Cpu, ContainerModel::CpuRole).toDouble(), 1.5);
    QCOMPARE(ContainerColumns::groupData(totals, ContainerModel::Memory, ContainerModel::MemoryUsageRole).toLongLong(), 1000);
}

void TestContainerModel::followsAContainersLife()
{
    ContainerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString project = TestRun::current().uniqueName(QStringLiteral("model"));
    model.setStatsScope(project);
    model.setClient(m_client.get());
    QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(), 20000);

    const QString web = create(TestRun::current().uniqueName(QStringLiteral("web")), project, QStringLiteral("web"), true);
    const QString plain = create(TestRun::current().uniqueName(QStringLiteral("plain")), QString(), QString(), false);
    QVERIFY(!web.isEmpty() && !plain.isEmpty());

    // create: the rows appear, under project -> service, and under "Other containers".
    QTRY_VERIFY_WITH_TIMEOUT(model.indexOfContainer(web).isValid() && model.indexOfContainer(plain).isValid(), 15000);
    const QModelIndex webIndex = model.indexOfContainer(web);
    QCOMPARE(cell(webIndex, ContainerModel::State), QStringLiteral("created"));
    QCOMPARE(cell(webIndex, ContainerModel::Image), m_baseImage);
    const QModelIndex service = webIndex.parent();
    QCOMPARE(service.data().toString(), QStringLiteral("web"));
    QCOMPARE(service.data(ContainerModel::KindRole).toInt(), int(ContainerModel::Kind::Service));
    QCOMPARE(service.parent(), model.indexOfProject(project));
    QCOMPARE(service.parent().data().toString(), project);
    QVERIFY(!service.parent().parent().isValid());
    const QModelIndex other = model.indexOfContainer(plain).parent();
    QCOMPARE(other, model.indexOfProject(QString()));
    QCOMPARE(other.data().toString(), QStringLiteral("Other containers"));
    QCOMPARE(model.containers(project).size(), 1);
    QCOMPARE(model.containers(project).first().id, web);

    // start: running, then healthy (health_status events), with an uptime and stats (in scope).
    QVERIFY(awaitResult(m_client->startContainer(web)).ok());
    QVERIFY(awaitResult(m_client->startContainer(plain)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(cell(model.indexOfContainer(web), ContainerModel::State), QStringLiteral("running"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(model.indexOfContainer(web), ContainerModel::Health), QStringLiteral("healthy"), 20000);
    QVERIFY(!cell(model.indexOfContainer(web), ContainerModel::Uptime).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(cell(model.indexOfContainer(plain), ContainerModel::State), QStringLiteral("running"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(model.indexOfContainer(web).data(ContainerModel::MemoryUsageRole).toLongLong() > 0, 20000);
    QVERIFY(model.indexOfContainer(web).data(ContainerModel::CpuRole).isValid());
    QVERIFY(model.indexOfContainer(web).data(ContainerModel::MemoryLimitRole).toLongLong() > 0);
    QVERIFY(!cell(model.indexOfContainer(web), ContainerModel::Memory).isEmpty());
    QVERIFY(model.indexOfProject(project).data(ContainerModel::MemoryUsageRole).toLongLong() > 0);
    // Only the project in scope has a stats stream.
    QCOMPARE(model.statsTracked(), QStringList{web});
    QVERIFY(!model.indexOfContainer(plain).data(ContainerModel::CpuRole).isValid());
    QCOMPARE(cell(model.indexOfProject(project), ContainerModel::State), QStringLiteral("1/1 running"));

    // stop: exited, and its stats stream is closed.
    QVERIFY(awaitResult(m_client->stopContainer(web, 0)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(cell(model.indexOfContainer(web), ContainerModel::State), QStringLiteral("exited"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(model.statsTracked().isEmpty(), 5000);
    QVERIFY(!model.indexOfContainer(web).data(ContainerModel::CpuRole).isValid());
    QVERIFY(cell(model.indexOfContainer(web), ContainerModel::Uptime).isEmpty());

    // destroy: the row goes, and so do its empty service and project groups.
    QVERIFY(awaitResult(m_client->removeContainer(web, true)).ok());
    QVERIFY(awaitResult(m_client->removeContainer(plain, true)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!model.indexOfContainer(web).isValid(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!model.indexOfContainer(plain).isValid(), 15000);
    QVERIFY(!model.indexOfProject(project).isValid());
    m_created.removeAll(web);
    m_created.removeAll(plain);

    // A model made after the fact lists what is there (the first list), and drops a client cleanly.
    model.setClient(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestContainerModel::proxyFiltersByProjectStateAndText()
{
    const QString projectA = TestRun::current().uniqueName(QStringLiteral("pa"));
    const QString projectB = TestRun::current().uniqueName(QStringLiteral("pb"));
    const QString a1 = create(TestRun::current().uniqueName(QStringLiteral("alpha")), projectA, QStringLiteral("db"), false);
    const QString a2 = create(TestRun::current().uniqueName(QStringLiteral("beta")), projectA, QStringLiteral("api"), false);
    const QString b1 = create(TestRun::current().uniqueName(QStringLiteral("gamma")), projectB, QStringLiteral("db"), false);
    QVERIFY(!a1.isEmpty() && !a2.isEmpty() && !b1.isEmpty());
    QVERIFY(awaitResult(m_client->startContainer(a2)).ok());

    ContainerModel model;
    model.setStatsScope(QStringLiteral("no-such-project"));
    ContainerFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(m_client.get());
    QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(model.indexOfContainer(a2), ContainerModel::State), QStringLiteral("running"), 15000);

    auto shownIds = [&proxy] {
        QStringList ids;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < proxy.rowCount(parent); ++row) {
                const QModelIndex index = proxy.index(row, 0, parent);
                if (index.data(ContainerModel::KindRole).toInt() == int(ContainerModel::Kind::Container))
                    ids.append(index.data(ContainerModel::IdRole).toString());
                walk(index);
            }
        };
        walk({});
        ids.sort();
        return ids;
    };
    auto sorted = [](QStringList l) {
        l.sort();
        return l;
    };

    proxy.setProjectFilter(projectA);
    QCOMPARE(shownIds(), sorted({a1, a2}));
    QCOMPARE(proxy.rowCount(), 1); // one project group
    proxy.setStateFilter(ContainerFilterProxyModel::StateFilter::Running);
    QCOMPARE(shownIds(), QStringList{a2});
    proxy.setStateFilter(ContainerFilterProxyModel::StateFilter::Stopped);
    QCOMPARE(shownIds(), QStringList{a1});
    proxy.setStateFilter(ContainerFilterProxyModel::StateFilter::Any);
    proxy.setFilterText(QStringLiteral("API"));
    QCOMPARE(shownIds(), QStringList{a2});
    proxy.setProjectFilter(QString());
    proxy.setFilterText(QStringLiteral("db ") + projectB.right(6));
    QCOMPARE(shownIds(), QStringList{b1});
    proxy.setFilterText(QString());
    QVERIFY(shownIds().contains(a1) && shownIds().contains(b1));

    // Removing a filtered-in container takes it out of the proxy too.
    proxy.setProjectFilter(projectA);
    QVERIFY(awaitResult(m_client->removeContainer(a2, true)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(shownIds(), QStringList{a1}, 15000);
    m_created.removeAll(a2);
}

void TestContainerModel::catchesUpAfterTheEngineWasGone()
{
    QTemporaryDir dir(QStringLiteral("/tmp/sh-relay-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString socket = dir.filePath(QStringLiteral("docker.sock"));
    const QString host = DockerCli::defaultHost();
    EngineRelay relay(socket, host.startsWith(QLatin1String("unix://")) ? host.mid(7) : QStringLiteral("/var/run/docker.sock"));
    QVERIFY(relay.start());

    DockerClient client;
    const auto endpoint = EngineEndpoint::parse(QStringLiteral("unix://") + socket);
    QVERIFY(endpoint);
    client.setEndpoint(*endpoint);
    client.setReconnectDelays(100, 500);
    client.connectToEngine();
    ContainerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(&client);
    QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(), 20000);
    QSignalSpy loaded(&model, &ContainerModel::loaded);

    const QString project = TestRun::current().uniqueName(QStringLiteral("gap"));
    const QString before = create(TestRun::current().uniqueName(QStringLiteral("before")), project, QStringLiteral("a"), false);
    QVERIFY(!before.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(model.indexOfContainer(before).isValid(), 15000);

    // The engine goes away (for this client); meanwhile one container goes and another comes.
    relay.stop();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Unreachable, 15000);
    QVERIFY(awaitResult(m_client->removeContainer(before, true)).ok());
    m_created.removeAll(before);
    const QString during = create(TestRun::current().uniqueName(QStringLiteral("during")), project, QStringLiteral("b"), false);
    QVERIFY(!during.isEmpty());
    QVERIFY(awaitResult(m_client->startContainer(during)).ok());
    QVERIFY(model.indexOfContainer(before).isValid()); // nothing can be known yet
    QVERIFY(!model.indexOfContainer(during).isValid());

    // Back: the client reconnects, the stream resumes, and the model matches the engine again.
    QVERIFY(relay.start());
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Connected, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 20000); // the fresh list after the resume
    QTRY_VERIFY_WITH_TIMEOUT(!model.indexOfContainer(before).isValid(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(model.indexOfContainer(during).isValid(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(model.indexOfContainer(during), ContainerModel::State), QStringLiteral("running"), 15000);
    QCOMPARE(model.containers(project).size(), 1);
    model.setClient(nullptr);
    relay.stop();
}

void TestContainerModel::cleanupTestCase()
{
    if (!m_client)
        return;
    for (const QString &id : std::as_const(m_created))
        awaitResult(m_client->removeContainer(id, true));
}

QTEST_MAIN(TestContainerModel)
#include "tst_containermodel.moc"
