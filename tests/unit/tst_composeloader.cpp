// The loader on valid input: every form of the Compose specification that the model holds
// (src/core/model/Service.h), read from the fixtures under tests/data/compose/<name>/, checked in the
// canonical JSON that `stagehand-cli config --format json` prints (ComposeJson::toJson) and, where the
// model adds something, in the model: published/target as numbers, memory in bytes, cpus as a
// number, durations as Go prints them ("1m0s"), "$$" as "$", unmodelled keys unchanged.

#include "compose/ComposeJson.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>

using namespace stagehand;
using namespace std::chrono_literals;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(STAGEHAND_TEST_DATA "/compose/") + name;
}

// A JSON value written as JSON text; @DIR@ stands for the fixture's folder, @HOME@ for the home folder.
QJsonValue json(const char *text, const QString &fixtureName = {})
{
    QByteArray utf8 = QByteArray("[") + text + "]";
    if (!fixtureName.isEmpty())
        utf8.replace("@DIR@", QDir(fixture(fixtureName)).absolutePath().toUtf8());
    utf8.replace("@HOME@", QDir::homePath().toUtf8());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in the test: %s: %s", text, qPrintable(error.errorString()));
    return document.array().first();
}

QString describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(QStringLiteral("    ") + d.toString());
    return lines.join(u'\n');
}

// Resolves a fixture's environment (the only one when none is named) in a shell holding only `shell`.
ResolvedEnvironment resolve(const QString &name, const QString &environment = {}, const QMap<QString, QString> &shell = {})
{
    const ProjectLoadResult loaded = ProjectLoader::load(fixture(name));
    if (!loaded.project) {
        ResolvedEnvironment failed;
        failed.diagnostics = loaded.diagnostics;
        return failed;
    }
    QProcessEnvironment env;
    for (auto it = shell.cbegin(); it != shell.cend(); ++it)
        env.insert(it.key(), it.value());
    const EnvironmentResolver resolver(env);
    return environment.isEmpty() ? resolver.resolve(*loaded.project, loaded.project->environments.first())
                                 : resolver.resolve(*loaded.project, environment);
}

#define RESOLVE_OK(var, ...)                                                                                      \
    const ResolvedEnvironment var = resolve(__VA_ARGS__);                                                         \
    QVERIFY2(var.ok(), qPrintable(describe(var.diagnostics)));                                                    \
    const QJsonObject var##Json = ComposeJson::toJson(*var.model)

QJsonObject serviceJson(const QJsonObject &config, const QString &service)
{
    return config.value(QStringLiteral("services")).toObject().value(service).toObject();
}

// A value at a path of keys ("deploy/resources/limits"); undefined when absent.
QJsonValue at(const QJsonObject &object, const QString &path)
{
    QJsonValue value = object;
    for (const QString &key : path.split(u'/'))
        value = value.toObject().value(key);
    return value;
}

QByteArray show(const QJsonValue &value)
{
    if (value.isUndefined())
        return "(absent)";
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

#define COMPARE_JSON(actual, expected) \
    QVERIFY2((actual) == (expected), QByteArray(QByteArray("\n   actual: ") + show(actual) + "\n expected: " + show(expected)).constData())

} // namespace

class TestComposeLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ports_data();
    void ports();
    void portModel();
    void volumes_data();
    void volumes();
    void topLevelVolumes();
    void environment_data();
    void environment();
    void envFiles_data();
    void envFiles();
    void dependsOn_data();
    void dependsOn();
    void healthcheck_data();
    void healthcheck();
    void healthcheckDurationsAreExact();
    void deploy_data();
    void deploy();
    void logging();
    void networks_data();
    void networks();
    void anchorsAndMergeKeys_data();
    void anchorsAndMergeKeys();
    void overrides_data();
    void overrides();
    void overrideMergesIpamPoolsBySubnet();
    void overrideLocations();
    void interpolation_data();
    void interpolation();
    void interpolationWarnsOnceAboutUnsetVariables();
    void profiles_data();
    void profiles();
    void passthrough_data();
    void passthrough();
    void yamlOutputReadsBack();
};

