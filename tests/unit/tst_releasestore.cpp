// The Stagehand store (Database) and the releases kept in it (ReleaseStore, ReleaseJson), and
// `stagehand-cli releases` through the real binary on a store filled here.

#include "CliRunner.h"

#include "compose/ComposeJson.h"
#include "deploy/Release.h"
#include "deploy/ReleaseJson.h"
#include "deploy/ReleaseStore.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace stagehand;
using stagehand::test::CliResult;
using stagehand::test::CliRunner;

namespace {

const QString DemoDir = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");
// Values of resources/examples/demo/.env.dev.
const QString PostgresPassword = QStringLiteral("dev_pg_password_2025");
const QString RedisPassword = QStringLiteral("dev_redis_password_2025");
const QString JwtSecret = QStringLiteral("dev_jwt_secret_2025");

int modeOf(const QString &path)
{
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return -1;
    return int(status.st_mode & 07777);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

ServiceRelease serviceRelease(const QString &name, const QString &action, const QString &tag = {})
{
    ServiceRelease s;
    s.service = name;
    s.image = QStringLiteral("stagehand-demo/%1:1").arg(name);
    s.imageId = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    s.releaseTag = tag;
    s.configHash = QString(64, QLatin1Char('c'));
    s.action = action;
    s.durationMs = 1234;
    s.outcome = QStringLiteral("ready");
    return s;
}

Release release(const QString &project, const QString &environment)
{
    Release r;
    r.project = project;
    r.environment = environment;
    r.composeProject = project + QLatin1Char('-') + environment;
    r.envFileHash = QString(64, QLatin1Char('e'));
    r.engine = QStringLiteral("unix:///var/run/docker.sock");
    r.configuration = QJsonObject{{QStringLiteral("name"), r.composeProject}};
    return r;
}

// The demo's dev environment, resolved as a deploy would see it (the env file's values, not the shell's).
ResolvedEnvironment demoDev()
{
    const ProjectLoadResult loaded = ProjectLoader::load(DemoDir);
    if (!loaded.project)
        return {};
    return EnvironmentResolver(QProcessEnvironment()).resolve(*loaded.project, QStringLiteral("dev"));
}

// The resolved demo with more places a secret hides: a build arg, a healthcheck, a URL, a label, a
// top-level secret's content.
QJsonObject demoConfigurationWithExtras(const ResolvedEnvironment &resolved)
{
    QJsonObject document = ComposeJson::toJson(*resolved.model);
    QJsonObject services = document.value(QLatin1String("services")).toObject();
    QJsonObject api = services.value(QLatin1String("api")).toObject();
    api.insert(QStringLiteral("build"), QJsonObject{{QStringLiteral("context"), QStringLiteral(".")},
                                                    {QStringLiteral("args"), QJsonObject{{QStringLiteral("NPM_TOKEN"), QStringLiteral("npm_build_token_xyz")},
                                                                                         {QStringLiteral("NODE_VERSION"), QStringLiteral("20")}}}});
    QJsonObject environment = api.value(QLatin1String("environment")).toObject();
    environment.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("postgres://demo:%1@postgres:5432/demo_dev").arg(PostgresPassword));
    environment.insert(QStringLiteral("FEATURE_AUTH_ENABLED"), QStringLiteral("true"));
    api.insert(QStringLiteral("environment"), environment);
    api.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("io.example.dsn"), QStringLiteral("redis://:%1@redis").arg(RedisPassword)}});
    services.insert(QStringLiteral("api"), api);
    QJsonObject redis = services.value(QLatin1String("redis")).toObject();
    redis.insert(QStringLiteral("command"), QJsonArray{QStringLiteral("redis-server"), QStringLiteral("--requirepass"), RedisPassword});
    services.insert(QStringLiteral("redis"), redis);
    document.insert(QStringLiteral("services"), services);
    document.insert(QStringLiteral("secrets"),
                    QJsonObject{{QStringLiteral("tls_key"), QJsonObject{{QStringLiteral("name"), QStringLiteral("demo_tls_key")},
                                                                         {QStringLiteral("content"), QStringLiteral("-----BEGIN KEY----- inline_key_material")}}},
                                {QStringLiteral("api_token"), QJsonObject{{QStringLiteral("name"), QStringLiteral("demo_api_token")},
                                                                           {QStringLiteral("environment"), QStringLiteral("DEPLOY_HOOK")}}}});
    return document;
}

const QStringList &plaintextSecrets()
{
    static const QStringList secrets{PostgresPassword, RedisPassword, JwtSecret, QStringLiteral("dev_secret_key_2025"),
                                     QStringLiteral("npm_build_token_xyz"), QStringLiteral("inline_key_material"),
                                     QStringLiteral("hook_value_from_env")};
    return secrets;
}

