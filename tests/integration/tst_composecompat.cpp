// `stagehand-cli config --format json` against Debian's docker-compose 1.29 (`docker-compose -f ...
// --env-file ... config`) on the fixtures under tests/data/compat/<NN-name>/ (compose.yaml, maybe
// compose.override.yaml, .env, and shell.env: KEY=VALUE lines given to both processes as their
// environment). 1.29 has no JSON output (`config --format` came with Compose v2), so its YAML is
// read with yaml-cpp.
//
// Both outputs are brought to one canonical form holding the semantic content — services, images,
// builds, commands, environment values after interpolation, ports (host address, published, target,
// protocol), volumes (type, source, target, read-only), depends_on conditions, healthcheck tests and
// durations (in nanoseconds), resources (CPUs as numbers, memory in bytes), restart, labels, logging,
// networks and their subnets — and compared. What differs only in spelling is normalized: 1.29 writes
// "$$" back for a literal "$", "1m" where Go writes "1m0s", "512M" where the spec's canonical form
// has bytes, a string where the canonical form has a list, and drops the implicit default network.
//
// Where 1.29 departs from the Compose specification (specBehaviour below), Stagehand is held to the
// specification and 1.29's behaviour is only recorded.

#include "compose/ShellWords.h"
#include "util/Units.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include "util/YamlCpp.h"

#include <algorithm>

using namespace stagehand;

namespace {

QString compatDir()
{
    return QStringLiteral(STAGEHAND_TEST_DATA "/compat");
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The fixture's processes see PATH, HOME and the fixture's shell.env, nothing else of this machine.
QProcessEnvironment fixtureEnvironment(const QString &dir)
{
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    for (const QString &name : {QStringLiteral("PATH"), QStringLiteral("HOME"), QStringLiteral("DOCKER_HOST")}) {
        if (system.contains(name))
            env.insert(name, system.value(name));
    }
    QFile shell(dir + QStringLiteral("/shell.env"));
    if (shell.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : shell.readAll().split('\n')) {
            const qsizetype eq = line.indexOf('=');
            if (eq > 0)
                env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
        }
    }
    return env;
}

Run run(const QString &program, const QStringList &arguments, const QString &dir)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessEnvironment(fixtureEnvironment(dir));
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted(10000) || !process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = "did not run or did not finish: " + process.errorString().toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

Run stagehandConfig(const QString &dir)
{
    return run(QStringLiteral(STAGEHAND_CLI_PATH), {QStringLiteral("config"), QStringLiteral("-p"), dir, QStringLiteral("--format"),
                                                    QStringLiteral("json")},
               dir);
}

QString dockerCompose()
{
    return QStandardPaths::findExecutable(QStringLiteral("docker-compose"));
}

Run compose129Config(const QString &dir)
{
    QStringList arguments{QStringLiteral("-f"), dir + QStringLiteral("/compose.yaml")};
    if (QFileInfo::exists(dir + QStringLiteral("/compose.override.yaml")))
        arguments << QStringLiteral("-f") << dir + QStringLiteral("/compose.override.yaml");
    if (QFileInfo::exists(dir + QStringLiteral("/.env")))
        arguments << QStringLiteral("--env-file") << dir + QStringLiteral("/.env");
    arguments << QStringLiteral("--project-directory") << dir << QStringLiteral("config");
    return run(dockerCompose(), arguments, dir);
}

// --- reading both outputs into one tree --------------------------------------------------------------

// yaml-cpp does not type scalars: every scalar becomes a string, which the canonical form expects anyway.
QJsonValue yamlToJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node)
            array.append(yamlToJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it)
            object.insert(QString::fromStdString(it->first.Scalar()), yamlToJson(it->second));
        return object;
    }
    case YAML::NodeType::Scalar:
        return QString::fromStdString(node.Scalar());
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    return {};
}

// --- the canonical form ----------------------------------------------------------------------------