// --- ports ----------------------------------------------------------------------------------------

void TestComposeLoader::ports_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QJsonValue>("expected");
    const auto row = [](const char *name, int index, const char *expected) { QTest::newRow(name) << index << json(expected); };
    row("container only", 0, R"({"target": 80, "protocol": "tcp", "mode": "ingress"})");
    row("host:container", 1, R"({"target": 80, "published": 8080, "protocol": "tcp", "mode": "ingress"})");
    row("ipv4 host address", 2, R"({"target": 81, "published": 8081, "host_ip": "127.0.0.1", "protocol": "tcp", "mode": "ingress"})");
    row("ipv6 in brackets", 3, R"({"target": 82, "published": 8082, "host_ip": "::1", "protocol": "tcp", "mode": "ingress"})");
    row("ipv6 without brackets", 4, R"({"target": 83, "published": 8083, "host_ip": "::1", "protocol": "tcp", "mode": "ingress"})");
    row("udp", 5, R"({"target": 53, "published": 5353, "protocol": "udp", "mode": "ingress"})");
    row("range, first", 6, R"({"target": 9000, "published": 9000, "protocol": "tcp", "mode": "ingress"})");
    row("range, second", 7, R"({"target": 9001, "published": 9001, "protocol": "tcp", "mode": "ingress"})");
    row("host range to one port", 8, R"({"target": 7000, "published": "7000-7010", "protocol": "tcp", "mode": "ingress"})");
    row("container range, first", 9, R"({"target": 3000, "protocol": "tcp", "mode": "ingress"})");
    row("container range, second", 10, R"({"target": 3001, "protocol": "tcp", "mode": "ingress"})");
    row("a YAML number", 11, R"({"target": 6000, "protocol": "tcp", "mode": "ingress"})");
    row("sctp", 12, R"({"target": 1234, "published": 1234, "protocol": "sctp", "mode": "ingress"})");
    row("long syntax", 13, R"({"target": 443, "published": 8443, "host_ip": "0.0.0.0", "protocol": "tcp", "mode": "host",
                              "name": "https", "app_protocol": "https"})");
    row("long, unpublished", 14, R"({"target": 5000, "protocol": "tcp", "mode": "ingress"})");
    row("long, published range", 15, R"({"target": 6001, "published": "6001-6005", "protocol": "udp", "mode": "ingress"})");
}

void TestComposeLoader::ports()
{
    QFETCH(int, index);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("ports"));
    const QJsonArray ports = serviceJson(rJson, QStringLiteral("web")).value(QStringLiteral("ports")).toArray();
    QCOMPARE(ports.size(), 16);
    COMPARE_JSON(ports.at(index), expected);
}

void TestComposeLoader::portModel()
{
    RESOLVE_OK(r, QStringLiteral("ports"));
    const QList<PortMapping> &ports = r.model->services.value(QStringLiteral("web")).ports;
    QVERIFY(!ports.at(0).isPublished());
    QVERIFY(ports.at(1).isPublished() && !ports.at(1).isRange());
    QVERIFY(ports.at(8).isRange());
    QCOMPARE(ports.at(8).published, 7000);
    QCOMPARE(ports.at(8).publishedEnd, 7010);
    // Every port knows the line that wrote it; the entries of a range share it.
    QCOMPARE(ports.at(6).location.line, 12);
    QCOMPARE(ports.at(7).location.line, 12);
    QCOMPARE(ports.at(13).location.line, 17);
}

// --- volumes --------------------------------------------------------------------------------------

