#include "analysis/AddressScope.h"
#include "analysis/EnginePortProbe.h"
#include "analysis/EnvironmentPorts.h"
#include "analysis/HostPortProbe.h"
#include "analysis/PortAnalyzer.h"
#include "analysis/PortCheck.h"
#include "analysis/PortConflictJson.h"
#include "compose/PortSyntax.h"
#include "project/ProjectLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <utility>

using namespace stagehand;

namespace {

const QString ComposeFile = QStringLiteral("/project/compose.yaml");

QString dataPath(const QString &name)
{
    return QStringLiteral(STAGEHAND_TEST_DATA "/ports/") + name;
}

QByteArray readData(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

// A service and its ports in the short syntax; entries get lines in declaration order.
struct ServiceSpec {
    QString name;
    QStringList ports;
    QStringList expose = {};
    QString networkMode = {};
};

ComposeModel model(const QString &projectName, const QList<ServiceSpec> &services)
{
    ComposeModel result;
    result.name = projectName;
    result.files = {ComposeFile};
    int line = 1;
    for (const ServiceSpec &spec : services) {
        Service service;
        service.name = spec.name;
        service.expose = spec.expose;
        service.networkMode = spec.networkMode;
        for (const QString &text : spec.ports) {
            QString error;
            const auto parsed = PortSyntax::parse(text, &error);
            if (!parsed)
                qFatal("bad port in test: %s: %s", qPrintable(text), qPrintable(error));
            for (PortMapping mapping : *parsed) {
                mapping.location = {ComposeFile, line, 9};
                service.ports.append(mapping);
            }
            ++line;
        }
        result.services.insert(spec.name, service);
    }
    return result;
}

EnvironmentPorts environment(const QString &name, const QList<ServiceSpec> &services, const QStringList &sharesHostWith = {})
{
    EnvironmentPorts result = EnvironmentPorts::fromModel(name, model(QStringLiteral("proj-") + name, services));
    result.sharesHostWith = sharesHostWith;
    return result;
}

HostListener listener(const QString &protocol, const QString &address, int port, qint64 pid, const QString &process,
                      bool dualStack = false)
{
    HostListener result;
    result.protocol = protocol;
    result.address = address;
    result.port = port;
    result.pid = pid;
    result.process = process;
    result.dualStack = dualStack;
    result.ipv6Socket = address.contains(u':');
    return result;
}

ContainerPublication container(const QString &name, const QString &project, const QString &hostIp, int port,
                               const QString &protocol = QStringLiteral("tcp"))
{
    ContainerPublication result;
    result.name = name;
    result.composeProject = project;
    result.hostIp = hostIp;
    result.port = port;
    result.targetPort = port;
    result.protocol = protocol;
    return result;
}

// "dev/api", "pid 4242 (python3)", "container web": the claimants of a conflict, in order.
QStringList claimantNames(const PortConflict &conflict)
{
    QStringList names;
    for (const PortClaimant &claimant : conflict.claimants)
        names.append(claimant.describe());
    return names;
}

QString describe(const QList<PortConflict> &conflicts)
{
    QStringList lines;
    for (const PortConflict &conflict : conflicts) {
        lines.append(QStringLiteral("%1/%2 on %3: %4 -> %5")
                         .arg(conflict.port)
                         .arg(conflict.protocol, conflict.hostIp, claimantNames(conflict).join(QStringLiteral(", ")),
                              conflict.suggestion ? QStringLiteral("%1/%2 to %3")
                                                        .arg(conflict.suggestion->environment, conflict.suggestion->service)
                                                        .arg(conflict.suggestion->port)
                                                  : QStringLiteral("none")));
    }
    return lines.join(u'\n');
}

const PortConflict *findConflict(const QList<PortConflict> &conflicts, int port, const QStringList &mustInclude)
{
    for (const PortConflict &conflict : conflicts) {
        const QStringList names = claimantNames(conflict);
        bool all = conflict.port == port;
        for (const QString &name : mustInclude)
            all = all && names.contains(name);
        if (all)
            return &conflict;
    }
    return nullptr;
}

// The variables the example projects read for host ports: unset, so tests see the files' defaults.
QProcessEnvironment cleanShell()
{
    QProcessEnvironment shell;
    shell.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    return shell;
}

} // namespace

class TestPorts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ---- overlap rules -----------------------------------------------------------------------