class Canonical {
public:
    // unescape: 1.29 writes a literal "$" back as "$$" (so its output can be read again); the
    // specification's canonical output holds the value itself.
    explicit Canonical(bool unescape)
        : m_unescape(unescape)
    {
    }

    QJsonObject document(const QJsonObject &doc) const
    {
        QJsonObject result;
        QJsonObject services;
        const QJsonObject in = doc.value(QStringLiteral("services")).toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            services.insert(it.key(), service(it.value().toObject()));
        result.insert(QStringLiteral("services"), services);
        QJsonObject networks;
        const QJsonObject declared = doc.value(QStringLiteral("networks")).toObject();
        for (auto it = declared.begin(); it != declared.end(); ++it) {
            if (it.key() == QLatin1String("default"))
                continue; // Stagehand lists the implicit default network; 1.29 does not
            QStringList subnets;
            for (const QJsonValue &pool : it.value().toObject().value(QStringLiteral("ipam")).toObject().value(QStringLiteral("config")).toArray())
                subnets.append(text(pool.toObject().value(QStringLiteral("subnet"))));
            subnets.sort();
            networks.insert(it.key(), QJsonArray::fromStringList(subnets));
        }
        result.insert(QStringLiteral("networks"), networks);
        QStringList volumes = doc.value(QStringLiteral("volumes")).toObject().keys();
        volumes.sort();
        result.insert(QStringLiteral("volumes"), QJsonArray::fromStringList(volumes));
        return result;
    }

private:
    QString str(const QJsonValue &value) const
    {
        QString s = text(value);
        if (m_unescape)
            s.replace(QStringLiteral("$$"), QStringLiteral("$"));
        return s;
    }

    QJsonValue words(const QJsonValue &value) const
    {
        if (value.isArray()) {
            QStringList list;
            for (const QJsonValue &item : value.toArray())
                list.append(str(item));
            return QJsonArray::fromStringList(list);
        }
        return QJsonArray::fromStringList(ShellWords::split(str(value)).value_or(QStringList{str(value)}));
    }

