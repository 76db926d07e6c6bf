// The demo project (resources/examples/demo) on the real engine: the dev environment comes up on
// free ports and its own subnet, every service healthy; the API, its Postgres and Redis, nginx in
// front and Prometheus behind work through 127.0.0.1; then staging runs beside dev.

#include "DemoStack.h"
#include "DockerCli.h"
#include "HttpClient.h"
#include "PrometheusText.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QtTest>

#include <memory>

using stagehand::test::DemoStack;
using stagehand::test::DockerCli;
using stagehand::test::HttpClient;
using stagehand::test::HttpResponse;
using stagehand::test::ProcessResult;
using stagehand::test::PrometheusText;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

using Labels = QMap<QString, QString>;

Labels labels(std::initializer_list<std::pair<const char *, const char *>> pairs)
{
    Labels out;
    for (const auto &[key, value] : pairs)
        out.insert(QString::fromUtf8(key), QString::fromUtf8(value));
    return out;
}

// `docker exec <container of service> sh -c <script>` in a stack
ProcessResult execIn(const DockerCli &docker, const DemoStack &stack, const QString &service, const QString &script)
{
    const QStringList ids = docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + stack.projectName(),
                                                 QStringLiteral("label=com.docker.compose.service=") + service});
    return docker.run({QStringLiteral("exec"), ids.value(0), QStringLiteral("sh"), QStringLiteral("-c"), script}, 30000);
}

} // namespace

class TestDemoStack : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void demoRunsSideBySide();
    void devComesUpHealthy();
    void everyContainerIsLabelledWithoutRestartPolicy();
    void apiHealth();
    void comprehensiveHealthReportsDependencies();
    void itemRoundTripAndMetrics();
    void nginxProxiesWithSecurityHeaders();
    void prometheusScrapesItsTargets();
    void stagingRunsBesideDev();
    void cleanupTestCase();

private:
    void requireUp(const DemoStack *stack) const;
    QUrl api(const QString &path) const { return HttpClient::local(m_apiPort, path); }

    DockerCli m_docker;
    HttpClient m_http;
    std::unique_ptr<DemoStack> m_dev;
    std::unique_ptr<DemoStack> m_staging;
    bool m_devHealthy = false;
    quint16 m_apiPort = 0;
    qint64 m_itemId = 0;
};

void TestDemoStack::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::compose());
    m_dev = std::make_unique<DemoStack>(QStringLiteral("dev"), m_docker);
    QVERIFY2(m_dev->isValid(), qPrintable(m_dev->errorString()));
    STAGEHAND_REQUIRE(Requirements::images(m_docker, m_dev->images()));
    QStringList variables;
    const QMap<QString, QString> values = m_dev->variables();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        variables.append(it.key() + u'=' + it.value());
    qInfo("run %s: project %s, %s", qPrintable(TestRun::current().id()), qPrintable(m_dev->projectName()), qPrintable(variables.join(u' ')));
}

void TestDemoStack::requireUp(const DemoStack *stack) const
{
    QVERIFY2(stack && stack->isUp(), "the stack is not up (an earlier step failed)");
}

void TestDemoStack::demoRunsSideBySide()
{
    // Fixed host ports, fixed container names or subnets would keep two copies from running at once.
    QVERIFY2(m_dev->problems().isEmpty(), qPrintable(m_dev->problems().join(u'\n')));
    QVERIFY2(m_dev->variables().contains(QStringLiteral("API_PORT")), "compose.dev.yaml publishes the API on no ${API_PORT}");
    QVERIFY2(m_dev->subnet().isValid(), "the dev environment's network takes no subnet variable");
    // Containers inherit image labels: an image carrying the test label would mark every
    // container made from it (in real deployments too) for scripts/sweep-test-resources.sh.
    const QJsonArray images = m_docker.inspect(m_dev->images(), QStringLiteral("image"));
    QCOMPARE(images.size(), m_dev->images().size());
    for (const QJsonValue &image : images)
        QVERIFY2(!image[QStringLiteral("Config")][QStringLiteral("Labels")].toObject().contains(TestRun::labelKey()),
                 qPrintable(image[QStringLiteral("RepoTags")][0].toString() + QStringLiteral(" carries the label ") + TestRun::labelKey()));
}