void TestComposeLoader::volumes_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QJsonValue>("expected");
    const auto row = [](const char *name, int index, const char *expected) {
        QTest::newRow(name) << index << json(expected, QStringLiteral("volumes"));
    };
    row("named", 0, R"({"type": "volume", "source": "data", "target": "/var/lib/data"})");
    row("named, read-only", 1, R"({"type": "volume", "source": "data", "target": "/readonly", "read_only": true})");
    row("relative bind, read-only", 2, R"({"type": "bind", "source": "@DIR@/html", "target": "/usr/share/html",
                                           "read_only": true, "bind": {"create_host_path": true}})");
    row("absolute bind", 3, R"({"type": "bind", "source": "/var/run/docker.sock", "target": "/var/run/docker.sock",
                                "bind": {"create_host_path": true}})");
    row("home bind", 4, R"({"type": "bind", "source": "@HOME@/cache", "target": "/cache", "bind": {"create_host_path": true}})");
    row("anonymous", 5, R"({"type": "volume", "target": "/anonymous"})");
    row("modes rw,z", 6, R"({"type": "bind", "source": "@DIR@/src", "target": "/src",
                             "bind": {"create_host_path": true, "selinux": "z"}})");
    row("long, named", 7, R"({"type": "volume", "source": "data", "target": "/long", "read_only": true,
                              "volume": {"nocopy": true}})");
    row("long, bind", 8, R"({"type": "bind", "source": "@DIR@/conf", "target": "/etc/conf",
                             "bind": {"create_host_path": false, "propagation": "rslave"}})");
    row("long, tmpfs", 9, R"({"type": "tmpfs", "target": "/scratch", "tmpfs": {"size": 1000000}})");
}

void TestComposeLoader::volumes()
{
    QFETCH(int, index);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("volumes"));
    const QJsonArray volumes = serviceJson(rJson, QStringLiteral("app")).value(QStringLiteral("volumes")).toArray();
    QCOMPARE(volumes.size(), 10);
    COMPARE_JSON(volumes.at(index), expected);
}

void TestComposeLoader::topLevelVolumes()
{
    RESOLVE_OK(r, QStringLiteral("volumes"));
    COMPARE_JSON(rJson.value(QStringLiteral("volumes")), json(R"({
        "data": {"name": "volumes_data"},
        "outside": {"name": "outside", "external": true},
        "custom": {"name": "custom-name", "driver": "local", "labels": {"team": "shop"},
                   "driver_opts": {"type": "none", "o": "bind", "device": "/srv/custom"}}})"));
}

// --- environment ----------------------------------------------------------------------------------

void TestComposeLoader::environment_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QJsonValue>("expected");
    // Values are strings whatever YAML type they are written as; a name without a value takes the
    // shell's value, and stays null when the shell has none.
    QTest::newRow("mapping") << QStringLiteral("map") << json(R"({"STRING": "hello", "NUMBER": "42", "FLOAT": "1.5",
        "BOOL": "true", "EMPTY": "", "FROM_SHELL": "shell-value", "NOT_IN_SHELL": null})");
    QTest::newRow("list") << QStringLiteral("list") << json(R"({"STRING": "hello", "WITH_EQUALS": "a=b", "EMPTY": "",
        "FROM_SHELL": "shell-value", "NOT_IN_SHELL": null})");
    QTest::newRow("env_file string") << QStringLiteral("envfile-string")
                                     << json(R"({"COMMON": "1", "OVERRIDDEN": "from-common", "SHARED": "common"})");
    // The later file wins over the earlier, `environment` over both; files are interpolated.
    QTest::newRow("env_file list") << QStringLiteral("envfile-list") << json(R"({"COMMON": "1", "OVERRIDDEN": "from-environment",
        "SHARED": "web", "WEB": "1", "INTERPOLATED": "shell-value-x"})");
    QTest::newRow("env_file long") << QStringLiteral("envfile-long") << json(R"({"COMMON": "1", "OVERRIDDEN": "from-common",
        "SHARED": "web", "WEB": "1", "INTERPOLATED": "shell-value-x"})");
}

void TestComposeLoader::environment()
{
    QFETCH(QString, service);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("environment"), QString(), {{QStringLiteral("FROM_SHELL"), QStringLiteral("shell-value")}});
    COMPARE_JSON(serviceJson(rJson, service).value(QStringLiteral("environment")), expected);
}

