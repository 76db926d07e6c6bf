#include "lint/DatabasePorts.h"
#include "lint/LintFixer.h"
#include "lint/LintRule.h"
#include "lint/Linter.h"
#include "lint/ServiceRules.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace stagehand;

namespace {

const QString FixtureRoot = QStringLiteral(STAGEHAND_TEST_DATA "/lint");
const QString SeedDir = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/piper-staging");
const QString DemoDir = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");

// The variables interpolation sees besides the env files: nothing from the machine running the tests.
QProcessEnvironment testShell()
{
    QProcessEnvironment shell;
    shell.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    shell.insert(QStringLiteral("FROM_SHELL"), QStringLiteral("set by the shell"));
    return shell;
}

struct Linted {
    Project project;
    QHash<QString, ResolvedEnvironment> environments;
    Diagnostics findings;
};

// Loads a project, resolves every environment and lints it (focus: one environment, or all).
Linted lint(const QString &directory, const QString &focus = {})
{
    const ProjectLoadResult loaded = ProjectLoader::load(directory);
    if (!loaded.project) {
        for (const Diagnostic &d : loaded.diagnostics)
            qWarning("%s", qPrintable(d.toString()));
        qFatal("the project %s does not load", qPrintable(directory));
    }
    Linted result{*loaded.project, {}, {}};
    const EnvironmentResolver resolver(testShell());
    for (const EnvironmentSpec &spec : result.project.environments)
        result.environments.insert(spec.name, resolver.resolve(result.project, spec));
    result.findings = Linter(testShell()).lintProject(result.project, result.environments, focus);
    return result;
}

Diagnostics ofRule(const Diagnostics &findings, const QString &rule)
{
    Diagnostics result;
    for (const Diagnostic &d : findings) {
        if (d.rule == rule)
            result.append(d);
    }
    return result;
}

// "severity file:line:column service" with the file relative to the project, "-" for no service.
QStringList describe(const Diagnostics &findings, const QString &projectDirectory)
{
    QStringList result;
    for (const Diagnostic &d : findings) {
        result.append(QStringLiteral("%1 %2:%3:%4 %5")
                          .arg(severityName(d.severity), QDir(projectDirectory).relativeFilePath(d.location.file))
                          .arg(d.location.line)
                          .arg(d.location.column)
                          .arg(d.service.isEmpty() ? QStringLiteral("-") : d.service));
    }
    return result;
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// Copies a folder (dot files included, one level of subfolders and more) into target.
bool copyDirectory(const QString &source, const QString &target)
{
    QDir from(source);
    if (!QDir().mkpath(target))
        return false;
    for (const QFileInfo &info : from.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString destination = target + u'/' + info.fileName();
        if (info.isDir() ? !copyDirectory(info.filePath(), destination) : !QFile::copy(info.filePath(), destination))
            return false;
    }
    return true;
}

// The fixes the linted findings offer, each once.
QList<LintFix> fixesOf(const Linted &linted)
{
    QList<LintFix> fixes;
    for (const Diagnostic &finding : linted.findings) {
        for (const ResolvedEnvironment &environment : linted.environments) {
            if (!environment.model)
                continue;
            if (auto fix = LintFixer::fixFor(finding, *environment.model)) {
                if (!fixes.contains(*fix))
                    fixes.append(*fix);
                break;
            }
        }
    }
    return fixes;
}

} // namespace

class TestLint : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Each rule on its fixture: exactly these findings (severity, file:line:column, service), so the
    // cases written beside them in the fixture, which must not fire, do not.
    void rule_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("environment"); // empty: every environment
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("plaintext-secret, staging")
            << QStringLiteral("plaintext-secret") << QStringLiteral("staging") << LintRule::plaintextSecret()
            << QStringList{QStringLiteral("warning .env.staging:3:13 -"),          // DB_PASSWORD=hunter22-staging
                           QStringLiteral("warning .env.staging:5:16 -"),          // export API_KEY=abc123-staging
                           QStringLiteral("warning .env.staging:7:14 -"),          // SINGLE_TOKEN='literal$dollar'
                           QStringLiteral("warning .env.staging:9:19 -"),          // POSTGRES_PASSWORD="pg-staging-pass"
                           QStringLiteral("warning compose.yaml:8:30 db"),         // REPLICATION_PASSWORD: "replication-literal"
                           QStringLiteral("warning compose.yaml:12:36 grafana"),   // - GF_SECURITY_ADMIN_PASSWORD=admin-literal
                           QStringLiteral("warning compose.yaml:16:24 grafana")};  // - WEBHOOK_SECRET=$$literal-dollar
        QTest::newRow("plaintext-secret, dev: infos")
            << QStringLiteral("plaintext-secret") << QStringLiteral("dev") << LintRule::plaintextSecret()
            << QStringList{QStringLiteral("info .env.dev:1:19 -"), QStringLiteral("info compose.yaml:8:30 db"),
                           QStringLiteral("info compose.yaml:12:36 grafana"), QStringLiteral("info compose.yaml:16:24 grafana")};
        QTest::newRow("plaintext-secret, both: the highest severity")
            << QStringLiteral("plaintext-secret") << QString() << LintRule::plaintextSecret()
            << QStringList{QStringLiteral("info .env.dev:1:19 -"),           QStringLiteral("warning .env.staging:3:13 -"),
                           QStringLiteral("warning .env.staging:5:16 -"),    QStringLiteral("warning .env.staging:7:14 -"),
                           QStringLiteral("warning .env.staging:9:19 -"),    QStringLiteral("warning compose.yaml:8:30 db"),
                           QStringLiteral("warning compose.yaml:12:36 grafana"), QStringLiteral("warning compose.yaml:16:24 grafana")};
        QTest::newRow("image-latest")
            << QStringLiteral("image-latest") << QString() << LintRule::imageLatest()
            << QStringList{QStringLiteral("warning compose.yaml:4:12 latest"),          // nginx:latest
                           QStringLiteral("warning compose.yaml:6:12 untagged"),        // redis
                           QStringLiteral("warning compose.yaml:8:12 registry-port")};  // registry.example.com:5000/team/api
        QTest::newRow("healthcheck-missing")
            << QStringLiteral("healthcheck-missing") << QString() << LintRule::healthcheckMissing()
            << QStringList{QStringLiteral("error compose.yaml:3:3 db"),      // none at all
                           QStringLiteral("error compose.yaml:8:7 cache"),   // disable: true
                           QStringLiteral("error compose.yaml:12:7 queue")}; // test: ["NONE"]
        QTest::newRow("depends-on-cycle")
            << QStringLiteral("depends-on-cycle") << QString() << LintRule::dependsOnCycle()
            << QStringList{QStringLiteral("error compose.yaml:5:18 a")};
        QTest::newRow("resources-missing")
            << QStringLiteral("resources-missing") << QString() << LintRule::resourcesMissing()
            << QStringList{QStringLiteral("warning compose.yaml:14:5 memory-only"), QStringLiteral("warning compose.yaml:17:3 bare"),
                           QStringLiteral("warning compose.yaml:28:3 init-forever")};
        QTest::newRow("database-port-public")
            << QStringLiteral("database-port-public") << QString() << LintRule::databasePortPublic()
            << QStringList{QStringLiteral("warning compose.yaml:6:9 postgres"),     QStringLiteral("warning compose.yaml:11:9 mysql"),
                           QStringLiteral("warning compose.yaml:15:9 mongo"),       QStringLiteral("warning compose.yaml:20:9 redis"),
                           QStringLiteral("warning compose.yaml:24:9 chroma"),      QStringLiteral("warning compose.yaml:32:9 es"),
                           QStringLiteral("warning compose.yaml:40:9 flow"),        QStringLiteral("warning compose.yaml:44:9 variable"),
                           QStringLiteral("warning compose.yaml:48:9 dynamic-host")};
        QTest::newRow("debug-outside-dev, staging")
            << QStringLiteral("debug-outside-dev") << QStringLiteral("staging") << LintRule::debugOutsideDev()
            << QStringList{QStringLiteral("warning .env.staging:3:11 -"),     // APP_DEBUG=true, through ${APP_DEBUG:-false}
                           QStringLiteral("warning app.env:1:13 -"),          // FLASK_DEBUG=1 (env_file of api and web)
                           QStringLiteral("warning compose.yaml:7:18 api"),   // LOG_LEVEL: DEBUG
                           QStringLiteral("warning compose.yaml:14:18 web"),  // - NODE_ENV=development
                           QStringLiteral("warning compose.yaml:15:32 web")}; // - ENABLE_DEBUG_ENDPOINTS=true
        QTest::newRow("debug-outside-dev, dev: none")
            << QStringLiteral("debug-outside-dev") << QStringLiteral("dev") << LintRule::debugOutsideDev() << QStringList{};
        QTest::newRow("variable-undefined")
            << QStringLiteral("variable-undefined") << QString() << LintRule::variableUndefined()
            << QStringList{QStringLiteral("warning .env:2:15 -"),              // FROM_ENV_FILE=${NOT_SET_IN_ENV}
                           QStringLiteral("warning compose.yaml:7:10 app"),    // B: ${MISSING_ONE} (and E)
                           QStringLiteral("warning compose.yaml:8:18 app"),    // C: "prefix-$MISSING_TWO-suffix"
                           QStringLiteral("warning compose.yaml:16:41 other")}; // "${MISSING_THREE}" after "$$MISSING_ONE"
        QTest::newRow("secret-reused, every environment")
            << QStringLiteral("secret-reused") << QString() << LintRule::secretReused()
            << QStringList{QStringLiteral("warning .env.staging:1:13 -"),                 // DB_PASSWORD as in dev
                           QStringLiteral("warning compose.production.yaml:5:35 grafana")}; // staging's API_TOKEN
        QTest::newRow("secret-reused, dev against the others")
            << QStringLiteral("secret-reused") << QStringLiteral("dev") << LintRule::secretReused()
            << QStringList{QStringLiteral("warning .env.dev:1:13 -")};
        QTest::newRow("secret-reused, staging against the others")
            << QStringLiteral("secret-reused") << QStringLiteral("staging") << LintRule::secretReused()
            << QStringList{QStringLiteral("warning .env.staging:1:13 -"), QStringLiteral("warning .env.staging:2:11 -")};
        QTest::newRow("secret-reused, production against the others")
            << QStringLiteral("secret-reused") << QStringLiteral("production") << LintRule::secretReused()
            << QStringList{QStringLiteral("warning compose.production.yaml:5:35 grafana")};
        for (const LintRule &rule : LintRule::all()) {
            QTest::addRow("clean: no %s", qPrintable(rule.name)) << QStringLiteral("clean") << QString() << rule.name << QStringList{};
        }
    }
    void rule()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, environment);
        QFETCH(QString, rule);
        QFETCH(QStringList, expected);

        const QString directory = FixtureRoot + u'/' + fixture;
        const Linted linted = lint(directory, environment);
        const Diagnostics findings = ofRule(linted.findings, rule);
        QCOMPARE(describe(findings, directory), expected);
        for (const Diagnostic &d : findings) {
            QVERIFY2(!d.message.isEmpty() && !d.hint.isEmpty(), qPrintable(d.toString()));
            QVERIFY(QFileInfo(d.location.file).isAbsolute());
        }
    }

    void cleanProjectHasNoFindings()
    {
        const Linted linted = lint(FixtureRoot + QStringLiteral("/clean"));
        for (const Diagnostic &d : linted.findings)
            qWarning("%s [%s]", qPrintable(d.toString()), qPrintable(d.rule));
        QVERIFY(linted.findings.isEmpty());
    }

    void messagesNameTheOtherPlaces()
    {
        const Diagnostics reused = ofRule(lint(FixtureRoot + QStringLiteral("/secret-reused")).findings, LintRule::secretReused());
        QCOMPARE(reused.size(), 2);
        QCOMPARE(reused.at(0).message, QStringLiteral("the secret DB_PASSWORD has the same value in staging (here) and dev (.env.dev:1)"));
        QCOMPARE(reused.at(1).message,
                 QStringLiteral("the secret GF_SECURITY_ADMIN_PASSWORD has the same value in production (here) as API_TOKEN in staging "
                                "(.env.staging:2)"));

        const Diagnostics health = ofRule(lint(FixtureRoot + QStringLiteral("/healthcheck-missing")).findings, LintRule::healthcheckMissing());
        QVERIFY2(health.first().message.contains(QStringLiteral("'api', 'worker' wait for it")), qPrintable(health.first().message));
        QVERIFY2(health.first().message.contains(QStringLiteral("compose.yaml:22, compose.yaml:30")), qPrintable(health.first().message));

        const Diagnostics cycle = ofRule(lint(FixtureRoot + QStringLiteral("/depends-on-cycle")).findings, LintRule::dependsOnCycle());
        QVERIFY2(cycle.first().message.contains(QStringLiteral("a -> b -> c -> a")), qPrintable(cycle.first().message));

        const Diagnostics undefined = ofRule(lint(FixtureRoot + QStringLiteral("/variable-undefined")).findings, LintRule::variableUndefined());
        QVERIFY2(undefined.at(1).message.contains(QStringLiteral("${MISSING_ONE}")) && undefined.at(1).message.contains(QStringLiteral("1 more place")),
                 qPrintable(undefined.at(1).message));

        const Diagnostics debug = ofRule(lint(FixtureRoot + QStringLiteral("/debug-outside-dev"), QStringLiteral("staging")).findings,
                                         LintRule::debugOutsideDev());
        QVERIFY2(debug.at(1).message.contains(QStringLiteral("services 'api', 'web'")), qPrintable(debug.at(1).message));
    }

    void lintEnvironmentAlone()
    {
        // The GUI's entry point: one environment, no secret-reused, an environment that failed to load still linted.
        const ProjectLoadResult loaded = ProjectLoader::load(FixtureRoot + QStringLiteral("/depends-on-cycle"));
        QVERIFY(loaded.project);
        const ResolvedEnvironment resolved = EnvironmentResolver(testShell()).resolve(*loaded.project, QStringLiteral("default"));
        QVERIFY(!resolved.ok()); // the loader rejects the cycle
        const Diagnostics findings = Linter(testShell()).lintEnvironment(*loaded.project, resolved);
        QCOMPARE(ofRule(findings, LintRule::dependsOnCycle()).size(), 1);

        const ProjectLoadResult secrets = ProjectLoader::load(FixtureRoot + QStringLiteral("/plaintext-secret"));
        QVERIFY(secrets.project);
        ResolvedEnvironment broken;
        broken.environment = QStringLiteral("staging"); // no model: only the env-file and compose-file rules
        const Diagnostics partial = Linter(testShell()).lintEnvironment(*secrets.project, broken);
        QCOMPARE(ofRule(partial, LintRule::plaintextSecret()).size(), 7);
        QVERIFY(ofRule(partial, LintRule::secretReused()).isEmpty());
        QVERIFY(ofRule(partial, LintRule::resourcesMissing()).isEmpty());
    }

    void helpers_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::newRow("postgres") << QStringLiteral("postgres:15") << 5432 << QStringLiteral("PostgreSQL");
        QTest::newRow("bitnami") << QStringLiteral("docker.io/bitnami/postgresql:16") << 5432 << QStringLiteral("PostgreSQL");
        QTest::newRow("demo image") << QStringLiteral("stagehand-demo/postgres:15") << 5432 << QStringLiteral("PostgreSQL");
        QTest::newRow("postgres, other port") << QStringLiteral("postgres:15") << 8080 << QString();
        QTest::newRow("mariadb") << QStringLiteral("mariadb:11") << 3306 << QStringLiteral("MySQL");
        QTest::newRow("mongo") << QStringLiteral("mongo@sha256:abc") << 27017 << QStringLiteral("MongoDB");
        QTest::newRow("redis") << QStringLiteral("redis:7-alpine") << 6379 << QStringLiteral("Redis");
        QTest::newRow("redis exporter") << QStringLiteral("oliver006/redis_exporter:v1") << 9121 << QString();
        QTest::newRow("redis-commander on 6379?") << QStringLiteral("rediscommander/redis-commander") << 8081 << QString();
        QTest::newRow("sql server") << QStringLiteral("mcr.microsoft.com/mssql/server:2022-latest") << 1433 << QStringLiteral("SQL Server");
        QTest::newRow("chroma") << QStringLiteral("chromadb/chroma:latest") << 8000 << QStringLiteral("Chroma");
        QTest::newRow("nginx on 8000") << QStringLiteral("nginx:1.27") << 8000 << QString();
        QTest::newRow("elasticsearch") << QStringLiteral("docker.elastic.co/elasticsearch/elasticsearch:8.14.0") << 9200
                                       << QStringLiteral("Elasticsearch");
        QTest::newRow("couchdb") << QStringLiteral("couchdb:3") << 5984 << QStringLiteral("CouchDB");
    }
    void helpers()
    {
        QFETCH(QString, image);
        QFETCH(int, port);
        QFETCH(QString, database);
        QCOMPARE(DatabasePorts::databaseFor(image, port), database);
    }

    void floatingTags()
    {
        QCOMPARE(ServiceRules::floatingTag(QStringLiteral("nginx:latest")), std::optional<QString>(QStringLiteral("latest")));
        QCOMPARE(ServiceRules::floatingTag(QStringLiteral("nginx")), std::optional<QString>(QString()));
        QCOMPARE(ServiceRules::floatingTag(QStringLiteral("localhost:5000/nginx")), std::optional<QString>(QString()));
        QCOMPARE(ServiceRules::floatingTag(QStringLiteral("nginx:1.27")), std::nullopt);
        QCOMPARE(ServiceRules::floatingTag(QStringLiteral("nginx@sha256:0123")), std::nullopt);
        QCOMPARE(ServiceRules::floatingTag(QStringLiteral("nginx:latest@sha256:0123")), std::nullopt);
    }

    void debugSettings_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("debug");
        QTest::newRow("APP_DEBUG=true") << QStringLiteral("APP_DEBUG") << QStringLiteral("true") << true;
        QTest::newRow("APP_DEBUG=false") << QStringLiteral("APP_DEBUG") << QStringLiteral("false") << false;
        QTest::newRow("DEBUG=1") << QStringLiteral("DEBUG") << QStringLiteral("1") << true;
        QTest::newRow("DEBUG=0") << QStringLiteral("DEBUG") << QStringLiteral("0") << false;
        QTest::newRow("FLASK_DEBUG=1") << QStringLiteral("FLASK_DEBUG") << QStringLiteral("1") << true;
        QTest::newRow("ENABLE_DEBUG_ENDPOINTS=true") << QStringLiteral("ENABLE_DEBUG_ENDPOINTS") << QStringLiteral("true") << true;
        QTest::newRow("LOG_LEVEL=DEBUG") << QStringLiteral("LOG_LEVEL") << QStringLiteral("DEBUG") << true;
        QTest::newRow("LOG_LEVEL=INFO") << QStringLiteral("LOG_LEVEL") << QStringLiteral("INFO") << false;
        QTest::newRow("RUST_LOG=trace") << QStringLiteral("RUST_LOG") << QStringLiteral("trace") << true;
        QTest::newRow("NODE_ENV=development") << QStringLiteral("NODE_ENV") << QStringLiteral("development") << true;
        QTest::newRow("NODE_ENV=production") << QStringLiteral("NODE_ENV") << QStringLiteral("production") << false;
        QTest::newRow("APP_ENV=staging") << QStringLiteral("APP_ENV") << QStringLiteral("staging") << false;
        QTest::newRow("DEBUG_LOG_LEVEL=info") << QStringLiteral("DEBUG_LOG_LEVEL") << QStringLiteral("info") << false;
    }
    void debugSettings()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(bool, debug);
        QCOMPARE(!ServiceRules::debugSetting(name, value).isEmpty(), debug);
    }

    // ---- the seed example (resources/examples/piper-staging) ----------------------------------------

    void seedPlaintextSecrets()
    {
        const Linted linted = lint(SeedDir, QStringLiteral("staging"));
        // The four secrets of the ADR's .env.staging, its GRAFANA_ADMIN_PASSWORD, and Grafana's admin password in the compose file.
        QCOMPARE(describe(ofRule(linted.findings, LintRule::plaintextSecret()), SeedDir),
                 QStringList({QStringLiteral("warning .env.staging:27:19 -"), QStringLiteral("warning .env.staging:28:16 -"),
                              QStringLiteral("warning .env.staging:29:12 -"), QStringLiteral("warning .env.staging:30:16 -"),
                              QStringLiteral("warning .env.staging:31:24 -"),
                              QStringLiteral("warning docker-compose.staging.yml:256:36 grafana-staging")}));
        QStringList names;
        for (const Diagnostic &d : ofRule(linted.findings, LintRule::plaintextSecret()))
            names.append(d.message.section(u' ', 0, 0));
        QCOMPARE(names, QStringList({QStringLiteral("POSTGRES_PASSWORD"), QStringLiteral("REDIS_PASSWORD"), QStringLiteral("SECRET_KEY"),
                                     QStringLiteral("JWT_SECRET_KEY"), QStringLiteral("GRAFANA_ADMIN_PASSWORD"),
                                     QStringLiteral("GF_SECURITY_ADMIN_PASSWORD")}));
    }

    void seedLatestImages()
    {
        QCOMPARE(describe(ofRule(lint(SeedDir, QStringLiteral("staging")).findings, LintRule::imageLatest()), SeedDir),
                 QStringList({QStringLiteral("warning docker-compose.staging.yml:67:12 chromadb-staging"),
                              QStringLiteral("warning docker-compose.staging.yml:95:12 temporal-staging"),
                              QStringLiteral("warning docker-compose.staging.yml:223:12 prometheus-staging"),
                              QStringLiteral("warning docker-compose.staging.yml:254:12 grafana-staging")}));
        QCOMPARE(describe(ofRule(lint(SeedDir, QStringLiteral("dev")).findings, LintRule::imageLatest()), SeedDir),
                 QStringList({QStringLiteral("warning docker-compose.dev.yml:41:12 chromadb"),
                              QStringLiteral("warning docker-compose.dev.yml:53:12 temporal")}));
    }

    void seedPublicDatabasePorts()
    {
        const Linted linted = lint(SeedDir, QStringLiteral("staging"));
        const Diagnostics ports = ofRule(linted.findings, LintRule::databasePortPublic());
        QCOMPARE(describe(ports, SeedDir),
                 QStringList({QStringLiteral("warning docker-compose.staging.yml:18:9 postgres-staging"),   // "5434:5432"
                              QStringLiteral("warning docker-compose.staging.yml:44:9 redis-staging"),      // "6380:6379"
                              QStringLiteral("warning docker-compose.staging.yml:72:9 chromadb-staging")})); // "8001:8000"
        QVERIFY(ports.first().message.contains(QStringLiteral("PostgreSQL port 5432 on host port 5434")));
    }

    void seedOtherRules()
    {
        const Linted linted = lint(SeedDir);
        QVERIFY(!hasErrors(linted.findings)); // every service_healthy target has a healthcheck; no cycle
        // staging and production share .env.staging: its five secrets are shared.
        QCOMPARE(describe(ofRule(linted.findings, LintRule::secretReused()), SeedDir),
                 QStringList({QStringLiteral("warning .env.staging:27:19 -"), QStringLiteral("warning .env.staging:28:16 -"),
                              QStringLiteral("warning .env.staging:29:12 -"), QStringLiteral("warning .env.staging:30:16 -"),
                              QStringLiteral("warning .env.staging:31:24 -")}));
        // APP_DEBUG=true, LOG_LEVEL=DEBUG and ENABLE_DEBUG_ENDPOINTS=true are in .env.dev only.
        QVERIFY(ofRule(linted.findings, LintRule::debugOutsideDev()).isEmpty());
        QVERIFY(ofRule(linted.findings, LintRule::variableUndefined()).isEmpty());
        // dev's services have no limits (infos there); staging's all have them.
        const Diagnostics resources = ofRule(linted.findings, LintRule::resourcesMissing());
        QCOMPARE(resources.size(), 5);
        for (const Diagnostic &d : resources) {
            QCOMPARE(d.severity, Diagnostic::Severity::Info);
            QCOMPARE(QFileInfo(d.location.file).fileName(), QStringLiteral("docker-compose.dev.yml"));
        }
    }

    // ---- the demo (resources/examples/demo) ---------------------------------------------------------

    void demoHasOnlyItsDemoPasswords()
    {
        const Linted linted = lint(DemoDir);
        QStringList expected;
        for (const QString &environment : {QStringLiteral("dev"), QStringLiteral("production"), QStringLiteral("staging")}) {
            const QString severity = environment == QLatin1String("dev") ? QStringLiteral("info") : QStringLiteral("warning");
            for (const QString &at : {QStringLiteral("28:19"), QStringLiteral("29:16"), QStringLiteral("30:12"), QStringLiteral("31:16")})
                expected.append(QStringLiteral("%1 .env.%2:%3 -").arg(severity, environment, at));
        }
        QCOMPARE(describe(linted.findings, DemoDir), expected);
        for (const Diagnostic &d : linted.findings)
            QCOMPARE(d.rule, LintRule::plaintextSecret());
    }

    // ---- fixes ------------------------------------------------------------------------------------------

    void databasePortFixes_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::newRow("short") << QStringLiteral("postgres") << 6 << 10 << QStringLiteral("5432:5432") << QStringLiteral("127.0.0.1:5432:5432");
        QTest::newRow("short, 0.0.0.0") << QStringLiteral("mysql") << 11 << 9 << QStringLiteral("0.0.0.0:3306:3306")
                                        << QStringLiteral("127.0.0.1:3306:3306");
        QTest::newRow("long, block") << QStringLiteral("mongo") << 15 << 9 << QString() << QStringLiteral("host_ip: 127.0.0.1\n        ");
        QTest::newRow("long, host_ip") << QStringLiteral("redis") << 20 << 51 << QStringLiteral("0.0.0.0") << QStringLiteral("127.0.0.1");
        QTest::newRow("container port only") << QStringLiteral("chroma") << 24 << 10 << QStringLiteral("8000") << QStringLiteral("127.0.0.1::8000");
        QTest::newRow("ipv6 any") << QStringLiteral("es") << 32 << 10 << QStringLiteral("[::]:9200:9200") << QStringLiteral("127.0.0.1:9200:9200");
        QTest::newRow("long, flow") << QStringLiteral("flow") << 40 << 10 << QString() << QStringLiteral("host_ip: 127.0.0.1, ");
        QTest::newRow("variable host port") << QStringLiteral("variable") << 44 << 10 << QStringLiteral("${PG_PORT:-25432}:5432")
                                            << QStringLiteral("127.0.0.1:${PG_PORT:-25432}:5432");
        QTest::newRow("variable host address: none") << QStringLiteral("dynamic-host") << 0 << 0 << QString() << QString();
    }
    void databasePortFixes()
    {
        QFETCH(QString, service);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, oldText);
        QFETCH(QString, newText);

        const QString directory = FixtureRoot + QStringLiteral("/database-port-public");
        const Linted linted = lint(directory);
        const ComposeModel &model = *linted.environments.value(QStringLiteral("default")).model;
        std::optional<LintFix> fix;
        for (const Diagnostic &d : ofRule(linted.findings, LintRule::databasePortPublic())) {
            if (d.service == service)
                fix = LintFixer::fixFor(d, model);
        }
        if (line == 0) {
            QVERIFY(!fix);
            return;
        }
        QVERIFY(fix);
        QCOMPARE(fix->file, directory + QStringLiteral("/compose.yaml"));
        QCOMPARE(fix->line, line);
        QCOMPARE(fix->column, column);
        QCOMPARE(fix->oldText, oldText);
        QCOMPARE(fix->newText, newText);
        QVERIFY(fix->description.contains(QStringLiteral("127.0.0.1")));
    }

    void fixesAppliedToACopy()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QString copy = temp.filePath(QStringLiteral("project"));
        QVERIFY(copyDirectory(FixtureRoot + QStringLiteral("/database-port-public"), copy));
        const Linted linted = lint(copy);
        const QList<LintFix> fixes = fixesOf(linted);
        QCOMPARE(fixes.size(), 8);
        QString error;
        QVERIFY2(LintFixer::write(fixes, &error), qPrintable(error));
        QCOMPARE(QString::fromUtf8(readBytes(copy + QStringLiteral("/compose.yaml"))),
                 QString::fromUtf8(readBytes(copy + QStringLiteral("/compose.fixed.yaml"))));
        // Fixed: only the entry with a variable host address is left (one line lower: mongo got host_ip on a line of its own).
        QCOMPARE(describe(ofRule(lint(copy).findings, LintRule::databasePortPublic()), copy),
                 QStringList{QStringLiteral("warning compose.yaml:49:9 dynamic-host")}); // a line was added above it
    }

    void seedFixBindsToLoopback()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QString copy = temp.filePath(QStringLiteral("piper-staging"));
        QVERIFY(copyDirectory(SeedDir, copy));
        const Linted linted = lint(copy, QStringLiteral("staging"));
        const QList<LintFix> fixes = fixesOf(linted);
        QCOMPARE(fixes.size(), 3);
        QVERIFY(LintFixer::write(fixes));
        const QString text = QString::fromUtf8(readBytes(copy + QStringLiteral("/docker-compose.staging.yml")));
        const QStringList lines = text.split(u'\n');
        QCOMPARE(lines.at(17), QStringLiteral(R"(      - "127.0.0.1:5434:5432"   # Isolated from development (5433))"));
        QCOMPARE(lines.at(43), QStringLiteral(R"(      - "127.0.0.1:6380:6379")"));
        QCOMPARE(lines.at(71), QStringLiteral(R"(      - "127.0.0.1:8001:8000"   # ChromaDB: 8001 (see Port Allocation Strategy))"));
        // Nothing else changed.
        QString original = QString::fromUtf8(readBytes(SeedDir + QStringLiteral("/docker-compose.staging.yml")));
        original.replace(QStringLiteral("\"5434:5432\""), QStringLiteral("\"127.0.0.1:5434:5432\""));
        original.replace(QStringLiteral("\"6380:6379\""), QStringLiteral("\"127.0.0.1:6380:6379\""));
        original.replace(QStringLiteral("\"8001:8000\""), QStringLiteral("\"127.0.0.1:8001:8000\""));
        QCOMPARE(text, original);
        QVERIFY(ofRule(lint(copy, QStringLiteral("staging")).findings, LintRule::databasePortPublic()).isEmpty());
    }

    void fixRefusesAChangedFile()
    {
        LintFix fix;
        fix.file = QStringLiteral("compose.yaml");
        fix.line = 2;
        fix.column = 10;
        fix.oldText = QStringLiteral("5432:5432");
        fix.newText = QStringLiteral("127.0.0.1:5432:5432");
        QByteArray content("ports:\n      - \"5432:5432\"\n");
        QString error;
        QVERIFY2(LintFixer::apply(fix, content, &error), qPrintable(error));
        QCOMPARE(content, QByteArray("ports:\n      - \"127.0.0.1:5432:5432\"\n"));
        QVERIFY(!LintFixer::apply(fix, content, &error)); // already applied: the old text is gone
        QVERIFY(error.contains(QStringLiteral("no longer holds")));
    }

    void onlySafeFixes()
    {
        // image-latest, plaintext-secret, ...: no fix (the tag or the secret's home cannot be known).
        const Linted linted = lint(SeedDir, QStringLiteral("staging"));
        const ComposeModel &model = *linted.environments.value(QStringLiteral("staging")).model;
        for (const Diagnostic &d : linted.findings) {
            if (d.rule != LintRule::databasePortPublic())
                QVERIFY2(!LintFixer::fixFor(d, model), qPrintable(d.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestLint)
#include "tst_lint.moc"