void TestDemoStack::devComesUpHealthy()
{
    QElapsedTimer clock;
    clock.start();
    // staging comes up at the same time (checked in stagingRunsBesideDev)
    m_staging = std::make_unique<DemoStack>(QStringLiteral("staging"), m_docker);
    QVERIFY2(m_staging->isValid(), qPrintable(m_staging->errorString()));
    m_dev->startUp();
    m_staging->startUp();
    QVERIFY2(m_dev->finishUp(), qPrintable(m_dev->errorString()));
    const qint64 upMs = clock.elapsed();
    QVERIFY2(m_dev->waitHealthy(120000), qPrintable(m_dev->errorString()));
    qInfo("dev: `up -d` %lld ms, all %lld services healthy after %lld ms", upMs, qint64(m_dev->services().size()), clock.elapsed());
    m_devHealthy = true;
    m_apiPort = m_dev->hostPort(QStringLiteral("api"), 8001);
    QVERIFY(m_apiPort != 0);
    QCOMPARE(QString::number(m_apiPort), m_dev->variables().value(QStringLiteral("API_PORT")));
}

void TestDemoStack::everyContainerIsLabelledWithoutRestartPolicy()
{
    requireUp(m_dev.get());
    // docker-compose ps lists every service, running
    const ProcessResult running = m_dev->compose({QStringLiteral("ps"), QStringLiteral("--services"), QStringLiteral("--filter"), QStringLiteral("status=running")});
    QVERIFY2(running.ok(), qPrintable(running.describe()));
    QStringList services = running.lines();
    QStringList expected = m_dev->services();
    services.sort();
    expected.sort();
    QCOMPARE(services, expected);
    const ProcessResult table = m_dev->compose({QStringLiteral("ps")});
    QVERIFY2(table.ok(), qPrintable(table.describe()));
    for (const QString &service : std::as_const(expected))
        QVERIFY2(table.out().contains(m_dev->projectName() + u'_' + service + QStringLiteral("_1")), qPrintable(table.out()));

    const QJsonArray containers = m_docker.inspect(m_dev->containerIds());
    QCOMPARE(containers.size(), expected.size());
    for (const QJsonValue &container : containers) {
        const QString name = container[QStringLiteral("Name")].toString();
        const QJsonObject labels = container[QStringLiteral("Config")][QStringLiteral("Labels")].toObject();
        QVERIFY2(labels[TestRun::labelKey()].toString() == TestRun::current().labelValue(), qPrintable(name + QStringLiteral(" lacks the test label")));
        const QString restart = container[QStringLiteral("HostConfig")][QStringLiteral("RestartPolicy")][QStringLiteral("Name")].toString();
        QVERIFY2(restart.isEmpty() || restart == QLatin1String("no"), qPrintable(name + QStringLiteral(" has restart policy ") + restart));
        // published only on 127.0.0.1
        const QJsonObject ports = container[QStringLiteral("NetworkSettings")][QStringLiteral("Ports")].toObject();
        for (auto it = ports.constBegin(); it != ports.constEnd(); ++it) {
            const QJsonArray bindings = it.value().toArray();
            for (const QJsonValue &binding : bindings)
                QVERIFY2(binding[QStringLiteral("HostIp")].toString() == QLatin1String("127.0.0.1"),
                         qPrintable(QStringLiteral("%1 publishes %2 on %3").arg(name, it.key(), binding[QStringLiteral("HostIp")].toString())));
        }
    }

    const QStringList filters{QStringLiteral("--filter"), QStringLiteral("label=com.docker.compose.project=") + m_dev->projectName()};
    const QStringList networks = m_docker.run(QStringList{QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q")} + filters).lines();
    QCOMPARE(networks.size(), m_dev->networks().size());
    const QJsonArray networkDetails = m_docker.inspect(networks, QStringLiteral("network"));
    for (const QJsonValue &network : networkDetails) {
        QCOMPARE(network[QStringLiteral("Labels")][TestRun::labelKey()].toString(), TestRun::current().labelValue());
        QCOMPARE(network[QStringLiteral("IPAM")][QStringLiteral("Config")][0][QStringLiteral("Subnet")].toString(), m_dev->subnet().cidr());
    }
    const QStringList volumes = m_docker.run(QStringList{QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("-q")} + filters).lines();
    QCOMPARE(volumes.size(), m_dev->volumes().size());
    const QJsonArray volumeDetails = m_docker.inspect(volumes, QStringLiteral("volume"));
    for (const QJsonValue &volume : volumeDetails)
        QCOMPARE(volume[QStringLiteral("Labels")][TestRun::labelKey()].toString(), TestRun::current().labelValue());
}

void TestDemoStack::apiHealth()
{
    requireUp(m_dev.get());
    const HttpResponse health = m_http.get(api(QStringLiteral("/health")));
    QVERIFY2(health.status == 200, qPrintable(health.describe()));
    QCOMPARE(health.object()[QStringLiteral("status")].toString(), QStringLiteral("healthy"));
    QCOMPARE(health.object()[QStringLiteral("environment")].toString(), QStringLiteral("development"));
    const HttpResponse liveness = m_http.get(api(QStringLiteral("/health/liveness")));
    QVERIFY2(liveness.status == 200, qPrintable(liveness.describe()));
    const HttpResponse readiness = m_http.getUntil(api(QStringLiteral("/health/readiness")), [](const HttpResponse &r) { return r.status == 200; }, 15000);
    QVERIFY2(readiness.status == 200, qPrintable(readiness.describe()));
    QCOMPARE(readiness.object()[QStringLiteral("status")].toString(), QStringLiteral("ready"));
}

void TestDemoStack::comprehensiveHealthReportsDependencies()
{
    requireUp(m_dev.get());
    const HttpResponse response = m_http.get(api(QStringLiteral("/health/comprehensive")));
    QVERIFY2(response.status == 200, qPrintable(response.describe()));
    const QJsonObject body = response.object();
    QCOMPARE(body[QStringLiteral("status")].toString(), QStringLiteral("healthy"));
    const QJsonObject components = body[QStringLiteral("components")].toObject();
    QCOMPARE(components[QStringLiteral("postgres")][QStringLiteral("status")].toString(), QStringLiteral("healthy"));
    QCOMPARE(components[QStringLiteral("redis")][QStringLiteral("status")].toString(), QStringLiteral("healthy"));
    QVERIFY2(components[QStringLiteral("postgres")][QStringLiteral("version")].toString().contains(QStringLiteral("PostgreSQL 15")), qPrintable(response.describe()));
    QVERIFY2(components[QStringLiteral("redis")][QStringLiteral("version")].toString().startsWith(u'7'), qPrintable(response.describe()));
    // secrets are reported as set, never shown
    QVERIFY(!response.text().contains(QStringLiteral("dev_pg_password")));
    const HttpResponse mcp = m_http.get(api(QStringLiteral("/health/mcp")));
    QVERIFY2(mcp.status == 200, qPrintable(mcp.describe()));
}

void TestDemoStack::itemRoundTripAndMetrics()
{
    requireUp(m_dev.get());
    const HttpResponse before = m_http.get(api(QStringLiteral("/health/metrics")));
    QVERIFY2(before.status == 200, qPrintable(before.describe()));

    const QString title = TestRun::current().uniqueName(QStringLiteral("item"));
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("title"), title}, {QStringLiteral("body"), QStringLiteral("made by tst_demostack")}})
                                .toJson(QJsonDocument::Compact);
    const HttpResponse created = m_http.post(api(QStringLiteral("/api/v1/items")), body);
    QVERIFY2(created.status == 201, qPrintable(created.describe()));
    m_itemId = created.object()[QStringLiteral("id")].toInteger();
    QVERIFY2(m_itemId > 0, qPrintable(created.describe()));
    const QString itemPath = QStringLiteral("/api/v1/items/%1").arg(m_itemId);

    const HttpResponse first = m_http.get(api(itemPath));
    QVERIFY2(first.status == 200, qPrintable(first.describe()));
    QCOMPARE(first.object()[QStringLiteral("title")].toString(), title);
    QCOMPARE(first.header("X-Cache"), QByteArray("MISS")); // read from Postgres, then cached
    const HttpResponse second = m_http.get(api(itemPath));
    QVERIFY2(second.status == 200, qPrintable(second.describe()));
    QCOMPARE(second.object()[QStringLiteral("title")].toString(), title);
    QCOMPARE(second.header("X-Cache"), QByteArray("HIT")); // served from Redis

    const HttpResponse after = m_http.get(api(QStringLiteral("/health/metrics")));
    QVERIFY2(after.status == 200, qPrintable(after.describe()));

    // Independently of the API: the row is in Postgres, the cached copy in Redis.
    const ProcessResult row = execIn(m_docker, *m_dev, QStringLiteral("postgres"),
                                     QStringLiteral("psql -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\" -tAc 'SELECT title FROM items WHERE id = %1'").arg(m_itemId));
    QVERIFY2(row.ok(), qPrintable(row.describe()));
    QCOMPARE(row.out().trimmed(), title);
    const ProcessResult cached = execIn(m_docker, *m_dev, QStringLiteral("redis"),
                                        QStringLiteral("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli GET item:%1").arg(m_itemId));
    QVERIFY2(cached.ok(), qPrintable(cached.describe()));
    QVERIFY2(cached.out().contains(title), qPrintable(cached.describe()));

    // The API's counters rose by exactly what this test did (health checks and Prometheus'
    // scrapes touch other series).
    const PrometheusText m0(before.body);
    const PrometheusText m1(after.body);
    const auto delta = [&](const char *name, const Labels &l) { return m1.counter(QString::fromUtf8(name), l) - m0.counter(QString::fromUtf8(name), l); };
    QCOMPARE(delta("http_requests_total", labels({{"method", "POST"}, {"path", "/api/v1/items"}, {"status", "201"}})), 1.0);
    QCOMPARE(delta("http_requests_total", labels({{"method", "GET"}, {"path", "/api/v1/items/{id}"}, {"status", "200"}})), 2.0);
    QCOMPARE(delta("cache_requests_total", labels({{"result", "miss"}})), 1.0);
    QCOMPARE(delta("cache_requests_total", labels({{"result", "hit"}})), 1.0);
    QCOMPARE(delta("db_queries_total", labels({{"operation", "insert_item"}, {"outcome", "ok"}})), 1.0);
    QCOMPARE(delta("db_queries_total", labels({{"operation", "get_item"}, {"outcome", "ok"}})), 1.0);
    QCOMPARE(delta("redis_commands_total", labels({{"command", "get"}, {"outcome", "ok"}})), 2.0);
    QCOMPARE(delta("redis_commands_total", labels({{"command", "set"}, {"outcome", "ok"}})), 1.0);
    QCOMPARE(delta("http_request_duration_seconds_count", labels({{"method", "GET"}, {"path", "/api/v1/items/{id}"}})), 2.0);
}