// The docker reference grammar for a repository path and a tag (distribution/reference).
const QRegularExpression &releaseTagPattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        "^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*:[\\w][\\w.-]{0,127}$"));
    return pattern;
}

} // namespace

class TestReleaseStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QTemporaryDir m_home;
    int m_stores = 0;

    // A fresh, not yet existing store directory, made the default with STAGEHAND_DATA_DIR.
    QString freshStoreDir()
    {
        const QString dir = m_root.filePath(QStringLiteral("store-%1/data").arg(++m_stores));
        qputenv("STAGEHAND_DATA_DIR", QFile::encodeName(dir));
        return dir;
    }

    CliResult cli(const QStringList &arguments, const QString &dataDir) const
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        environment.insert(QStringLiteral("HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path()); // the CLI's log file
        environment.insert(QStringLiteral("STAGEHAND_DATA_DIR"), dataDir);
        return CliRunner::run(QStringList{QStringLiteral("releases")} + arguments, environment);
    }

    static void setUserVersion(const QString &path, int version)
    {
        const QString name = QStringLiteral("raw-%1").arg(version);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=%1").arg(version)));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        QVERIFY(m_home.isValid());
        QVERIFY(QFileInfo::exists(QStringLiteral(STAGEHAND_CLI_PATH)));
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "Qt's SQLite driver (libqt6sql6-sqlite) is missing");
    }

    void cleanupTestCase() { qunsetenv("STAGEHAND_DATA_DIR"); }

    void defaultPath()
    {
        const QString dir = freshStoreDir();
        QCOMPARE(Database::defaultPath(), dir + QStringLiteral("/stagehand.sqlite"));
        qunsetenv("STAGEHAND_DATA_DIR");
        QCOMPARE(Database::defaultPath(), QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                                              + QStringLiteral("/stagehand/stagehand.sqlite"));
    }

    void createdPrivate()
    {
        const QString dir = freshStoreDir();
        Database db;
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QCOMPARE(db.path(), dir + QStringLiteral("/stagehand.sqlite"));
        QCOMPARE(modeOf(dir), 0700);
        QCOMPARE(modeOf(db.path()), 0600);
        // The journal files SQLite makes beside it take the file's mode.
        ReleaseStore store(db);
        QVERIFY2(store.begin(release(QStringLiteral("p"), QStringLiteral("dev")), &error), qPrintable(error));
        if (QFileInfo::exists(db.path() + QStringLiteral("-wal")))
            QCOMPARE(modeOf(db.path() + QStringLiteral("-wal")), 0600);
        QSqlQuery mode(db.connection());
        QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
        QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
    }

    void existingLooseFileMadePrivate()
    {
        const QString dir = freshStoreDir();
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/stagehand.sqlite");
        QVERIFY(writeFile(path, {}));
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        Database db;
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QCOMPARE(modeOf(path), 0600);
    }

    void migratesAnEmptyFile()
    {
        const QString dir = freshStoreDir();
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/stagehand.sqlite");
        QVERIFY(writeFile(path, {}));
        QCOMPARE(QFileInfo(path).size(), 0);

        Database db;
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(Database::latestSchemaVersion() >= 1);
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), Database::latestSchemaVersion());
        QVERIFY(query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
        QStringList tables;
        while (query.next())
            tables.append(query.value(0).toString());
        QCOMPARE(tables, QStringList({QStringLiteral("release_services"), QStringLiteral("releases")}));
        query.finish();

        // Opening again applies nothing and keeps what is there.
        ReleaseStore store(db);
        QVERIFY2(store.begin(release(QStringLiteral("p"), QStringLiteral("dev")), &error), qPrintable(error));
        db.close();
        Database again;
        QVERIFY2(again.open(&error), qPrintable(error));
        QCOMPARE(ReleaseStore(again).list(QStringLiteral("p"), QStringLiteral("dev")).size(), 1);
    }

    void uniqueConnections()
    {
        freshStoreDir();
        Database a;
        Database b;
        QVERIFY(a.connectionName() != b.connectionName());
        QString error;
        QVERIFY2(a.open(&error), qPrintable(error));
        QVERIFY2(b.open(&error), qPrintable(error));
        ReleaseStore storeA(a);
        ReleaseStore storeB(b);
        QVERIFY(storeA.begin(release(QStringLiteral("p"), QStringLiteral("dev")), &error));
        QVERIFY(storeB.begin(release(QStringLiteral("p"), QStringLiteral("dev")), &error));
        QCOMPARE(storeA.list(QStringLiteral("p"), QStringLiteral("dev")).size(), 2);
        QCOMPARE(storeB.list(QStringLiteral("p"), QStringLiteral("dev")).first().number, 2);
    }

    void newerSchemaIsRefusedAndUntouched()
    {
        const QString dir = freshStoreDir();
        QString path;
        {
            Database db;
            QString error;
            QVERIFY2(db.open(&error), qPrintable(error));
            path = db.path();
            QVERIFY(ReleaseStore(db).begin(release(QStringLiteral("p"), QStringLiteral("dev")), &error));
        }
        setUserVersion(path, Database::latestSchemaVersion() + 1);
        const QByteArray before = readAll(path);
        QVERIFY(!before.isEmpty());

        Database db;
        QString error;
        QVERIFY(!db.open(&error));
        QVERIFY(!db.isOpen());
        QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("schema version %1").arg(Database::latestSchemaVersion() + 1)), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(readAll(path), before);

        // Through the CLI: exit 2 with the reason, the file still untouched.
        const CliResult result = cli({QStringLiteral("-p"), DemoDir, QStringLiteral("-e"), QStringLiteral("dev")}, dir);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("newer")), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
        QCOMPARE(readAll(path), before);
    }

    void notADatabaseIsRefusedAndUntouched()
    {
        const QString dir = freshStoreDir();
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/stagehand.sqlite");
        const QByteArray garbage = QByteArray("this is not a database, but someone's notes\n").repeated(200);
        QVERIFY(writeFile(path, garbage));
        Database db;
        QString error;
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(readAll(path), garbage);
    }

    void unopenableLocations()
    {
        // STAGEHAND_DATA_DIR naming a file.
        const QString file = m_root.filePath(QStringLiteral("a-file"));
        QVERIFY(writeFile(file, "x"));
        qputenv("STAGEHAND_DATA_DIR", QFile::encodeName(file));
        Database db;
        QString error;
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(QStringLiteral("not a directory")), qPrintable(error));
        QCOMPARE(readAll(file), QByteArray("x"));

        // A read-only directory (root writes anyway: nothing to check then).
        if (::geteuid() == 0)
            return;
        const QString readOnly = m_root.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(readOnly));
        QVERIFY(::chmod(QFile::encodeName(readOnly).constData(), 0500) == 0);
        qputenv("STAGEHAND_DATA_DIR", QFile::encodeName(readOnly));
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(readOnly), qPrintable(error));
        ::chmod(QFile::encodeName(readOnly).constData(), 0700);
    }

    void roundTrip()
    {
        freshStoreDir();
        Database db;
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        ReleaseStore store(db);

        Release r = release(QStringLiteral("demo"), QStringLiteral("dev"));
        r.services = {serviceRelease(QStringLiteral("postgres"), QStringLiteral("created"))};
        r.stagehandVersion = QStringLiteral("9.9.9");
        const std::optional<Release> begun = store.begin(r, &error);
        QVERIFY2(begun, qPrintable(error));
        QVERIFY(begun->id > 0);
        QCOMPARE(begun->number, 1);
        QCOMPARE(begun->outcome, QStringLiteral("running"));
        QVERIFY(begun->startedAt.isValid());
        QCOMPARE(begun->startedAt.timeSpec(), Qt::UTC);

        std::optional<Release> running = store.get(QStringLiteral("demo"), QStringLiteral("dev"), 1);
        QVERIFY(running);
        QCOMPARE(running->outcome, QStringLiteral("running"));
        QVERIFY(!running->finishedAt.isValid());
        QCOMPARE(running->services, r.services);
        QCOMPARE(running->startedAt, begun->startedAt);
        QCOMPARE(ReleaseJson::toJson(*running).value(QLatin1String("finished_at")), QJsonValue(QJsonValue::Null));

        Release done = *begun;
        done.outcome = QStringLiteral("succeeded");
        done.message = QStringLiteral("all ready");
        done.finishedAt = done.startedAt.addMSecs(65432);
        done.services = {serviceRelease(QStringLiteral("postgres"), QStringLiteral("created"), QStringLiteral("stagehand/demo/postgres:r1")),
                         serviceRelease(QStringLiteral("api"), QStringLiteral("unchanged"), QStringLiteral("stagehand/demo/api:r1"))};
        QVERIFY2(store.finish(done, &error), qPrintable(error));

        const std::optional<Release> read = store.get(QStringLiteral("demo"), QStringLiteral("dev"), 1);
        QVERIFY(read);
        QCOMPARE(read->id, begun->id);
        QCOMPARE(read->project, QStringLiteral("demo"));
        QCOMPARE(read->environment, QStringLiteral("dev"));
        QCOMPARE(read->composeProject, QStringLiteral("demo-dev"));
        QCOMPARE(read->outcome, QStringLiteral("succeeded"));
        QCOMPARE(read->message, QStringLiteral("all ready"));
        QCOMPARE(read->startedAt, done.startedAt);
        QCOMPARE(read->finishedAt, done.finishedAt);
        QCOMPARE(read->envFileHash, r.envFileHash);
        QCOMPARE(read->engine, r.engine);
        QCOMPARE(read->stagehandVersion, QStringLiteral("9.9.9"));
        QCOMPARE(read->configuration, r.configuration);
        QCOMPARE(read->services, done.services);
        QCOMPARE(read->changedServices(), 1);
        QCOMPARE(ReleaseJson::toJson(*read), ReleaseJson::toJson(store.list(QStringLiteral("demo"), QStringLiteral("dev")).first()));

        // A finished release is history: not finished again, and only with a final outcome.
        QVERIFY(!store.finish(done, &error));
        QVERIFY2(error.contains(QStringLiteral("already finished")), qPrintable(error));
        std::optional<Release> second = store.begin(r, &error);
        QVERIFY(second);
        second->outcome = QStringLiteral("running");
        QVERIFY(!store.finish(*second, &error));
        Release never = r;
        never.outcome = QStringLiteral("failed");
        QVERIFY(!store.finish(never, &error));
        QVERIFY(!store.get(QStringLiteral("demo"), QStringLiteral("dev"), 99));
        QVERIFY(!store.begin(release(QString(), QStringLiteral("dev")), &error));
    }

    void numberingPerEnvironment()
    {
        freshStoreDir();
        Database db;
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        ReleaseStore store(db);
        const QString demo = QStringLiteral("demo");
        for (int i = 1; i <= 3; ++i)
            QCOMPARE(store.begin(release(demo, QStringLiteral("dev")), &error)->number, i);
        QCOMPARE(store.begin(release(demo, QStringLiteral("staging")), &error)->number, 1);
        QCOMPARE(store.begin(release(QStringLiteral("other"), QStringLiteral("dev")), &error)->number, 1);
        QCOMPARE(store.begin(release(demo, QStringLiteral("dev")), &error)->number, 4);
        QCOMPARE(store.begin(release(demo, QStringLiteral("staging")), &error)->number, 2);

        const QList<Release> dev = store.list(demo, QStringLiteral("dev"));
        QCOMPARE(dev.size(), 4);
        QList<int> numbers;
        for (const Release &r : dev)
            numbers.append(r.number);
        QCOMPARE(numbers, QList<int>({4, 3, 2, 1}));
        QCOMPARE(store.list(demo, QStringLiteral("dev"), 2).size(), 2);
        QCOMPARE(store.list(demo, QStringLiteral("dev"), 2).last().number, 3);
        QCOMPARE(store.list(demo, QStringLiteral("staging")).size(), 2);
        QVERIFY(store.list(demo, QStringLiteral("production")).isEmpty());
    }

    void protectedImageTags()
    {
        freshStoreDir();
        Database db;
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        ReleaseStore store(db);
        const QString p = QStringLiteral("demo");
        const QString e = QStringLiteral("dev");
        auto deploy = [&](const QString &outcome, const QList<ServiceRelease> &services) {
            std::optional<Release> r = store.begin(release(p, e), &error);
            QVERIFY2(r, qPrintable(error));
            r->services = services;
            if (outcome != QLatin1String("running")) {
                r->outcome = outcome;
                QVERIFY2(store.finish(*r, &error), qPrintable(error));
            }
        };
        const QString api1 = ReleaseStore::releaseTag(p, QStringLiteral("api"), 1);
        const QString web1 = ReleaseStore::releaseTag(p, QStringLiteral("web"), 1);
        deploy(QStringLiteral("succeeded"), {serviceRelease(QStringLiteral("api"), QStringLiteral("created"), api1),
                                             serviceRelease(QStringLiteral("web"), QStringLiteral("created"), web1)});
        deploy(QStringLiteral("failed"), {serviceRelease(QStringLiteral("api"), QStringLiteral("recreated"), ReleaseStore::releaseTag(p, QStringLiteral("api"), 2))});
        const QString api3 = ReleaseStore::releaseTag(p, QStringLiteral("api"), 3);
        deploy(QStringLiteral("succeeded"), {serviceRelease(QStringLiteral("api"), QStringLiteral("recreated"), api3),
                                             serviceRelease(QStringLiteral("web"), QStringLiteral("removed"), web1),
                                             serviceRelease(QStringLiteral("worker"), QStringLiteral("unchanged"), QString())});
        deploy(QStringLiteral("cancelled"), {serviceRelease(QStringLiteral("api"), QStringLiteral("recreated"), ReleaseStore::releaseTag(p, QStringLiteral("api"), 4))});
        deploy(QStringLiteral("running"), {serviceRelease(QStringLiteral("api"), QStringLiteral("recreated"), ReleaseStore::releaseTag(p, QStringLiteral("api"), 5))});
        // The same tags in another environment are not this one's business.
        std::optional<Release> other = store.begin(release(p, QStringLiteral("staging")), &error);
        other->services = {serviceRelease(QStringLiteral("api"), QStringLiteral("created"), QStringLiteral("stagehand/demo/api:r99"))};
        other->outcome = QStringLiteral("succeeded");
        QVERIFY(store.finish(*other, &error));

        QCOMPARE(store.protectedImageTags(p, e, 1), QStringList({api3}));
        QCOMPARE(store.protectedImageTags(p, e, 2), QStringList({api3, api1, web1}));
        QCOMPARE(store.protectedImageTags(p, e, 10), QStringList({api3, api1, web1}));
        QVERIFY(store.protectedImageTags(p, e, 0).isEmpty());
        QVERIFY(store.protectedImageTags(p, QStringLiteral("production"), 3).isEmpty());
    }

    void releaseTag_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("number");
        QTest::addColumn<QString>("tag");
        QTest::newRow("plain") << QStringLiteral("demo") << QStringLiteral("api") << 7 << QStringLiteral("stagehand/demo/api:r7");
        QTest::newRow("upper case") << QStringLiteral("Demo") << QStringLiteral("API") << 1 << QStringLiteral("stagehand/demo/api:r1");
        QTest::newRow("spaces and punctuation") << QStringLiteral("My Project!") << QStringLiteral("web front") << 2
                                                << QStringLiteral("stagehand/my-project/web-front:r2");
        QTest::newRow("valid separators kept") << QStringLiteral("a.b_c__d--e") << QStringLiteral("postgres-exporter") << 3
                                               << QStringLiteral("stagehand/a.b_c__d--e/postgres-exporter:r3");
        QTest::newRow("invalid separator runs") << QStringLiteral("a..b") << QStringLiteral("x___y._z") << 4
                                                << QStringLiteral("stagehand/a-b/x-y-z:r4");
        QTest::newRow("leading and trailing") << QStringLiteral("__demo__") << QStringLiteral("-api.") << 5
                                              << QStringLiteral("stagehand/demo/api:r5");
        QTest::newRow("accents") << QStringLiteral("Café Crème") << QStringLiteral("naïve") << 6
                                 << QStringLiteral("stagehand/cafe-creme/naive:r6");
        QTest::newRow("nothing usable") << QStringLiteral("日本") << QString() << 8 << QStringLiteral("stagehand/unnamed/unnamed:r8");
        QTest::newRow("slashes") << QStringLiteral("team/demo") << QStringLiteral("a:b@c") << 9
                                 << QStringLiteral("stagehand/team-demo/a-b-c:r9");
    }

    void releaseTag()
    {
        QFETCH(QString, project);
        QFETCH(QString, service);
        QFETCH(int, number);
        QFETCH(QString, tag);
        const QString actual = ReleaseStore::releaseTag(project, service, number);
        QCOMPARE(actual, tag);
        QVERIFY2(releaseTagPattern().match(actual).hasMatch(), qPrintable(actual));
    }

    void releaseTagIsBounded()
    {
        const QString actual = ReleaseStore::releaseTag(QString(300, QLatin1Char('p')), QStringLiteral("x-").repeated(100), 12345);
        QVERIFY2(releaseTagPattern().match(actual).hasMatch(), qPrintable(actual));
        QVERIFY(actual.section(QLatin1Char(':'), 0, 0).size() <= 255);
    }

    void redactionLeavesNoPlaintext()
    {
        const ResolvedEnvironment resolved = demoDev();
        QVERIFY(resolved.ok());
        QCOMPARE(resolved.envFileVariables.value(QStringLiteral("POSTGRES_PASSWORD")), PostgresPassword);
        QMap<QString, QString> variables = resolved.envFileVariables;
        variables.insert(QStringLiteral("DEPLOY_HOOK"), QStringLiteral("hook_value_from_env")); // a secret's source, odd name
        QJsonObject raw = demoConfigurationWithExtras(resolved);
        QJsonObject redis = raw.value(QLatin1String("services")).toObject().value(QLatin1String("redis")).toObject();
        redis.insert(QStringLiteral("entrypoint"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo hook_value_from_env")});
        QJsonObject services = raw.value(QLatin1String("services")).toObject();
        services.insert(QStringLiteral("redis"), redis);
        raw.insert(QStringLiteral("services"), services);
        const QByteArray rawText = QJsonDocument(raw).toJson();
        for (const QString &secret : plaintextSecrets())
            QVERIFY2(rawText.contains(secret.toUtf8()), qPrintable(secret)); // the test would prove nothing otherwise

        const QJsonObject redacted = ReleaseStore::redactConfiguration(raw, variables);
        const QByteArray text = QJsonDocument(redacted).toJson();
        for (const QString &secret : plaintextSecrets())
            QVERIFY2(!text.contains(secret.toUtf8()), qPrintable(secret));

        const QJsonObject api = redacted.value(QLatin1String("services")).toObject().value(QLatin1String("api")).toObject();
        const QJsonObject env = api.value(QLatin1String("environment")).toObject();
        QCOMPARE(env.value(QLatin1String("POSTGRES_PASSWORD")).toString(), ReleaseStore::secretDigest(PostgresPassword));
        QVERIFY(env.value(QLatin1String("JWT_SECRET_KEY")).toString().startsWith(QStringLiteral("sha256:")));
        QCOMPARE(env.value(QLatin1String("DATABASE_URL")).toString(),
                 QStringLiteral("postgres://demo:%1@postgres:5432/demo_dev").arg(ReleaseStore::secretDigest(PostgresPassword)));
        // What is not secret stays readable.
        QCOMPARE(env.value(QLatin1String("POSTGRES_USER")).toString(), QStringLiteral("demo"));
        QCOMPARE(env.value(QLatin1String("APP_ENV")).toString(), QStringLiteral("development"));
        QCOMPARE(env.value(QLatin1String("ENABLE_MULTI_REPO")).toString(), QStringLiteral("true"));
        QCOMPARE(api.value(QLatin1String("build")).toObject().value(QLatin1String("args")).toObject().value(QLatin1String("NODE_VERSION")).toString(),
                 QStringLiteral("20"));
        QCOMPARE(api.value(QLatin1String("image")).toString(), QStringLiteral("stagehand-demo/api:1"));
        QCOMPARE(redacted.value(QLatin1String("secrets")).toObject().value(QLatin1String("api_token")).toObject().value(QLatin1String("environment")).toString(),
                 QStringLiteral("DEPLOY_HOOK"));
        // Deterministic and idempotent.
        QCOMPARE(ReleaseStore::redactConfiguration(raw, variables), redacted);
        QCOMPARE(ReleaseStore::redactConfiguration(redacted, variables), redacted);
        QCOMPARE(ReleaseStore::redactConfiguration(redacted), redacted);
        // Without the env file's variables, what the document itself says is secret still goes.
        const QByteArray alone = QJsonDocument(ReleaseStore::redactConfiguration(raw)).toJson();
        for (const QString &secret : {PostgresPassword, RedisPassword, JwtSecret, QStringLiteral("inline_key_material")})
            QVERIFY2(!alone.contains(secret.toUtf8()), qPrintable(secret));
    }

    // Whatever a caller hands it, neither the store's bytes nor the CLI's output hold a secret.
    void storeAndCliHoldNoPlaintext()
    {
        const ResolvedEnvironment resolved = demoDev();
        QVERIFY(resolved.ok());
        const QString dir = freshStoreDir();
        QString path;
        {
            Database db;
            QString error;
            QVERIFY2(db.open(&error), qPrintable(error));
            path = db.path();
            ReleaseStore store(db);
            Release r = release(QStringLiteral("demo"), QStringLiteral("dev"));
            r.configuration = ComposeJson::toJson(*resolved.model); // not redacted by the caller
            std::optional<Release> begun = store.begin(r, &error);
            QVERIFY2(begun, qPrintable(error));
            begun->outcome = QStringLiteral("succeeded");
            QVERIFY(store.finish(*begun, &error));
            const QByteArray json = QJsonDocument(ReleaseJson::toJson(store.list(QStringLiteral("demo"), QStringLiteral("dev")))).toJson();
            QVERIFY(json.contains(ReleaseStore::secretDigest(PostgresPassword).toUtf8()));
            for (const QString &secret : {PostgresPassword, RedisPassword, JwtSecret})
                QVERIFY2(!json.contains(secret.toUtf8()), qPrintable(secret));
        }
        QByteArray bytes = readAll(path) + readAll(path + QStringLiteral("-wal"));
        QVERIFY(bytes.contains("demo-dev"));
        QVERIFY(bytes.contains(ReleaseStore::secretDigest(PostgresPassword).toUtf8()));
        for (const QString &secret : {PostgresPassword, RedisPassword, JwtSecret, QStringLiteral("dev_secret_key_2025")})
            QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(secret));

        const CliResult result = cli({QStringLiteral("-p"), DemoDir, QStringLiteral("-e"), QStringLiteral("dev"), QStringLiteral("--format"),
                                      QStringLiteral("json")},
                                     dir);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(CliRunner::parseArray(result.out).size(), 1);
        for (const QString &secret : {PostgresPassword, RedisPassword, JwtSecret})
            QVERIFY2(!result.out.contains(secret.toUtf8()), qPrintable(secret));
    }

    void cliOnTheDemo()
    {
        const QString dir = freshStoreDir();
        {
            Database db;
            QString error;
            QVERIFY2(db.open(&error), qPrintable(error));
            ReleaseStore store(db);
            const QDateTime start = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);

            Release r1 = release(QStringLiteral("demo"), QStringLiteral("dev"));
            r1.startedAt = start;
            std::optional<Release> first = store.begin(r1, &error);
            QVERIFY2(first, qPrintable(error));
            first->outcome = QStringLiteral("succeeded");
            first->finishedAt = start.addSecs(83);
            first->services = {serviceRelease(QStringLiteral("postgres"), QStringLiteral("created"), QStringLiteral("stagehand/demo/postgres:r1")),
                               serviceRelease(QStringLiteral("redis"), QStringLiteral("created"), QStringLiteral("stagehand/demo/redis:r1")),
                               serviceRelease(QStringLiteral("api"), QStringLiteral("created"), QStringLiteral("stagehand/demo/api:r1"))};
            QVERIFY(store.finish(*first, &error));

            Release r2 = r1;
            r2.startedAt = start.addSecs(3600);
            std::optional<Release> second = store.begin(r2, &error);
            second->outcome = QStringLiteral("failed");
            second->message = QStringLiteral("api: health check failed\n(unhealthy after 3 tries)");
            second->finishedAt = r2.startedAt.addMSecs(450);
            second->services = {serviceRelease(QStringLiteral("postgres"), QStringLiteral("unchanged")),
                                serviceRelease(QStringLiteral("api"), QStringLiteral("recreated"))};
            second->services[1].outcome = QStringLiteral("failed");
            QVERIFY(store.finish(*second, &error));

            Release r3 = r1;
            r3.startedAt = start.addSecs(7200);
            QVERIFY(store.begin(r3, &error)); // still running
        }
        const QStringList demoDev{QStringLiteral("-p"), DemoDir, QStringLiteral("-e"), QStringLiteral("dev")};

        // Text: a table, newest first.
        CliResult result = cli(demoDev, dir);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        const QStringList lines = QString::fromUtf8(result.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0).split(QLatin1Char(' '), Qt::SkipEmptyParts),
                 QStringList({QStringLiteral("RELEASE"), QStringLiteral("STARTED"), QStringLiteral("DURATION"), QStringLiteral("OUTCOME"),
                              QStringLiteral("CHANGED"), QStringLiteral("MESSAGE")}));
        const QStringList running = lines.at(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QStringList failed = lines.at(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QStringList succeeded = lines.at(3).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QCOMPARE(running.mid(0, 1), QStringList{QStringLiteral("r3")});
        QCOMPARE(running.mid(2), QStringList({QStringLiteral("-"), QStringLiteral("running"), QStringLiteral("0")}));
        QCOMPARE(failed.mid(0, 1), QStringList{QStringLiteral("r2")});
        QCOMPARE(failed.mid(2, 3), QStringList({QStringLiteral("450ms"), QStringLiteral("failed"), QStringLiteral("1")}));
        QVERIFY2(lines.at(2).endsWith(QStringLiteral("api: health check failed (unhealthy after 3 tries)")), qPrintable(lines.at(2)));
        QCOMPARE(succeeded, QStringList({QStringLiteral("r1"), succeeded.value(1), QStringLiteral("1m23s"), QStringLiteral("succeeded"),
                                         QStringLiteral("3")}));
        // The start in local time, ISO 8601.
        const QDateTime started = QDateTime::fromString(succeeded.value(1), Qt::ISODate);
        QVERIFY2(started.isValid(), qPrintable(succeeded.value(1)));
        QCOMPARE(started.toUTC(), QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC));

        // JSON: every key, always.
        result = cli(demoDev + QStringList{QStringLiteral("--format"), QStringLiteral("json")}, dir);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonArray releases = CliRunner::parseArray(result.out);
        QCOMPARE(releases.size(), 3);
        const QStringList keys{QStringLiteral("compose_project"), QStringLiteral("configuration"), QStringLiteral("engine"),
                               QStringLiteral("env_file_hash"),   QStringLiteral("environment"),   QStringLiteral("finished_at"),
                               QStringLiteral("message"),         QStringLiteral("number"),        QStringLiteral("outcome"),
                               QStringLiteral("project"),         QStringLiteral("services"),      QStringLiteral("stagehand_version"),
                               QStringLiteral("started_at")};
        const QStringList serviceKeys{QStringLiteral("action"),   QStringLiteral("config_hash"), QStringLiteral("duration_ms"),
                                      QStringLiteral("image"),    QStringLiteral("image_id"),    QStringLiteral("outcome"),
                                      QStringLiteral("release_tag"), QStringLiteral("service")};
        QList<int> numbers;
        for (const QJsonValue &value : releases) {
            const QJsonObject object = value.toObject();
            QCOMPARE(CliRunner::keysOf(object), keys);
            numbers.append(object.value(QLatin1String("number")).toInt());
            QCOMPARE(object.value(QLatin1String("project")).toString(), QStringLiteral("demo"));
            QCOMPARE(object.value(QLatin1String("environment")).toString(), QStringLiteral("dev"));
            QCOMPARE(object.value(QLatin1String("compose_project")).toString(), QStringLiteral("demo-dev"));
            QVERIFY(object.value(QLatin1String("started_at")).toString().endsWith(QLatin1Char('Z')));
            QVERIFY(object.value(QLatin1String("configuration")).isObject());
            QVERIFY(object.value(QLatin1String("services")).isArray());
            for (const QJsonValue &s : object.value(QLatin1String("services")).toArray()) {
                QCOMPARE(CliRunner::keysOf(s.toObject()), serviceKeys);
                QVERIFY(s.toObject().value(QLatin1String("duration_ms")).isDouble());
            }
        }
        QCOMPARE(numbers, QList<int>({3, 2, 1}));
        const QJsonObject r3 = releases.at(0).toObject();
        QCOMPARE(r3.value(QLatin1String("outcome")).toString(), QStringLiteral("running"));
        QVERIFY(r3.value(QLatin1String("finished_at")).isNull());
        const QJsonObject r1 = releases.at(2).toObject();
        QCOMPARE(r1.value(QLatin1String("started_at")).toString(), QStringLiteral("2025-03-01T12:00:00.000Z"));
        QCOMPARE(r1.value(QLatin1String("finished_at")).toString(), QStringLiteral("2025-03-01T12:01:23.000Z"));
        QCOMPARE(r1.value(QLatin1String("services")).toArray().size(), 3);
        const QJsonObject postgres = r1.value(QLatin1String("services")).toArray().at(0).toObject();
        QCOMPARE(postgres.value(QLatin1String("release_tag")).toString(), QStringLiteral("stagehand/demo/postgres:r1"));
        QCOMPARE(postgres.value(QLatin1String("duration_ms")).toInt(), 1234);
        QCOMPARE(postgres.value(QLatin1String("action")).toString(), QStringLiteral("created"));

        // An environment without releases: an empty list, success.
        result = cli({QStringLiteral("-p"), DemoDir, QStringLiteral("-e"), QStringLiteral("staging"), QStringLiteral("--format"),
                      QStringLiteral("json")},
                     dir);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(), QByteArray("[]"));
    }

    void cliUsageAndFailures()
    {
        const QString dir = freshStoreDir();
        // No -e: a usage error, before anything is opened.
        CliResult result = cli({QStringLiteral("-p"), DemoDir}, dir);
        QCOMPARE(result.exitCode, 64);
        QVERIFY2(result.err.contains(QStringLiteral("-e")), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
        QVERIFY(!QFileInfo::exists(dir));
        // An unknown environment, as every project command has it.
        result = cli({QStringLiteral("-p"), DemoDir, QStringLiteral("-e"), QStringLiteral("qa")}, dir);
        QCOMPARE(result.exitCode, 64);
        QVERIFY2(result.err.contains(QStringLiteral("qa")), qPrintable(result.err));
        // A bad format.
        result = cli({QStringLiteral("-p"), DemoDir, QStringLiteral("-e"), QStringLiteral("dev"), QStringLiteral("--format"),
                      QStringLiteral("yaml")},
                     dir);
        QCOMPARE(result.exitCode, 64);
        // A store that cannot be opened: exit 2 with the reason.
        const QString file = m_root.filePath(QStringLiteral("not-a-dir"));
        QVERIFY(writeFile(file, "x"));
        result = cli({QStringLiteral("-p"), DemoDir, QStringLiteral("-e"), QStringLiteral("dev")}, file);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("not a directory")), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
        QCOMPARE(readAll(file), QByteArray("x"));
    }
};

QTEST_GUILESS_MAIN(TestReleaseStore)
#include "tst_releasestore.moc"