void TestComposeLoader::envFiles_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QStringList>("files");
    QTest::newRow("string") << QStringLiteral("envfile-string") << QStringList{QStringLiteral("common.env")};
    QTest::newRow("list") << QStringLiteral("envfile-list") << QStringList{QStringLiteral("common.env"), QStringLiteral("web.env")};
    // required: false and absent: left out, no error.
    QTest::newRow("long") << QStringLiteral("envfile-long") << QStringList{QStringLiteral("common.env"), QStringLiteral("web.env")};
}

void TestComposeLoader::envFiles()
{
    QFETCH(QString, service);
    QFETCH(QStringList, files);
    RESOLVE_OK(r, QStringLiteral("environment"));
    QStringList expected;
    for (const QString &file : files)
        expected.append(QDir(fixture(QStringLiteral("environment"))).absoluteFilePath(file));
    QCOMPARE(r.model->services.value(service).envFiles, expected);
}

// --- depends_on -----------------------------------------------------------------------------------

void TestComposeLoader::dependsOn_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("list") << QStringLiteral("api") << json(R"({
        "db": {"condition": "service_started", "required": true},
        "cache": {"condition": "service_started", "required": true}})");
    QTest::newRow("mapping, every condition") << QStringLiteral("worker") << json(R"({
        "db": {"condition": "service_healthy", "required": true, "restart": true},
        "migrate": {"condition": "service_completed_successfully", "required": true},
        "cache": {"condition": "service_started", "required": false},
        "optional-absent": {"condition": "service_started", "required": false}})");
}

void TestComposeLoader::dependsOn()
{
    QFETCH(QString, service);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("depends_on"));
    COMPARE_JSON(serviceJson(rJson, service).value(QStringLiteral("depends_on")), expected);
}

// --- healthcheck ----------------------------------------------------------------------------------

void TestComposeLoader::healthcheck_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("string") << QStringLiteral("shell-string") << json(R"({"test": ["CMD-SHELL", "curl -f http://localhost || exit 1"]})");
    QTest::newRow("CMD") << QStringLiteral("cmd") << json(R"({"test": ["CMD", "pg_isready", "-U", "postgres"]})");
    QTest::newRow("CMD-SHELL") << QStringLiteral("cmd-shell") << json(R"({"test": ["CMD-SHELL", "redis-cli ping | grep PONG"]})");
    QTest::newRow("NONE") << QStringLiteral("none") << json(R"({"test": ["NONE"]})");
    QTest::newRow("disable") << QStringLiteral("disabled") << json(R"({"disable": true})");
    QTest::newRow("durations") << QStringLiteral("durations") << json(R"({"test": ["CMD", "true"], "interval": "1m30s",
        "timeout": "500ms", "start_period": "1h0m0s", "start_interval": "2s", "retries": 5})");
    QTest::newRow("fractions") << QStringLiteral("fractions") << json(R"({"test": ["CMD", "true"], "interval": "1.5s",
        "timeout": "1m30s", "start_period": "100\u00b5s", "retries": 0})");
}

void TestComposeLoader::healthcheck()
{
    QFETCH(QString, service);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("healthcheck"));
    COMPARE_JSON(serviceJson(rJson, service).value(QStringLiteral("healthcheck")), expected);
}

void TestComposeLoader::healthcheckDurationsAreExact()
{
    RESOLVE_OK(r, QStringLiteral("healthcheck"));
    const Service durations = r.model->services.value(QStringLiteral("durations"));
    QVERIFY(durations.healthcheck);
    QCOMPARE(durations.healthcheck->interval, std::optional<Healthcheck::Duration>(90s));
    QCOMPARE(durations.healthcheck->timeout, std::optional<Healthcheck::Duration>(500ms));
    QCOMPARE(durations.healthcheck->startPeriod, std::optional<Healthcheck::Duration>(1h));
    QCOMPARE(durations.stopGracePeriod, std::optional<std::chrono::nanoseconds>(1min));
    COMPARE_JSON(serviceJson(rJson, QStringLiteral("durations")).value(QStringLiteral("stop_grace_period")), json(R"("1m0s")"));
    const Service fractions = r.model->services.value(QStringLiteral("fractions"));
    QCOMPARE(fractions.healthcheck->interval, std::optional<Healthcheck::Duration>(1500ms));
    QCOMPARE(fractions.healthcheck->startPeriod, std::optional<Healthcheck::Duration>(100us));
    // Absent values stay absent: the engine's defaults apply.
    const Service cmd = r.model->services.value(QStringLiteral("cmd"));
    QVERIFY(!cmd.healthcheck->interval && !cmd.healthcheck->retries);
}