void TestDemoStack::nginxProxiesWithSecurityHeaders()
{
    requireUp(m_dev.get());
    const quint16 nginx = m_dev->hostPort(QStringLiteral("nginx"), 80);
    QVERIFY(nginx != 0);
    const auto checkHeaders = [](const HttpResponse &r) {
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(r.header("X-Frame-Options"), QByteArray("DENY"));
        QVERIFY2(r.header("Content-Security-Policy").contains("default-src 'self'"), qPrintable(r.describe()));
        QVERIFY2(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"), qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Referrer-Policy"), qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Permissions-Policy"), qPrintable(r.describe()));
        QVERIFY2(!r.header("Server").contains('/'), qPrintable(QStringLiteral("nginx shows its version: ") + QString::fromLatin1(r.header("Server"))));
    };

    // to the API
    const HttpResponse health = m_http.get(HttpClient::local(nginx, QStringLiteral("/health")));
    QVERIFY2(health.status == 200, qPrintable(health.describe()));
    QCOMPARE(health.object()[QStringLiteral("service")].toString(), QStringLiteral("api"));
    checkHeaders(health);
    if (QTest::currentTestFailed())
        return;
    if (m_itemId > 0) {
        const HttpResponse item = m_http.get(HttpClient::local(nginx, QStringLiteral("/api/v1/items/%1").arg(m_itemId)));
        QVERIFY2(item.status == 200, qPrintable(item.describe()));
        QCOMPARE(item.object()[QStringLiteral("id")].toInteger(), m_itemId);
        checkHeaders(item);
        if (QTest::currentTestFailed())
            return;
    }
    // to the web UI
    const HttpResponse page = m_http.get(HttpClient::local(nginx, QStringLiteral("/")));
    QVERIFY2(page.status == 200, qPrintable(page.describe()));
    QVERIFY2(page.text().contains(QStringLiteral("<html"), Qt::CaseInsensitive), qPrintable(page.describe()));
    const quint16 web = m_dev->hostPort(QStringLiteral("web"), 8081);
    const HttpResponse direct = m_http.get(HttpClient::local(web, QStringLiteral("/")));
    QVERIFY2(direct.status == 200, qPrintable(direct.describe()));
    QCOMPARE(page.body, direct.body);
    checkHeaders(page);
    if (QTest::currentTestFailed())
        return;
    // errors carry them too ("always")
    const HttpResponse missing = m_http.get(HttpClient::local(nginx, QStringLiteral("/api/v1/no-such-thing")));
    QCOMPARE(missing.status, 404);
    checkHeaders(missing);
}