    QJsonObject stringMap(const QJsonValue &value) const
    {
        QJsonObject result;
        if (value.isArray()) { // KEY=VALUE list
            for (const QJsonValue &item : value.toArray()) {
                const QString s = str(item);
                const qsizetype eq = s.indexOf(u'=');
                result.insert(eq < 0 ? s : s.left(eq), eq < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(s.mid(eq + 1)));
            }
            return result;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            result.insert(it.key(), it.value().isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(str(it.value())));
        return result;
    }

    static QString duration(const QJsonValue &value)
    {
        const auto parsed = Units::parseDuration(text(value));
        return parsed ? QString::number(qint64(parsed->count())) : QStringLiteral("invalid:") + text(value);
    }

    // "ip|published|target|protocol|mode"
    static QString port(const QJsonValue &value)
    {
        QString ip, published, target, protocol = QStringLiteral("tcp"), mode = QStringLiteral("ingress");
        if (value.isObject()) {
            const QJsonObject p = value.toObject();
            ip = text(p.value(QStringLiteral("host_ip")));
            published = text(p.value(QStringLiteral("published")));
            target = text(p.value(QStringLiteral("target")));
            if (p.contains(QStringLiteral("protocol")))
                protocol = text(p.value(QStringLiteral("protocol")));
            if (p.contains(QStringLiteral("mode")))
                mode = text(p.value(QStringLiteral("mode")));
        } else {
            // 1.29's short form: [IP:]HOST:CONTAINER/PROTOCOL, IPv6 addresses without brackets.
            QString s = text(value);
            if (const qsizetype slash = s.lastIndexOf(u'/'); slash >= 0) {
                protocol = s.mid(slash + 1);
                s.truncate(slash);
            }
            QStringList parts = s.split(u':');
            target = parts.takeLast();
            if (!parts.isEmpty())
                published = parts.takeLast();
            ip = parts.join(u':');
            if (ip.startsWith(u'[') && ip.endsWith(u']'))
                ip = ip.mid(1, ip.size() - 2);
        }
        return QStringList{ip, published, target, protocol, mode}.join(u'|');
    }

    // "type|source|target|ro"
    static QString volume(const QJsonValue &value)
    {
        QString type, source, target;
        bool readOnly = false;
        if (value.isObject()) {
            const QJsonObject v = value.toObject();
            type = text(v.value(QStringLiteral("type")));
            source = text(v.value(QStringLiteral("source")));
            target = text(v.value(QStringLiteral("target")));
            readOnly = text(v.value(QStringLiteral("read_only"))) == QLatin1String("true");
        } else {
            const QStringList parts = text(value).split(u':');
            if (parts.size() == 1) {
                target = parts.at(0);
            } else {
                source = parts.at(0);
                target = parts.at(1);
                readOnly = parts.size() > 2 && parts.at(2).split(u',').contains(QStringLiteral("ro"));
            }
            type = source.startsWith(u'/') || source.startsWith(u'.') || source.startsWith(u'~') ? QStringLiteral("bind")
                                                                                                 : QStringLiteral("volume");
        }
        return QStringList{type, source, target, readOnly ? QStringLiteral("ro") : QStringLiteral("rw")}.join(u'|');
    }

    static QJsonObject resources(const QJsonObject &spec)
    {
        QJsonObject result;
        if (spec.contains(QStringLiteral("cpus")))
            result.insert(QStringLiteral("cpus"), QString::number(text(spec.value(QStringLiteral("cpus"))).toDouble()));
        if (spec.contains(QStringLiteral("memory"))) {
            const auto bytes = Units::parseByteSize(text(spec.value(QStringLiteral("memory"))));
            result.insert(QStringLiteral("memory"), bytes ? QString::number(*bytes) : QStringLiteral("invalid"));
        }
        return result;
    }

    QJsonObject service(const QJsonObject &s) const
    {
        QJsonObject result;
        for (const char *key : {"image", "restart", "container_name", "user", "working_dir"}) {
            if (s.contains(QLatin1String(key)))
                result.insert(QLatin1String(key), str(s.value(QLatin1String(key))));
        }
        if (s.contains(QStringLiteral("build"))) {
            const QJsonValue build = s.value(QStringLiteral("build"));
            QJsonObject b;
            b.insert(QStringLiteral("context"), build.isObject() ? str(build.toObject().value(QStringLiteral("context"))) : str(build));
            const QString dockerfile = build.isObject() ? str(build.toObject().value(QStringLiteral("dockerfile"))) : QString();
            b.insert(QStringLiteral("dockerfile"), dockerfile.isEmpty() ? QStringLiteral("Dockerfile") : dockerfile);
            result.insert(QStringLiteral("build"), b);
        }
        for (const char *key : {"command", "entrypoint"}) {
            if (s.contains(QLatin1String(key)))
                result.insert(QLatin1String(key), words(s.value(QLatin1String(key))));
        }
        for (const char *key : {"environment", "labels"}) {
            const QJsonObject map = stringMap(s.value(QLatin1String(key)));
            if (!map.isEmpty())
                result.insert(QLatin1String(key), map);
        }
        QStringList ports;
        for (const QJsonValue &p : s.value(QStringLiteral("ports")).toArray())
            ports.append(port(p));
        ports.sort();
        if (!ports.isEmpty())
            result.insert(QStringLiteral("ports"), QJsonArray::fromStringList(ports));
        QStringList volumes;
        for (const QJsonValue &v : s.value(QStringLiteral("volumes")).toArray())
            volumes.append(volume(v));
        volumes.sort();
        if (!volumes.isEmpty())
            result.insert(QStringLiteral("volumes"), QJsonArray::fromStringList(volumes));
        if (s.contains(QStringLiteral("depends_on"))) {
            QJsonObject deps;
            const QJsonValue d = s.value(QStringLiteral("depends_on"));
            if (d.isArray()) {
                for (const QJsonValue &name : d.toArray())
                    deps.insert(text(name), QStringLiteral("service_started"));
            } else {
                const QJsonObject object = d.toObject();
                for (auto it = object.begin(); it != object.end(); ++it)
                    deps.insert(it.key(), text(it.value().toObject().value(QStringLiteral("condition"))));
            }
            result.insert(QStringLiteral("depends_on"), deps);
        }
        if (s.contains(QStringLiteral("healthcheck"))) {
            const QJsonObject h = s.value(QStringLiteral("healthcheck")).toObject();
            QJsonObject check;
            QJsonValue test = h.value(QStringLiteral("test"));
            if (test.isString())
                test = QJsonArray{QStringLiteral("CMD-SHELL"), str(test)};
            else if (!test.isUndefined())
                test = words(test);
            // "disable: true" is "test: [NONE]" (1.29 writes the latter).
            if (text(h.value(QStringLiteral("disable"))) == QLatin1String("true"))
                test = QJsonArray{QStringLiteral("NONE")};
            if (!test.isUndefined())
                check.insert(QStringLiteral("test"), test);
            for (const char *key : {"interval", "timeout", "start_period", "start_interval"}) {
                if (h.contains(QLatin1String(key)))
                    check.insert(QLatin1String(key), duration(h.value(QLatin1String(key))));
            }
            if (h.contains(QStringLiteral("retries")))
                check.insert(QStringLiteral("retries"), text(h.value(QStringLiteral("retries"))));
            result.insert(QStringLiteral("healthcheck"), check);
        }
        const QJsonObject res = s.value(QStringLiteral("deploy")).toObject().value(QStringLiteral("resources")).toObject();
        for (const char *key : {"limits", "reservations"}) {
            const QJsonObject r = resources(res.value(QLatin1String(key)).toObject());
            if (!r.isEmpty())
                result.insert(QLatin1String(key), r);
        }
        if (s.contains(QStringLiteral("logging"))) {
            const QJsonObject l = s.value(QStringLiteral("logging")).toObject();
            result.insert(QStringLiteral("logging"), QJsonObject{{QStringLiteral("driver"), str(l.value(QStringLiteral("driver")))},
                                                                 {QStringLiteral("options"), stringMap(l.value(QStringLiteral("options")))}});
        }
        QStringList networks;
        const QJsonValue n = s.value(QStringLiteral("networks"));
        if (n.isArray()) {
            for (const QJsonValue &name : n.toArray())
                networks.append(text(name));
        } else {
            networks = n.toObject().keys();
        }
        networks.removeAll(QStringLiteral("default"));
        networks.sort();
        if (!networks.isEmpty())
            result.insert(QStringLiteral("networks"), QJsonArray::fromStringList(networks));
        return result;
    }

    bool m_unescape;
};

QByteArray pretty(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// The first differing path, for a readable failure.
QString firstDifference(const QJsonValue &a, const QJsonValue &b, const QString &path = QStringLiteral("$"))
{
    if (a == b)
        return {};
    if (a.isObject() && b.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        QStringList keys = x.keys() + y.keys();
        keys.removeDuplicates();
        keys.sort();
        for (const QString &key : keys) {
            const QString d = firstDifference(x.value(key), y.value(key), path + u'.' + key);
            if (!d.isEmpty())
                return d;
        }
    }
    if (a.isArray() && b.isArray() && a.toArray().size() == b.toArray().size()) {
        for (qsizetype i = 0; i < a.toArray().size(); ++i) {
            const QString d = firstDifference(a.toArray().at(i), b.toArray().at(i), path + QStringLiteral("[%1]").arg(i));
            if (!d.isEmpty())
                return d;
        }
    }
    const auto show = [](const QJsonValue &v) {
        return v.isUndefined() ? QStringLiteral("(absent)")
                               : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    };
    return QStringLiteral("%1: stagehand %2, docker-compose 1.29 %3").arg(path, show(a), show(b));
}

} // namespace

class TestComposeCompat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameConfig_data();
    void sameConfig();
    void specBehaviour_data();
    void specBehaviour();
};