// --- deploy and logging ---------------------------------------------------------------------------

void TestComposeLoader::deploy_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("limits, reservations and other keys") << QStringLiteral("api") << json(R"({
        "replicas": 2,
        "restart_policy": {"condition": "on-failure", "max_attempts": 3},
        "resources": {
            "limits": {"cpus": 1.5, "memory": 1073741824, "pids": 200},
            "reservations": {"cpus": 0.25, "memory": 268435456, "devices": [{"capabilities": ["gpu"]}]}}})");
    QTest::newRow("other units") << QStringLiteral("small") << json(R"({
        "resources": {"limits": {"cpus": 2, "memory": 1572864}, "reservations": {"memory": 1610612736}}})");
}

void TestComposeLoader::deploy()
{
    QFETCH(QString, service);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("deploy"));
    COMPARE_JSON(serviceJson(rJson, service).value(QStringLiteral("deploy")), expected);
    QVERIFY(at(rJson, QStringLiteral("services/") + service + QStringLiteral("/deploy/resources/limits/cpus")).isDouble());
}

void TestComposeLoader::logging()
{
    RESOLVE_OK(r, QStringLiteral("deploy"));
    // Option values are strings, as the engine takes them ("max-file: 3" is written as a number).
    COMPARE_JSON(serviceJson(rJson, QStringLiteral("api")).value(QStringLiteral("logging")),
                 json(R"({"driver": "json-file", "options": {"max-size": "10m", "max-file": "3"}})"));
    const Service api = r.model->services.value(QStringLiteral("api"));
    QCOMPARE(api.limits.memoryBytes, std::optional<qint64>(qint64(1) << 30));
    QCOMPARE(api.reservations.cpus, std::optional<double>(0.25));
}

// --- networks -------------------------------------------------------------------------------------

void TestComposeLoader::networks_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("ipam") << QStringLiteral("networks/front") << json(R"({"name": "networks_front", "driver": "bridge",
        "ipam": {"driver": "default", "config": [{"subnet": "172.28.0.0/16", "ip_range": "172.28.5.0/24",
                 "gateway": "172.28.0.1", "aux_addresses": {"host1": "172.28.1.5"}}]}})");
    QTest::newRow("internal, ipv6") << QStringLiteral("networks/back") << json(R"({"name": "networks_back", "internal": true,
        "enable_ipv6": true, "ipam": {"config": [{"subnet": "fd00:db8::/64"}]}})");
    QTest::newRow("external") << QStringLiteral("networks/outside") << json(R"({"name": "shared-net", "external": true})");
    QTest::newRow("default, named by a service") << QStringLiteral("networks/default") << json(R"({"name": "networks_default"})");
    QTest::newRow("attachment") << QStringLiteral("services/web/networks") << json(R"({
        "front": {"aliases": ["www", "web.local"], "ipv4_address": "172.28.0.10"}, "back": null})");
    QTest::newRow("list of names") << QStringLiteral("services/db/networks") << json(R"({"back": null, "default": null})");
    QTest::newRow("network_mode") << QStringLiteral("services/host/network_mode") << json(R"("host")");
    QTest::newRow("network_mode: no default network") << QStringLiteral("services/host/networks") << QJsonValue(QJsonValue::Undefined);
}

void TestComposeLoader::networks()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("networks"));
    COMPARE_JSON(at(rJson, path), expected);
}

// --- anchors and merge keys -----------------------------------------------------------------------