void TestDemoStack::prometheusScrapesItsTargets()
{
    requireUp(m_dev.get());
    const quint16 prometheus = m_dev->hostPort(QStringLiteral("prometheus"), 9090);
    QVERIFY(prometheus != 0);
    QElapsedTimer clock;
    clock.start();
    QString state;
    // The first scrape of each target comes within one scrape_interval (15 s) of Prometheus' start.
    const HttpResponse targets = m_http.getUntil(
        HttpClient::local(prometheus, QStringLiteral("/api/v1/targets?state=active")),
        [&](const HttpResponse &r) {
            if (r.status != 200)
                return false;
            const QJsonArray active = r.object()[QStringLiteral("data")][QStringLiteral("activeTargets")].toArray();
            QStringList states;
            bool allUp = !active.isEmpty();
            for (const QJsonValue &target : active) {
                const QString health = target[QStringLiteral("health")].toString();
                states.append(target[QStringLiteral("labels")][QStringLiteral("job")].toString() + u'=' + health
                              + (target[QStringLiteral("lastError")].toString().isEmpty() ? QString() : QStringLiteral(" (") + target[QStringLiteral("lastError")].toString() + u')'));
                allUp = allUp && health == QLatin1String("up");
            }
            states.sort();
            state = states.join(QStringLiteral(", "));
            return allUp;
        },
        45000, 1000);
    QVERIFY2(targets.status == 200, qPrintable(targets.describe()));
    qInfo("targets after %lld ms: %s", clock.elapsed(), qPrintable(state));
    const QJsonArray active = targets.object()[QStringLiteral("data")][QStringLiteral("activeTargets")].toArray();
    QSet<QString> jobs;
    for (const QJsonValue &target : active) {
        jobs.insert(target[QStringLiteral("labels")][QStringLiteral("job")].toString());
        QVERIFY2(target[QStringLiteral("health")].toString() == QLatin1String("up"), qPrintable(state));
    }
    for (const char *job : {"prometheus", "demo-api", "node-exporter", "postgres-exporter", "redis-exporter"})
        QVERIFY2(jobs.contains(QString::fromUtf8(job)), qPrintable(QStringLiteral("no target for job %1: %2").arg(QString::fromUtf8(job), state)));
}