void TestComposeCompat::sameConfig_data()
{
    QTest::addColumn<QString>("dir");
    int rows = 0;
    for (const QString &name : QDir(compatDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (name.left(2).toInt() >= 10)
            continue; // 10 and up: where 1.29 departs from the specification (specBehaviour)
        QTest::newRow(qPrintable(name)) << compatDir() + u'/' + name;
        ++rows;
    }
    QVERIFY(rows >= 8);
}

void TestComposeCompat::sameConfig()
{
    QFETCH(QString, dir);
    if (dockerCompose().isEmpty())
        QSKIP("docker-compose (1.29) is not installed");

    const Run ours = stagehandConfig(dir);
    QVERIFY2(ours.exitCode == 0 || ours.exitCode == 1, ours.err.constData());
    QJsonParseError error;
    const QJsonObject oursJson = QJsonDocument::fromJson(ours.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

    const Run theirs = compose129Config(dir);
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    QJsonObject theirsJson;
    try {
        theirsJson = yamlToJson(YAML::Load(theirs.out.toStdString())).toObject();
    } catch (const YAML::Exception &e) {
        QFAIL(e.what());
    }

    const QJsonObject a = Canonical(false).document(oursJson);
    const QJsonObject b = Canonical(true).document(theirsJson);
    QVERIFY(!a.value(QStringLiteral("services")).toObject().isEmpty());
    if (qEnvironmentVariableIsSet("STAGEHAND_COMPAT_DUMP")) // to see what is compared
        qInfo().noquote() << pretty(a);
    QVERIFY2(a == b, qPrintable(firstDifference(a, b) + QStringLiteral("\nstagehand (canonical):\n") + QString::fromUtf8(pretty(a))
                                + QStringLiteral("\ndocker-compose 1.29 (canonical):\n") + QString::fromUtf8(pretty(b))));
}

// Where docker-compose 1.29 departs from the Compose specification. The specification (and Compose
// v2, which implements it with compose-go) wins: it is what `docker compose` reads today, and a file
// that 1.29 mangles or lets through would deploy something other than what it says. Stagehand's
// behaviour is asserted; 1.29's is only recorded (qInfo), so a newer docker-compose cannot break
// the test.
void TestComposeCompat::specBehaviour_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<int>("exitCode");      // stagehand-cli's
    QTest::addColumn<QString>("stderrHas"); // for errors: a substring of the diagnostic (with its location)
    QTest::addColumn<QString>("path");      // for values: a path in the app service ("environment/X", "ports/0/target")...
    QTest::addColumn<QString>("value");     // ...and the value the specification gives it, as JSON
    const QString dir = compatDir() + u'/';
    const auto value = [&](const char *name, const char *fixture, const char *path, const char *json) {
        QTest::newRow(name) << dir + QLatin1String(fixture) << 0 << QString() << QString::fromLatin1(path) << QString::fromUtf8(json);
    };
    const auto error = [&](const char *name, const char *fixture, const char *message) {
        QTest::newRow(name) << dir + QLatin1String(fixture) << 2 << QString::fromUtf8(message) << QString() << QString();
    };

    // ${VAR:+alternative} is in the specification's interpolation syntax; 1.29 rejects the whole file
    // ("Invalid interpolation format for "environment" option in service "app": "${TAG:+v${TAG}}"").
    value("alternative value, set", "10-alternative-value", "environment/VERSION_LABEL", R"("v2.1")");
    value("alternative value, unset", "10-alternative-value", "environment/DEBUG_FLAG", R"("")");
    // Nested defaults: the specification (and compose-go) evaluates the inner expression; 1.29 ends
    // the outer expression at the first '}' and keeps the rest as text, giving "$${ALSO_NOT_SET:-deep}"
    // (i.e. the literal "${ALSO_NOT_SET:-deep}") and "$${TAG-suffix}".
    value("nested default", "11-nested-defaults", "environment/NESTED", R"("deep")");
    value("nested variable in a default", "11-nested-defaults", "environment/NESTED_VARIABLE", R"("2.1-suffix")");
    // A duration is a Go duration ("30s"); 1.29 does not validate it and crashes with a Python
    // traceback while printing the config (TypeError in serialize_ns_time_value), or passes it on
    // unchecked elsewhere (stop_grace_period). Stagehand reports it where it is written.
    error("duration with words", "12-duration-with-words", "compose.yaml:6:17: error: db.healthcheck.interval must be a duration");
    // deploy.resources.limits.memory is a byte size; 1.29 accepts "lots" and prints it back, and the
    // deploy fails later, on the engine.
    error("memory that is not a size", "13-memory-not-a-size",
          "compose.yaml:7:19: error: web.deploy.resources.limits.memory must be a size");
    // Ports are 1-65535; 1.29 prints "published: 99999" and leaves the failure to the engine.
    error("port out of range", "14-port-out-of-range",
          "compose.yaml:5:9: error: web.ports: '99999:80' is not a valid port mapping: host port 99999 is out of range");
    // Compose files are YAML 1.2 (compose-go reads them with yaml.v3); 1.29 reads them with PyYAML,
    // which is YAML 1.1: an unquoted 22:22 is the base-60 number 1342 (so 1.29 publishes nothing and
    // exposes port 1342), and 0755 is the octal number 493.
    value("YAML 1.2: 22:22 is a port mapping", "15-yaml-1.1-scalars", "ports/0", R"({"target": 22, "published": 22,
          "protocol": "tcp", "mode": "ingress"})");
    value("YAML 1.2: 0755 is text", "15-yaml-1.1-scalars", "environment/MODE", R"("0755")");
}