void TestComposeLoader::anchorsAndMergeKeys_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("<<: *base") << QStringLiteral("api/restart") << json(R"("unless-stopped")");
    QTest::newRow("alias inside an anchor") << QStringLiteral("api/logging") << json(R"({"driver": "json-file", "options": {"max-size": "10m"}})");
    QTest::newRow("<<: [*a, *b], from a") << QStringLiteral("worker/logging/driver") << json(R"("json-file")");
    QTest::newRow("<<: [*a, *b], from b") << QStringLiteral("worker/healthcheck") << json(R"({"test": ["CMD", "true"], "interval": "5s"})");
    QTest::newRow("a written key wins") << QStringLiteral("worker/restart") << json(R"("on-failure")");
    QTest::newRow("merge into a nested mapping") << QStringLiteral("web/environment") << json(R"({"TZ": "UTC", "EXTRA": "1"})");
    QTest::newRow("first listed wins") << QStringLiteral("order/restart") << json(R"("always")");
    QTest::newRow("first listed wins, 2") << QStringLiteral("order/user") << json(R"("first")");
    QTest::newRow("only in the second") << QStringLiteral("order/working_dir") << json(R"("/second")");
}

void TestComposeLoader::anchorsAndMergeKeys()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("anchors"));
    COMPARE_JSON(at(rJson.value(QStringLiteral("services")).toObject(), path), expected);
    // The x- sections holding the anchors are kept, as extensions.
    QVERIFY(rJson.contains(QStringLiteral("x-base")));
}

// --- overrides ------------------------------------------------------------------------------------