void TestDemoStack::stagingRunsBesideDev()
{
    requireUp(m_dev.get());
    QVERIFY2(m_staging && m_staging->isValid(), "staging was not set up (see devComesUpHealthy)");
    QVERIFY2(m_staging->problems().isEmpty(), qPrintable(m_staging->problems().join(u'\n')));
    QVERIFY(m_staging->projectName() != m_dev->projectName());
    QVERIFY(m_staging->subnet().cidr() != m_dev->subnet().cidr());
    const QMap<QString, QString> stagingVariables = m_staging->variables();
    const QMap<QString, QString> devVariables = m_dev->variables();
    for (auto it = stagingVariables.cbegin(); it != stagingVariables.cend(); ++it)
        QVERIFY2(!devVariables.values().contains(it.value()), qPrintable(it.key() + QStringLiteral(" collides with dev")));

    QElapsedTimer clock;
    clock.start();
    QVERIFY2(m_staging->finishUp(), qPrintable(m_staging->errorString()));
    QVERIFY2(m_staging->waitHealthy(120000), qPrintable(m_staging->errorString()));
    qInfo("staging healthy beside dev (%lld ms more)", clock.elapsed());

    const quint16 stagingApi = m_staging->hostPort(QStringLiteral("api"), 8001);
    const HttpResponse staging = m_http.get(HttpClient::local(stagingApi, QStringLiteral("/health")));
    QVERIFY2(staging.status == 200, qPrintable(staging.describe()));
    QCOMPARE(staging.object()[QStringLiteral("environment")].toString(), QStringLiteral("staging"));
    const HttpResponse dev = m_http.get(api(QStringLiteral("/health")));
    QVERIFY2(dev.status == 200, qPrintable(dev.describe()));
    QCOMPARE(dev.object()[QStringLiteral("environment")].toString(), QStringLiteral("development"));
    // through each nginx as well
    const HttpResponse stagingProxy = m_http.get(HttpClient::local(m_staging->hostPort(QStringLiteral("nginx"), 80), QStringLiteral("/health")));
    QVERIFY2(stagingProxy.status == 200, qPrintable(stagingProxy.describe()));
    QCOMPARE(stagingProxy.object()[QStringLiteral("environment")].toString(), QStringLiteral("staging"));

    // Separate data: dev's item is not in staging's database.
    if (m_itemId > 0) {
        const HttpResponse item = m_http.get(HttpClient::local(stagingApi, QStringLiteral("/api/v1/items/%1").arg(m_itemId)));
        QVERIFY2(item.status == 404, qPrintable(item.describe()));
    }
    for (const QString &id : m_staging->containerIds()) {
        const QString restart = m_docker.run({QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.HostConfig.RestartPolicy.Name}}"), id}).out().trimmed();
        QVERIFY2(restart.isEmpty() || restart == QLatin1String("no"), qPrintable(QStringLiteral("staging container has restart policy ") + restart));
    }
}