void TestComposeCompat::specBehaviour()
{
    QFETCH(QString, dir);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    QFETCH(QString, path);
    QFETCH(QString, value);

    const Run ours = stagehandConfig(dir);
    QVERIFY2(ours.exitCode == exitCode, qPrintable(QStringLiteral("exit %1, expected %2: %3").arg(ours.exitCode).arg(exitCode)
                                                       .arg(QString::fromUtf8(ours.err))));
    if (!stderrHas.isEmpty())
        QVERIFY2(QString::fromUtf8(ours.err).contains(stderrHas), ours.err.constData());
    if (!path.isEmpty()) {
        QJsonValue actual = QJsonDocument::fromJson(ours.out).object().value(QStringLiteral("services")).toObject().value(QStringLiteral("app"));
        for (const QString &key : path.split(u'/')) {
            bool isIndex = false;
            const int index = key.toInt(&isIndex);
            actual = isIndex ? actual.toArray().at(index) : actual.toObject().value(key);
        }
        const QJsonValue expected = QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().first();
        QVERIFY2(actual == expected, qPrintable(QStringLiteral("%1 is %2").arg(path, QString::fromUtf8(QJsonDocument(QJsonArray{actual}).toJson(QJsonDocument::Compact)))));
    }

    if (dockerCompose().isEmpty())
        return; // nothing to record
    const Run theirs = compose129Config(dir);
    QString seen = theirs.exitCode == 0 ? QString::fromUtf8(theirs.out) : QString::fromUtf8(theirs.err);
    seen = seen.trimmed().split(u'\n').mid(0, 12).join(QStringLiteral("\n        "));
    qInfo().noquote() << QStringLiteral("docker-compose 1.29 exits %1:\n        %2").arg(theirs.exitCode).arg(seen);
}

QTEST_GUILESS_MAIN(TestComposeCompat)
#include "tst_composecompat.moc"