void TestComposeLoader::overrides_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    const auto row = [](const char *name, const char *env, const char *path, QJsonValue expected) {
        QTest::newRow(name) << QString::fromLatin1(env) << QString::fromLatin1(path) << expected;
    };
    const QString dir = QStringLiteral("overrides");
    row("one file: command", "one", "web/command", json(R"(["npm", "start"])"));
    row("scalar replaced", "two", "web/image", json(R"("shop/web:dev")"));
    row("command replaced, not merged", "two", "web/command", json(R"(["npm", "run", "dev"])"));
    row("environment merged by name", "two", "web/environment",
        json(R"({"LOG_LEVEL": "debug", "API_URL": "http://api", "DEBUG": "1"})"));
    row("ports appended without duplicates", "two", "web/ports", json(R"([
        {"target": 80, "published": 8080, "protocol": "tcp", "mode": "ingress"},
        {"target": 9229, "published": 9229, "protocol": "tcp", "mode": "ingress"}])"));
    row("volumes merged by target", "two", "web/volumes", json(R"([
        {"type": "volume", "source": "static2", "target": "/srv/static"},
        {"type": "bind", "source": "@DIR@/conf", "target": "/etc/web", "bind": {"create_host_path": true}},
        {"type": "bind", "source": "@DIR@/src", "target": "/app/src", "bind": {"create_host_path": true}}])", dir));
    row("labels merged, list into mapping", "two", "web/labels", json(R"({"tier": "front", "debug": "true"})"));
    row("healthcheck merged key by key", "two", "web/healthcheck",
        json(R"({"test": ["CMD", "curl", "-f", "http://localhost"], "interval": "5s"})"));
    row("depends_on list merged with mapping", "two", "api/depends_on", json(R"({"db": {"condition": "service_healthy", "required": true}})"));
    row("kept from the base", "two", "web/dns", json(R"(["1.1.1.1"])"));
    row("!override", "three", "web/ports", json(R"([{"target": 80, "published": 80, "protocol": "tcp", "mode": "ingress"}])"));
    row("!reset a list", "three", "web/dns", QJsonValue(QJsonValue::Undefined));
    row("!reset a mapping", "three", "web/labels", QJsonValue(QJsonValue::Undefined));
    row("!reset null", "three", "api/entrypoint", QJsonValue(QJsonValue::Undefined));
    row("three files: environment", "three", "web/environment",
        json(R"({"LOG_LEVEL": "debug", "API_URL": "http://api", "DEBUG": "1"})"));
}

void TestComposeLoader::overrides()
{
    QFETCH(QString, environment);
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("overrides"), environment);
    COMPARE_JSON(at(rJson.value(QStringLiteral("services")).toObject(), path), expected);
    QCOMPARE(rJson.value(QStringLiteral("name")).toString(), QStringLiteral("overrides-") + environment);
}

void TestComposeLoader::overrideMergesIpamPoolsBySubnet()
{
    RESOLVE_OK(r, QStringLiteral("overrides"), QStringLiteral("two"));
    COMPARE_JSON(at(rJson.value(QStringLiteral("networks")).toObject(), QStringLiteral("back/ipam/config")),
                 json(R"([{"subnet": "10.61.0.0/24", "gateway": "10.61.0.254"}, {"subnet": "10.62.0.0/24"}])"));
}

void TestComposeLoader::overrideLocations()
{
    // A key replaced by an override is located in the override; a service is located where it is first defined.
    RESOLVE_OK(r, QStringLiteral("overrides"), QStringLiteral("two"));
    const Service web = r.model->services.value(QStringLiteral("web"));
    QCOMPARE(QFileInfo(web.location.file).fileName(), QStringLiteral("compose.yaml"));
    QCOMPARE(web.location.line, 2);
    const SourceLocation command = web.locationOf(QStringLiteral("command"));
    QCOMPARE(QFileInfo(command.file).fileName(), QStringLiteral("compose.override.yaml"));
    QCOMPARE(command.line, 4);
    QCOMPARE(command.column, 5);
    QCOMPARE(QFileInfo(web.locationOf(QStringLiteral("dns")).file).fileName(), QStringLiteral("compose.yaml"));
    // Each port knows its own file.
    QCOMPARE(QFileInfo(web.ports.at(0).location.file).fileName(), QStringLiteral("compose.yaml"));
    QCOMPARE(QFileInfo(web.ports.at(1).location.file).fileName(), QStringLiteral("compose.override.yaml"));
}

// --- interpolation --------------------------------------------------------------------------------

void TestComposeLoader::interpolation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    const auto row = [](const char *path, const char *expected) { QTest::newRow(path) << QString::fromLatin1(path) << json(expected); };
    row("image", R"("registry.example.com/shop:1.4")");
    row("command", R"(["echo", "$PATH", "1.4"])");
    row("labels/price", R"("$9")");
    row("environment/DEFAULT_UNSET", R"("fallback")");
    row("environment/DEFAULT_EMPTY_COLON", R"("fallback")");
    row("environment/DEFAULT_EMPTY_DASH", R"("")");
    row("environment/DEFAULT_UNSET_DASH", R"("fallback")");
    row("environment/ALT_SET", R"("tagged")");
    row("environment/ALT_UNSET", R"("")");
    row("environment/ALT_EMPTY_COLON", R"("")");
    row("environment/ALT_EMPTY_PLUS", R"("alt")");
    row("environment/NESTED", R"("1.4")");
    row("environment/NESTED_ALT", R"("v1.4")");
    row("environment/DOLLARS", R"("$HOME costs $5 and ${NOT_A_VAR}")");
    row("environment/TRAILING_DOLLAR", R"("cost$")");
    row("environment/BRACE_TEXT", R"("ab}")");
    row("environment/PRECEDENCE", R"("shell")"); // the shell wins over .env
    row("environment/SHELL_ONLY", R"("yes")");
    row("environment/REQUIRED", R"("1.4")");
    row("environment/REQUIRED_PLAIN", R"("1.4")");
    row("environment/UNSET_PLAIN", R"("xy")");
}

void TestComposeLoader::interpolation()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("interpolation"), QString(),
               {{QStringLiteral("FROM_BOTH"), QStringLiteral("shell")}, {QStringLiteral("SHELL_ONLY"), QStringLiteral("yes")}});
    COMPARE_JSON(at(serviceJson(rJson, QStringLiteral("app")), path), expected);
}

void TestComposeLoader::interpolationWarnsOnceAboutUnsetVariables()
{
    RESOLVE_OK(r, QStringLiteral("interpolation"));
    int warnings = 0;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.severity == Diagnostic::Severity::Warning && d.message.contains(QStringLiteral("NOPE"))) {
            ++warnings;
            QCOMPARE(d.location.line, 25); // UNSET_PLAIN: the only place NOPE is used without a default
        }
    }
    QCOMPARE(warnings, 1);
    QVERIFY(r.referencedVariables.contains(QStringLiteral("ALSO_NOPE")));
    QCOMPARE(r.envFileVariables.value(QStringLiteral("TAG")), QStringLiteral("1.4"));
}