void TestDemoStack::cleanupTestCase()
{
    QElapsedTimer clock;
    clock.start();
    if (m_staging)
        m_staging->startDown();
    if (m_dev)
        m_dev->startDown();
    const bool stagingDown = !m_staging || m_staging->finishDown();
    const QString stagingError = m_staging ? m_staging->errorString() : QString();
    const bool devDown = !m_dev || m_dev->finishDown();
    const QString devError = m_dev ? m_dev->errorString() : QString();
    m_staging.reset();
    m_dev.reset();
    qInfo("torn down in %lld ms", clock.elapsed());
    QVERIFY2(stagingDown, qPrintable(stagingError));
    QVERIFY2(devDown, qPrintable(devError));
    if (!m_docker.engineAvailable())
        return;
    const QStringList filter{QStringLiteral("--filter"), QStringLiteral("label=") + TestRun::current().label()};
    QVERIFY(m_docker.containerIds({QStringLiteral("label=") + TestRun::current().label()}).isEmpty());
    QVERIFY(m_docker.run(QStringList{QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q")} + filter).lines().isEmpty());
    QVERIFY(m_docker.run(QStringList{QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("-q")} + filter).lines().isEmpty());
}

QTEST_GUILESS_MAIN(TestDemoStack)
#include "tst_demostack.moc"