    void overlapRules_data()
    {
        QTest::addColumn<QString>("first");  // declared first (service a)
        QTest::addColumn<QString>("second"); // declared second (service b)
        QTest::addColumn<bool>("conflict");

        QTest::newRow("same port, all interfaces") << QStringLiteral("8001:80") << QStringLiteral("8001:81") << true;
        QTest::newRow("different ports") << QStringLiteral("8001:80") << QStringLiteral("8002:80") << false;
        QTest::newRow("0.0.0.0 vs 127.0.0.1") << QStringLiteral("0.0.0.0:8001:80") << QStringLiteral("127.0.0.1:8001:80") << true;
        QTest::newRow("127.0.0.1 vs 0.0.0.0") << QStringLiteral("127.0.0.1:8001:80") << QStringLiteral("0.0.0.0:8001:80") << true;
        QTest::newRow("127.0.0.1 vs 127.0.0.2") << QStringLiteral("127.0.0.1:8001:80") << QStringLiteral("127.0.0.2:8001:80") << false;
        QTest::newRow("127.0.0.1 vs 127.0.0.1") << QStringLiteral("127.0.0.1:8001:80") << QStringLiteral("127.0.0.1:8001:81") << true;
        QTest::newRow("all interfaces vs 127.0.0.1") << QStringLiteral("8001:80") << QStringLiteral("127.0.0.1:8001:80") << true;
        QTest::newRow(":: vs ::1") << QStringLiteral("[::]:8001:80") << QStringLiteral("[::1]:8001:80") << true;
        QTest::newRow("::1 vs ::2") << QStringLiteral("[::1]:8001:80") << QStringLiteral("[::2]:8001:80") << false;
        QTest::newRow("all interfaces vs ::1") << QStringLiteral("8001:80") << QStringLiteral("[::1]:8001:80") << true;
        QTest::newRow("0.0.0.0 vs ::1 (other family)") << QStringLiteral("0.0.0.0:8001:80") << QStringLiteral("[::1]:8001:80") << false;
        QTest::newRow("0.0.0.0 vs :: (docker's :: is IPv6 only)") << QStringLiteral("0.0.0.0:8001:80") << QStringLiteral("[::]:8001:80")
                                                                  << false;
        QTest::newRow("tcp vs udp") << QStringLiteral("8001:80/tcp") << QStringLiteral("8001:80/udp") << false;
        QTest::newRow("udp vs udp") << QStringLiteral("8001:53/udp") << QStringLiteral("8001:53/udp") << true;
        QTest::newRow("range vs single inside") << QStringLiteral("8000-8002:8000-8002") << QStringLiteral("8001:80") << true;
        QTest::newRow("single vs range around it") << QStringLiteral("8001:80") << QStringLiteral("8000-8002:8000-8002") << true;
        QTest::newRow("range vs single after it") << QStringLiteral("8000-8002:8000-8002") << QStringLiteral("8003:80") << false;
        QTest::newRow("range vs range overlapping") << QStringLiteral("8000-8002:8000-8002") << QStringLiteral("8002-8004:80-82") << true;
        QTest::newRow("any-of range takes a free port") << QStringLiteral("8000:80") << QStringLiteral("8000-8001:80") << false;
        QTest::newRow("any-of range fully taken") << QStringLiteral("8000-8001:8000-8001") << QStringLiteral("8000-8001:80") << true;
        QTest::newRow("port after an any-of range took it") << QStringLiteral("8000-8001:80") << QStringLiteral("8000:80") << true;
        QTest::newRow("container port only") << QStringLiteral("8001") << QStringLiteral("8001:80") << false;
    }
    void overlapRules()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, conflict);
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("dev"), {{QStringLiteral("a"), {first}}, {QStringLiteral("b"), {second}}})};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QVERIFY2(conflicts.isEmpty() != conflict, qPrintable(describe(conflicts)));
        if (conflict) {
            QCOMPARE(conflicts.size(), 1);
            QCOMPARE(claimantNames(conflicts.first()), QStringList({QStringLiteral("dev/a"), QStringLiteral("dev/b")}));
            QVERIFY(conflicts.first().suggestion);
            QCOMPARE(conflicts.first().suggestion->service, QStringLiteral("b"));
        }
    }

    void addressScopes_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<bool>("aDualStack");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("overlap");
        QTest::newRow("dual-stack :: socket vs 127.0.0.1") << QStringLiteral("::") << true << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("v6only :: socket vs 127.0.0.1") << QStringLiteral("::") << false << QStringLiteral("127.0.0.1") << false;
        QTest::newRow("v6only :: socket vs ::1") << QStringLiteral("::") << false << QStringLiteral("::1") << true;
        QTest::newRow("mapped ::ffff:127.0.0.1 is 127.0.0.1") << QStringLiteral("::ffff:127.0.0.1") << false << QStringLiteral("127.0.0.1")
                                                              << true;
        QTest::newRow("mapped vs 127.0.0.2") << QStringLiteral("::ffff:127.0.0.1") << false << QStringLiteral("127.0.0.2") << false;
        QTest::newRow("0.0.0.0 socket vs ::1") << QStringLiteral("0.0.0.0") << false << QStringLiteral("::1") << false;
    }
    void addressScopes()
    {
        QFETCH(QString, a);
        QFETCH(bool, aDualStack);
        QFETCH(QString, b);
        QFETCH(bool, overlap);
        const AddressScope socket = AddressScope::fromSocket(a, aDualStack);
        QCOMPARE(socket.overlaps(AddressScope::fromHostIp(b)), overlap);
        QCOMPARE(AddressScope::fromHostIp(b).overlaps(socket), overlap);
    }

    void exposeAndUnpublishedPortsAreIgnored()
    {
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("dev"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}},
                                                                 {QStringLiteral("worker"), {QStringLiteral("8001")}, {QStringLiteral("8001")}},
                                                                 {QStringLiteral("cache"), {}, {QStringLiteral("8001")}}})};
        QCOMPARE(input.environments.first().ports.size(), 1);
        QVERIFY(PortAnalyzer::analyze(input).isEmpty());
    }

    void hostNetworkModePublishesNothing()
    {
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("dev"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}},
                                                                 {QStringLiteral("sniffer"), {QStringLiteral("8001:8001")}, {}, QStringLiteral("host")}})};
        QVERIFY(PortAnalyzer::analyze(input).isEmpty());
    }

    void samePortTwiceInOneEnvironment()
    {
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("staging"), {{QStringLiteral("chromadb"), {QStringLiteral("8001:8000")}},
                                                                     {QStringLiteral("api"), {QStringLiteral("8001:8001")}},
                                                                     {QStringLiteral("web"), {QStringLiteral("8081:8081")}}})};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), 1);
        const PortConflict &conflict = conflicts.first();
        QCOMPARE(conflict.port, 8001);
        QCOMPARE(conflict.protocol, QStringLiteral("tcp"));
        QCOMPARE(conflict.hostIp, QStringLiteral("0.0.0.0"));
        QCOMPARE(claimantNames(conflict), QStringList({QStringLiteral("staging/chromadb"), QStringLiteral("staging/api")}));
        QCOMPARE(conflict.claimants.at(1).location, (SourceLocation{ComposeFile, 2, 9}));
        QVERIFY(conflict.suggestion);
        QCOMPARE(conflict.suggestion->environment, QStringLiteral("staging"));
        QCOMPARE(conflict.suggestion->service, QStringLiteral("api")); // declared later
        QCOMPARE(conflict.suggestion->port, 8002);
        QCOMPARE(conflict.suggestion->fromPort, 8001);
        QCOMPARE(conflict.suggestion->location, (SourceLocation{ComposeFile, 2, 9}));
    }

    void crossEnvironmentOnlyWhenSharingAHost_data()
    {
        QTest::addColumn<QStringList>("devShares");
        QTest::addColumn<QStringList>("stagingShares");
        QTest::addColumn<bool>("conflict");
        QTest::newRow("not sharing") << QStringList() << QStringList() << false;
        QTest::newRow("both say so") << QStringList{QStringLiteral("staging")} << QStringList{QStringLiteral("dev")} << true;
        QTest::newRow("dev says so") << QStringList{QStringLiteral("staging")} << QStringList() << true;
        QTest::newRow("staging says so") << QStringList() << QStringList{QStringLiteral("dev")} << true;
        QTest::newRow("shares with another") << QStringList{QStringLiteral("production")} << QStringList() << false;
    }
    void crossEnvironmentOnlyWhenSharingAHost()
    {
        QFETCH(QStringList, devShares);
        QFETCH(QStringList, stagingShares);
        QFETCH(bool, conflict);
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("staging"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}}}, stagingShares),
                              environment(QStringLiteral("dev"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}}}, devShares)};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), conflict ? 1 : 0);
        if (conflict) {
            QCOMPARE(claimantNames(conflicts.first()), QStringList({QStringLiteral("staging/api"), QStringLiteral("dev/api")}));
            QCOMPARE(conflicts.first().suggestion->environment, QStringLiteral("dev")); // the non-primary one moves
            QCOMPARE(conflicts.first().suggestion->port, 8002);
        }
    }

    void focusReportsOnlyConflictsOfThatEnvironment()
    {
        PortAnalysisInput input;
        input.focus = QStringLiteral("staging");
        input.environments = {environment(QStringLiteral("staging"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}}},
                                          {QStringLiteral("dev")}),
                              environment(QStringLiteral("dev"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}},
                                                                 {QStringLiteral("db"), {QStringLiteral("5432:5432")}},
                                                                 {QStringLiteral("db2"), {QStringLiteral("5432:5432")}}})};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), 1); // dev's own 5432 clash is dev's business
        QCOMPARE(claimantNames(conflicts.first()), QStringList({QStringLiteral("staging/api"), QStringLiteral("dev/api")}));
    }

    // ---- claimants ---------------------------------------------------------------------------

    void namesHostProcessesAndContainers()
    {
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("staging"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}},
                                                                     {QStringLiteral("web"), {QStringLiteral("127.0.0.1:8080:80")}},
                                                                     {QStringLiteral("dns"), {QStringLiteral("15353:53/udp")}}})};
        input.listeners = {listener(QStringLiteral("tcp"), QStringLiteral("0.0.0.0"), 8001, 4242, QStringLiteral("python3")),
                           listener(QStringLiteral("tcp"), QStringLiteral("::"), 8001, 4242, QStringLiteral("python3")),
                           listener(QStringLiteral("tcp"), QStringLiteral("127.0.0.2"), 8080, 77, QStringLiteral("nginx")),
                           // docker-proxy for other-web-1 below: that container, not a separate claimant
                           listener(QStringLiteral("tcp"), QStringLiteral("0.0.0.0"), 8080, 900, QStringLiteral("docker-proxy")),
                           listener(QStringLiteral("udp"), QStringLiteral("0.0.0.0"), 15353, 0, QString())};
        input.containers = {container(QStringLiteral("other-web-1"), QStringLiteral("other"), QStringLiteral("0.0.0.0"), 8080),
                            container(QStringLiteral("other-web-1"), QStringLiteral("other"), QStringLiteral("::"), 8080),
                            // the environment's own running containers are not conflicts
                            container(QStringLiteral("proj-staging-api-1"), QStringLiteral("proj-staging"), QStringLiteral("0.0.0.0"), 8001)};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), 3);

        const PortConflict *api = findConflict(conflicts, 8001, {});
        QVERIFY2(api, qPrintable(describe(conflicts)));
        QCOMPARE(claimantNames(*api), QStringList({QStringLiteral("staging/api"), QStringLiteral("pid 4242 (python3)")}));
        QCOMPARE(api->claimants.at(1).kind, PortClaimant::Kind::HostProcess);
        QCOMPARE(api->claimants.at(1).pid, 4242);
        QCOMPARE(api->suggestion->port, 8002);

        const PortConflict *web = findConflict(conflicts, 8080, {});
        QVERIFY2(web, qPrintable(describe(conflicts)));
        QCOMPARE(claimantNames(*web), QStringList({QStringLiteral("staging/web"), QStringLiteral("container other-web-1")}));
        QCOMPARE(web->hostIp, QStringLiteral("127.0.0.1"));

        const PortConflict *dns = findConflict(conflicts, 15353, {});
        QVERIFY2(dns, qPrintable(describe(conflicts)));
        QCOMPARE(dns->protocol, QStringLiteral("udp"));
        QCOMPARE(dns->claimants.at(1).kind, PortClaimant::Kind::HostProcess);
        QCOMPARE(dns->claimants.at(1).pid, 0); // owner not visible
    }

    void containersOfEnvironmentsSharingTheHostAreTheirServices()
    {
        PortAnalysisInput input;
        input.focus = QStringLiteral("staging");
        input.environments = {environment(QStringLiteral("staging"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}}},
                                          {QStringLiteral("dev")}),
                              environment(QStringLiteral("dev"), {{QStringLiteral("api"), {QStringLiteral("18001:8001")}}})};
        // dev runs (its container publishes 18001), and an unrelated project publishes 8001
        input.containers = {container(QStringLiteral("proj-dev-api-1"), QStringLiteral("proj-dev"), QStringLiteral("0.0.0.0"), 18001),
                            container(QStringLiteral("x-api-1"), QStringLiteral("x"), QStringLiteral("0.0.0.0"), 8001)};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(claimantNames(conflicts.first()), QStringList({QStringLiteral("staging/api"), QStringLiteral("container x-api-1")}));
    }

    void listenersCountOnlyForLocalEngines()
    {
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("production"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}}})};
        input.environments.first().localEngine = false;
        input.environments.first().engine = QStringLiteral("tcp://prod.example:2375");
        input.listeners = {listener(QStringLiteral("tcp"), QStringLiteral("0.0.0.0"), 8001, 4242, QStringLiteral("python3"))};
        ContainerPublication local = container(QStringLiteral("local"), QString(), QStringLiteral("0.0.0.0"), 8001);
        local.engine = QStringLiteral("unix:///var/run/docker.sock");
        input.containers = {local};
        QVERIFY(PortAnalyzer::analyze(input).isEmpty());
    }

    // ---- suggestions -------------------------------------------------------------------------

    void suggestsTheNearestFreePort_data()
    {
        QTest::addColumn<QString>("port");          // the service that must move (a host process holds it)
        QTest::addColumn<QList<int>>("taken");      // other ports held on the host
        QTest::addColumn<QString>("otherService");  // another service's port ("" for none)
        QTest::addColumn<int>("expected");
        QTest::addColumn<int>("expectedEnd");
        QTest::newRow("next one up") << QStringLiteral("8001:80") << QList<int>{} << QString() << 8002 << 8002;
        QTest::newRow("one down when up is taken") << QStringLiteral("8001:80") << QList<int>{8002} << QString() << 8000 << 8000;
        QTest::newRow("two up when both neighbours are taken") << QStringLiteral("8001:80") << QList<int>{8002} << QStringLiteral("8000:80")
                                                               << 8003 << 8003;
        QTest::newRow("taken on another address still counts") << QStringLiteral("127.0.0.1:8001:80") << QList<int>{8002, 8000} << QString()
                                                               << 8003 << 8003;
        QTest::newRow("other protocol does not count") << QStringLiteral("8001:80/udp") << QList<int>{} << QStringLiteral("8002:80/tcp")
                                                       << 8002 << 8002;
        QTest::newRow("a range keeps its width") << QStringLiteral("8000-8002:8000-8002") << QList<int>{8004} << QString() << 7997 << 7999;
        QTest::newRow("stays above 1024") << QStringLiteral("1024:80") << QList<int>{1025} << QString() << 1026 << 1026;
        QTest::newRow("top of the range") << QStringLiteral("65535:80") << QList<int>{} << QString() << 65534 << 65534;
    }
    void suggestsTheNearestFreePort()
    {
        QFETCH(QString, port);
        QFETCH(QList<int>, taken);
        QFETCH(QString, otherService);
        QFETCH(int, expected);
        QFETCH(int, expectedEnd);
        QList<ServiceSpec> services{{QStringLiteral("api"), {port}}};
        if (!otherService.isEmpty())
            services.prepend({QStringLiteral("other"), {otherService}});
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("dev"), services)};
        const EnvironmentPorts &env = input.environments.first();
        const PublishedPort &moving = env.ports.last();
        QString protocol = moving.mapping.protocol;
        for (int p = moving.first(); p <= moving.last(); p += 2) // a host process holds (some of) the port(s)
            input.listeners.append(listener(protocol, QStringLiteral("0.0.0.0"), p, 1, QStringLiteral("holder")));
        for (int p : taken)
            input.listeners.append(listener(QStringLiteral("tcp"), QStringLiteral("127.0.0.9"), p, 2, QStringLiteral("other")));
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), 1);
        QVERIFY(conflicts.first().suggestion);
        QCOMPARE(conflicts.first().suggestion->service, QStringLiteral("api"));
        QCOMPARE(conflicts.first().suggestion->port, expected);
        QCOMPARE(conflicts.first().suggestion->portEnd, expectedEnd);
    }

    void suggestionsDoNotCollideWithEachOther()
    {
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("dev"), {{QStringLiteral("a"), {QStringLiteral("8001:80")}},
                                                                 {QStringLiteral("b"), {QStringLiteral("8001:80")}},
                                                                 {QStringLiteral("c"), {QStringLiteral("8001:80")}}})};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), 2);
        QCOMPARE(claimantNames(conflicts.at(0)), QStringList({QStringLiteral("dev/a"), QStringLiteral("dev/b")}));
        QCOMPARE(claimantNames(conflicts.at(1)), QStringList({QStringLiteral("dev/a"), QStringLiteral("dev/b"), QStringLiteral("dev/c")}));
        QCOMPARE(conflicts.at(0).suggestion->port, 8002);
        QCOMPARE(conflicts.at(1).suggestion->port, 8000); // 8002 went to b; 8000 is as near
    }

    // ---- JSON --------------------------------------------------------------------------------

    void jsonShape()
    {
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("staging"), {{QStringLiteral("api"), {QStringLiteral("8001:8001")}},
                                                                     {QStringLiteral("chromadb"), {QStringLiteral("8001:8000")}}})};
        input.listeners = {listener(QStringLiteral("tcp"), QStringLiteral("0.0.0.0"), 8001, 4242, QStringLiteral("python3")),
                           listener(QStringLiteral("tcp"), QStringLiteral("127.0.0.1"), 8001, 0, QString())};
        input.containers = {container(QStringLiteral("name"), QStringLiteral("other"), QStringLiteral("0.0.0.0"), 8001)};
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        const QJsonDocument actual(PortConflictJson::toJson(conflicts));
        const QJsonDocument expected = QJsonDocument::fromJson(R"([
          {"port": 8001, "protocol": "tcp", "host_ip": "0.0.0.0",
           "claimants": [{"environment": "staging", "service": "api"}, {"pid": 4242, "process": "python3"},
                         {"pid": null, "process": null}, {"container": "name"}],
           "suggestion": {"environment": "staging", "service": "api", "port": 8002}},
          {"port": 8001, "protocol": "tcp", "host_ip": "0.0.0.0",
           "claimants": [{"environment": "staging", "service": "api"}, {"environment": "staging", "service": "chromadb"},
                         {"pid": 4242, "process": "python3"}, {"pid": null, "process": null}, {"container": "name"}],
           "suggestion": {"environment": "staging", "service": "chromadb", "port": 8000}}
        ])");
        QVERIFY(!expected.isNull());
        QCOMPARE(QString::fromUtf8(actual.toJson()), QString::fromUtf8(expected.toJson()));
    }

    void jsonOfARangeAndOfNoSuggestion()
    {
        PortConflict conflict;
        conflict.port = 8000;
        conflict.protocol = QStringLiteral("udp");
        conflict.hostIp = QStringLiteral("::1");
        PortClaimant service;
        service.environment = QStringLiteral("dev");
        service.service = QStringLiteral("dns");
        conflict.claimants = {service};
        QCOMPARE(QJsonDocument(PortConflictJson::toJson(conflict)).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"claimants":[{"environment":"dev","service":"dns"}],"host_ip":"::1","port":8000,"protocol":"udp","suggestion":null})"));
        conflict.suggestion = PortSuggestion{QStringLiteral("dev"), QStringLiteral("dns"), 8003, 8005, 8000, 8002, QStringLiteral("udp"), {}, {}};
        QCOMPARE(QJsonDocument(PortConflictJson::toJson(conflict).value(QStringLiteral("suggestion")).toObject()).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"environment":"dev","port":8003,"port_end":8005,"service":"dns"})"));
    }

    // ---- the host probe ----------------------------------------------------------------------

    void decodesProcNetAddresses_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<QString>("address");
        QTest::newRow("127.0.0.1") << QByteArray("0100007F") << QStringLiteral("127.0.0.1");
        QTest::newRow("0.0.0.0") << QByteArray("00000000") << QStringLiteral("0.0.0.0");
        QTest::newRow("192.168.2.2") << QByteArray("0202A8C0") << QStringLiteral("192.168.2.2");
        QTest::newRow("::") << QByteArray("00000000000000000000000000000000") << QStringLiteral("::");
        QTest::newRow("::1") << QByteArray("00000000000000000000000001000000") << QStringLiteral("::1");
        QTest::newRow("mapped 127.0.0.1") << QByteArray("0000000000000000FFFF00000100007F") << QStringLiteral("127.0.0.1");
        QTest::newRow("fe80::1") << QByteArray("000080FE000000000000000001000000") << QStringLiteral("fe80::1");
        QTest::newRow("malformed") << QByteArray("0100007") << QString();
        QTest::newRow("not hex") << QByteArray("0100007G") << QString();
    }
    void decodesProcNetAddresses()
    {
        QFETCH(QByteArray, hex);
        QFETCH(QString, address);
        QCOMPARE(HostPortProbe::decodeAddress(hex), address);
    }

    void parsesProcNetTables_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QStringList>("expected"); // "address port inode"
        QTest::newRow("tcp: listeners only") << QStringLiteral("tcp")
                                             << QStringList{QStringLiteral("127.0.0.1 18080 776486"), QStringLiteral("0.0.0.0 18086 776492"),
                                                            QStringLiteral("0.0.0.0 18081 776487"), QStringLiteral("127.0.0.2 18082 776488")};
        QTest::newRow("tcp6") << QStringLiteral("tcp6")
                              << QStringList{QStringLiteral("::1 18084 776490"), QStringLiteral("127.0.0.1 18085 776491"),
                                             QStringLiteral(":: 18086 776493"), QStringLiteral(":: 18083 776489")};
        QTest::newRow("udp: unconnected only") << QStringLiteral("udp")
                                               << QStringList{QStringLiteral("0.0.0.0 15353 776495"), QStringLiteral("127.0.0.1 15354 776496")};
        QTest::newRow("udp6") << QStringLiteral("udp6") << QStringList{QStringLiteral(":: 15356 776498"), QStringLiteral("::1 15357 776499")};
    }
    void parsesProcNetTables()
    {
        QFETCH(QString, table);
        QFETCH(QStringList, expected);
        const QString protocol = table.startsWith(QLatin1String("tcp")) ? QStringLiteral("tcp") : QStringLiteral("udp");
        const QList<HostListener> listeners = HostPortProbe::parseProcNet(readData(QStringLiteral("proc-net-%1.txt").arg(table)), protocol,
                                                                          table.endsWith(u'6'));
        QStringList actual;
        for (const HostListener &l : listeners) {
            QCOMPARE(l.protocol, protocol);
            QCOMPARE(l.ipv6Socket, table.endsWith(u'6'));
            actual.append(QStringLiteral("%1 %2 %3").arg(l.address).arg(l.port).arg(l.inode));
        }
        QCOMPARE(actual, expected);
    }

    void infersDualStack()
    {
        QList<HostListener> all;
        for (const char *table : {"tcp", "tcp6", "udp", "udp6"}) {
            const QString name = QString::fromLatin1(table);
            all.append(HostPortProbe::parseProcNet(readData(QStringLiteral("proc-net-%1.txt").arg(name)),
                                                   name.startsWith(QLatin1String("tcp")) ? QStringLiteral("tcp") : QStringLiteral("udp"),
                                                   name.endsWith(u'6')));
        }
        const auto dualStack = [&all](int port, const QString &address) {
            for (const HostListener &l : std::as_const(all)) {
                if (l.port == port && l.address == address)
                    return l.dualStack;
            }
            qFatal("no listener on %d", port);
        };
        HostPortProbe::inferDualStack(all, false);
        QVERIFY(dualStack(18083, QStringLiteral("::")));   // alone on its port: takes IPv4 too
        QVERIFY(!dualStack(18086, QStringLiteral("::")));  // beside 0.0.0.0:18086: must be IPV6_V6ONLY
        QVERIFY(!dualStack(18084, QStringLiteral("::1"))); // not a wildcard
        QVERIFY(dualStack(15356, QStringLiteral("::")));
        HostPortProbe::inferDualStack(all, true); // net.ipv6.bindv6only=1
        QVERIFY(!dualStack(18083, QStringLiteral("::")));
    }

    void scansAFakeProcTree()
    {
        QTemporaryDir proc;
        QVERIFY(proc.isValid());
        QVERIFY(QDir(proc.path()).mkpath(QStringLiteral("net")));
        QVERIFY(QDir(proc.path()).mkpath(QStringLiteral("sys/net/ipv6")));
        for (const char *table : {"tcp", "tcp6", "udp", "udp6"}) {
            const QString name = QString::fromLatin1(table);
            QVERIFY(QFile::copy(dataPath(QStringLiteral("proc-net-%1.txt").arg(name)), proc.filePath(QStringLiteral("net/") + name)));
        }
        const auto write = [&proc](const QString &path, const QByteArray &content) {
            QFile file(proc.filePath(path));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        };
        write(QStringLiteral("sys/net/ipv6/bindv6only"), "0\n");
        // pid 4242 (python3) holds the 127.0.0.1:18080 listener; pid 4300 (a forked worker) too; pid 77 holds udp 15353.
        const auto process = [&](qint64 pid, const QByteArray &name, const QList<std::pair<int, quint64>> &sockets) {
            QVERIFY(QDir(proc.path()).mkpath(QStringLiteral("%1/fd").arg(pid)));
            write(QStringLiteral("%1/comm").arg(pid), name + '\n');
            for (const auto &[fd, inode] : sockets)
                QVERIFY(QFile::link(QStringLiteral("socket:[%1]").arg(inode), proc.filePath(QStringLiteral("%1/fd/%2").arg(pid).arg(fd))));
            QVERIFY(QFile::link(QStringLiteral("/dev/null"), proc.filePath(QStringLiteral("%1/fd/0").arg(pid))));
        };
        process(4300, "python3", {{3, 776486}});
        process(4242, "python3", {{3, 776486}, {4, 776489}});
        process(77, "dnsmasq", {{5, 776495}});
        QVERIFY(QDir(proc.path()).mkpath(QStringLiteral("self")));

        QString error;
        const QList<HostListener> listeners = HostPortProbe(proc.path()).scan(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(listeners.size(), 12);
        int checked = 0;
        for (const HostListener &l : listeners) {
            if (l.port == 18080) {
                QCOMPARE(l.pid, 4242); // the lowest pid sharing the socket
                QCOMPARE(l.process, QStringLiteral("python3"));
                ++checked;
            } else if (l.port == 18083) {
                QCOMPARE(l.pid, 4242);
                QVERIFY(l.dualStack);
                ++checked;
            } else if (l.port == 15353) {
                QCOMPARE(l.pid, 77);
                QCOMPARE(l.process, QStringLiteral("dnsmasq"));
                ++checked;
            } else {
                QCOMPARE(l.pid, 0);
            }
        }
        QCOMPARE(checked, 3);
    }

    void hostProbeNamesThisProcess()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        QUdpSocket udp;
        QVERIFY(udp.bind(QHostAddress::LocalHost, 0));
        const QString name = QFileInfo(QCoreApplication::applicationFilePath()).fileName().left(15); // comm is 15 bytes at most

        QString error;
        const QList<HostListener> listeners = HostPortProbe().scan(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        bool sawTcp = false, sawUdp = false;
        for (const HostListener &l : listeners) {
            const bool isTcp = l.protocol == QLatin1String("tcp") && l.port == tcp.serverPort();
            const bool isUdp = l.protocol == QLatin1String("udp") && l.port == udp.localPort();
            if (!isTcp && !isUdp)
                continue;
            QCOMPARE(l.address, QStringLiteral("127.0.0.1"));
            QCOMPARE(l.pid, QCoreApplication::applicationPid());
            QCOMPARE(l.process, name);
            sawTcp = sawTcp || isTcp;
            sawUdp = sawUdp || isUdp;
        }
        QVERIFY(sawTcp);
        QVERIFY(sawUdp);

        // And the analysis names it as the claimant of a service's port.
        PortAnalysisInput input;
        input.environments = {environment(QStringLiteral("dev"), {{QStringLiteral("api"),
                                                                   {QStringLiteral("127.0.0.1:%1:80").arg(tcp.serverPort())}}})};
        input.listeners = listeners;
        const QList<PortConflict> conflicts = PortAnalyzer::analyze(input);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(claimantNames(conflicts.first()),
                 QStringList({QStringLiteral("dev/api"), QStringLiteral("pid %1 (%2)").arg(QCoreApplication::applicationPid()).arg(name)}));
    }

    // ---- the engine probe --------------------------------------------------------------------

    void parsesTheEnginesContainerList()
    {
        QString error;
        const auto publications = EnginePortProbe::parseContainers(readData(QStringLiteral("containers.json")), QStringLiteral("unix:///e"), &error);
        QVERIFY2(publications, qPrintable(error));
        QCOMPARE(publications->size(), 3); // exposed-only 443 and the port-less worker publish nothing
        const ContainerPublication &web = publications->at(0);
        QCOMPARE(web.name, QStringLiteral("other-web-1"));
        QCOMPARE(web.composeProject, QStringLiteral("other"));
        QCOMPARE(web.composeService, QStringLiteral("web"));
        QCOMPARE(web.hostIp, QStringLiteral("0.0.0.0"));
        QCOMPARE(web.port, 8080);
        QCOMPARE(web.targetPort, 80);
        QCOMPARE(web.protocol, QStringLiteral("tcp"));
        QCOMPARE(web.engine, QStringLiteral("unix:///e"));
        QCOMPARE(publications->at(1).hostIp, QStringLiteral("::"));
        QCOMPARE(publications->at(2).name, QStringLiteral("dns"));
        QCOMPARE(publications->at(2).protocol, QStringLiteral("udp"));
        QVERIFY(publications->at(2).composeProject.isEmpty());

        QVERIFY(!EnginePortProbe::parseContainers("{\"message\": \"no\"}", QString(), &error));
        QVERIFY(!error.isEmpty());
    }

    void aDeadEngineIsReportedNotFatal()
    {
        QTemporaryDir dir;
        const QString endpoint = QStringLiteral("unix://") + dir.filePath(QStringLiteral("no-engine.sock"));
        const EngineProbeResult result = EnginePortProbe(endpoint, 2000).probe();
        QVERIFY(!result.reachable);
        QVERIFY2(result.error.contains(endpoint), qPrintable(result.error));
        QVERIFY(result.publications.isEmpty());
    }

    void endpoints()
    {
        QProcessEnvironment shell;
        QCOMPARE(EnginePortProbe::resolveEndpoint(QString(), shell), QStringLiteral("unix:///var/run/docker.sock"));
        shell.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("tcp://10.0.0.5:2375"));
        QCOMPARE(EnginePortProbe::resolveEndpoint(QString(), shell), QStringLiteral("tcp://10.0.0.5:2375"));
        QCOMPARE(EnginePortProbe::resolveEndpoint(QStringLiteral("unix:///run/x.sock"), shell), QStringLiteral("unix:///run/x.sock"));
        QVERIFY(EnginePortProbe::isLocal(QStringLiteral("unix:///var/run/docker.sock")));
        QVERIFY(EnginePortProbe::isLocal(QStringLiteral("tcp://127.0.0.1:2375")));
        QVERIFY(!EnginePortProbe::isLocal(QStringLiteral("tcp://10.0.0.5:2375")));
        QVERIFY(!EnginePortProbe::isLocal(QStringLiteral("ssh://deploy@prod")));
    }

    // ---- the bundled examples ----------------------------------------------------------------

    void seedExampleConflicts_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::newRow("all environments") << QString();
        QTest::newRow("staging") << QStringLiteral("staging");
    }
    void seedExampleConflicts()
    {
        QFETCH(QString, environment);
        const ProjectLoadResult loaded = ProjectLoader::load(QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/piper-staging"));
        QVERIFY(loaded.project);
        PortCheckOptions options;
        options.environment = environment;
        options.probeHost = false; // only what the files say: this host's listeners are not the test's
        options.probeEngine = false;
        const PortCheckResult result = PortCheck(cleanShell()).run(*loaded.project, options);
        QVERIFY(result.complete);
        QVERIFY(result.environments.contains(QStringLiteral("dev")));
        QVERIFY(result.environments.contains(QStringLiteral("staging")));

        // staging's API and ChromaDB both publish 8001
        const PortConflict *inStaging = findConflict(result.conflicts, 8001, {QStringLiteral("staging/api-staging"),
                                                                              QStringLiteral("staging/chromadb-staging")});
        QVERIFY2(inStaging, qPrintable(describe(result.conflicts)));
        QVERIFY(inStaging->suggestion);
        QVERIFY(inStaging->suggestion->port != 8001);
        // dev's API wants 8001 too, side by side with staging
        const PortConflict *crossed = findConflict(result.conflicts, 8001, {QStringLiteral("dev/api")});
        QVERIFY2(crossed, qPrintable(describe(result.conflicts)));
        bool staging = false;
        for (const PortClaimant &claimant : crossed->claimants)
            staging = staging || claimant.environment == QLatin1String("staging");
        QVERIFY(staging);
        QCOMPARE(crossed->protocol, QStringLiteral("tcp"));
        if (environment == QLatin1String("staging")) { // staging is primary: dev moves
            QCOMPARE(crossed->suggestion->environment, QStringLiteral("dev"));
            QVERIFY(!result.environments.contains(QStringLiteral("production"))); // it does not share staging's host
        }
        // Suggestions for environments on one host never hand out the same port twice.
        QSet<int> suggestedOnTheSharedHost;
        for (const PortConflict &conflict : result.conflicts) {
            QVERIFY(conflict.suggestion);
            if (conflict.suggestion->environment == QLatin1String("production"))
                continue;
            QVERIFY2(!suggestedOnTheSharedHost.contains(conflict.suggestion->port), qPrintable(describe(result.conflicts)));
            suggestedOnTheSharedHost.insert(conflict.suggestion->port);
        }
    }

    void demoHasNoConflicts()
    {
        const ProjectLoadResult loaded = ProjectLoader::load(QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo"));
        QVERIFY(loaded.project);
        PortCheckOptions options;
        options.probeHost = false;   // whatever runs on this machine is not the demo's files' doing
        options.probeEngine = false;
        const PortCheckResult result = PortCheck(cleanShell()).run(*loaded.project, options);
        QVERIFY(result.complete);
        QCOMPARE(result.environments, QStringList({QStringLiteral("dev"), QStringLiteral("staging"), QStringLiteral("production")}));
        QVERIFY(result.publishedPorts >= 18); // six per environment
        QVERIFY2(result.conflicts.isEmpty(), qPrintable(describe(result.conflicts)));
        QVERIFY(result.notes.isEmpty());
    }

    void checkNamesARealListener()
    {
        // End to end through PortCheck: a project publishing the port this process listens on.
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile compose(dir.filePath(QStringLiteral("compose.yaml")));
        QVERIFY(compose.open(QIODevice::WriteOnly));
        compose.write(QStringLiteral("services:\n  api:\n    image: busybox\n    ports: [\"127.0.0.1:%1:80\"]\n")
                          .arg(holder.serverPort())
                          .toUtf8());
        compose.close();
        const ProjectLoadResult loaded = ProjectLoader::load(dir.path());
        QVERIFY(loaded.project);
        PortCheckOptions options;
        options.probeEngine = false;
        const PortCheckResult result = PortCheck(cleanShell()).run(*loaded.project, options);
        QVERIFY(result.complete);
        QVERIFY(result.hostListeners > 0);
        QCOMPARE(result.conflicts.size(), 1);
        const PortConflict &conflict = result.conflicts.first();
        QCOMPARE(conflict.port, int(holder.serverPort()));
        QCOMPARE(conflict.hostIp, QStringLiteral("127.0.0.1"));
        QCOMPARE(conflict.claimants.size(), 2);
        QCOMPARE(conflict.claimants.at(0).service, QStringLiteral("api"));
        QCOMPARE(conflict.claimants.at(1).pid, QCoreApplication::applicationPid());
        QVERIFY(conflict.suggestion);
        QVERIFY(conflict.suggestion->port != holder.serverPort());
    }

    void unknownEnvironment()
    {
        const ProjectLoadResult loaded = ProjectLoader::load(QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo"));
        QVERIFY(loaded.project);
        QVERIFY(PortCheck::environmentsFor(*loaded.project, QStringLiteral("qa")).isEmpty());
        PortCheckOptions options;
        options.environment = QStringLiteral("qa");
        const PortCheckResult result = PortCheck(cleanShell()).run(*loaded.project, options);
        QVERIFY(!result.complete);
        QVERIFY(hasErrors(result.diagnostics));
    }
};

QTEST_GUILESS_MAIN(TestPorts)
#include "tst_ports.moc"