// --- profiles -------------------------------------------------------------------------------------

void TestComposeLoader::profiles_data()
{
    QTest::addColumn<QString>("active");
    QTest::addColumn<QStringList>("services");
    QTest::newRow("none") << QString() << QStringList{QStringLiteral("web")};
    QTest::newRow("debug") << QStringLiteral("debug") << QStringList{QStringLiteral("debug"), QStringLiteral("tools"), QStringLiteral("web")};
    QTest::newRow("admin,tools") << QStringLiteral("admin,tools")
                                 << QStringList{QStringLiteral("admin"), QStringLiteral("tools"), QStringLiteral("web")};
    QTest::newRow("*") << QStringLiteral("*")
                       << QStringList{QStringLiteral("admin"), QStringLiteral("debug"), QStringLiteral("tools"), QStringLiteral("web")};
}

void TestComposeLoader::profiles()
{
    QFETCH(QString, active);
    QFETCH(QStringList, services);
    QMap<QString, QString> shell;
    if (!active.isEmpty())
        shell.insert(QStringLiteral("COMPOSE_PROFILES"), active);
    RESOLVE_OK(r, QStringLiteral("profiles"), QString(), shell);
    QCOMPARE(r.model->services.keys(), services);
}

// --- keys carried through -------------------------------------------------------------------------

void TestComposeLoader::passthrough_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    const auto row = [](const char *path, const char *expected) { QTest::newRow(path) << QString::fromLatin1(path) << json(expected); };
    row("x-top", R"({"owner": "team-a", "numbers": [1, 2]})");
    row("services/app/x-meta", R"({"tier": 1})");
    row("services/app/ulimits", R"({"nofile": {"soft": 20000, "hard": 40000}, "nproc": 65535})");
    row("services/app/sysctls", R"({"net.core.somaxconn": 1024, "net.ipv4.tcp_syncookies": "0"})");
    row("services/app/tmpfs", R"(["/run", "/tmp:size=64m"])");
    row("services/app/extra_hosts", R"(["host.docker.internal:host-gateway"])");
    row("services/app/shm_size", R"("256m")");
    row("services/app/privileged", R"(false)");
    row("services/app/read_only", R"(true)");
    row("services/app/stop_signal", R"("SIGTERM")");
    row("services/app/init", R"(true)");
    row("services/app/cap_add", R"(["NET_ADMIN"])");
    row("services/app/cap_drop", R"(["ALL"])");
}

void TestComposeLoader::passthrough()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    RESOLVE_OK(r, QStringLiteral("passthrough"));
    COMPARE_JSON(at(rJson, path), expected);
}

void TestComposeLoader::yamlOutputReadsBack()
{
    // `stagehand-cli config` (YAML) of every fixture is YAML that loads again to the same services.
    for (const QString &name : {QStringLiteral("ports"), QStringLiteral("volumes"), QStringLiteral("healthcheck"),
                                QStringLiteral("deploy"), QStringLiteral("interpolation"), QStringLiteral("passthrough")}) {
        RESOLVE_OK(r, name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("compose.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray yaml = ComposeJson::toYaml(rJson);
        yaml.replace("$", "$$"); // the output holds values, not expressions
        file.write(yaml);
        file.close();
        const ProjectLoadResult again = ProjectLoader::load(file.fileName());
        QVERIFY(again.project);
        const ResolvedEnvironment reread = EnvironmentResolver(QProcessEnvironment()).resolve(*again.project, again.project->environments.first());
        QVERIFY2(reread.ok(), qPrintable(name + u'\n' + describe(reread.diagnostics)));
        QCOMPARE(ComposeJson::toJson(*reread.model).value(QStringLiteral("services")), rJson.value(QStringLiteral("services")));
    }
}

QTEST_GUILESS_MAIN(TestComposeLoader)
#include "tst_composeloader.moc"
