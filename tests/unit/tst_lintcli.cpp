#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "CliRunner.h"

// `stagehand-cli lint` through the real binary: the JSON shape, exit codes 0/1/2/64, stdout and stderr.
namespace {

const QString FixtureRoot = QStringLiteral(STAGEHAND_TEST_DATA "/lint");
const QString SeedDir = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/piper-staging");
const QString DemoDir = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");

using stagehand::test::CliResult;
using stagehand::test::CliRunner;

QStringList keysOf(const QJsonObject &object)
{
    return CliRunner::keysOf(object);
}

bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write(text.toUtf8()) == text.toUtf8().size();
}

} // namespace

class TestLintCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliResult run(const QStringList &arguments) const
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        environment.insert(QStringLiteral("HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path()); // the CLI's log file
        return CliRunner::run(QStringList{QStringLiteral("lint")} + arguments, environment);
    }

    CliResult runJson(const QString &project, const QStringList &more = {}) const
    {
        return run(QStringList{QStringLiteral("-p"), project, QStringLiteral("--format"), QStringLiteral("json")} + more);
    }

    static QJsonArray parseArray(const QByteArray &out) { return CliRunner::parseArray(out); }

    // One finding's keys and types, as the public interface has them.
    static void checkShape(const QJsonObject &finding)
    {
        QCOMPARE(keysOf(finding), QStringList({QStringLiteral("column"), QStringLiteral("file"), QStringLiteral("fix"),
                                               QStringLiteral("hint"), QStringLiteral("line"), QStringLiteral("message"),
                                               QStringLiteral("rule"), QStringLiteral("service"), QStringLiteral("severity")}));
        const QString severity = finding.value(QStringLiteral("severity")).toString();
        QVERIFY2(severity == QLatin1String("error") || severity == QLatin1String("warning") || severity == QLatin1String("info"),
                 qPrintable(severity));
        QVERIFY(!finding.value(QStringLiteral("rule")).toString().isEmpty());
        QVERIFY(!finding.value(QStringLiteral("file")).toString().isEmpty());
        QVERIFY(finding.value(QStringLiteral("line")).isDouble());
        QVERIFY(finding.value(QStringLiteral("line")).toInt() > 0);
        QVERIFY(finding.value(QStringLiteral("column")).isDouble());
        QVERIFY(finding.value(QStringLiteral("service")).isString() || finding.value(QStringLiteral("service")).isNull());
        QVERIFY(!finding.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(!finding.value(QStringLiteral("hint")).toString().isEmpty());
        const QJsonValue fix = finding.value(QStringLiteral("fix"));
        QVERIFY(fix.isNull() || fix.isObject());
        if (fix.isObject()) {
            QCOMPARE(keysOf(fix.toObject()), QStringList({QStringLiteral("column"), QStringLiteral("description"), QStringLiteral("file"),
                                                          QStringLiteral("line"), QStringLiteral("new_text"), QStringLiteral("old_text")}));
        }
    }

    static QJsonObject findingAt(const QJsonArray &findings, const QString &rule, const QString &file, int line)
    {
        for (const QJsonValue &value : findings) {
            const QJsonObject object = value.toObject();
            if (object.value(QStringLiteral("rule")).toString() == rule && object.value(QStringLiteral("file")).toString() == file
                && object.value(QStringLiteral("line")).toInt() == line)
                return object;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(QFileInfo::exists(QStringLiteral(STAGEHAND_CLI_PATH)));
    }

    void jsonShapeOnTheSeed()
    {
        const CliResult result = runJson(SeedDir, {QStringLiteral("-e"), QStringLiteral("staging")});
        QVERIFY2(result.exitCode == 1, qPrintable(result.err));
        const QJsonArray findings = parseArray(result.out);
        QVERIFY(!findings.isEmpty());
        for (const QJsonValue &value : findings)
            checkShape(value.toObject());

        // An env-file finding: relative file, null service.
        const QJsonObject secret = findingAt(findings, QStringLiteral("plaintext-secret"), QStringLiteral(".env.staging"), 27);
        QCOMPARE(secret.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        QCOMPARE(secret.value(QStringLiteral("column")).toInt(), 19);
        QVERIFY(secret.value(QStringLiteral("service")).isNull());
        QVERIFY(secret.value(QStringLiteral("fix")).isNull());
        QVERIFY(!secret.value(QStringLiteral("message")).toString().contains(QStringLiteral("staging_secure_password_2025")));

        const QJsonObject grafana = findingAt(findings, QStringLiteral("plaintext-secret"), QStringLiteral("docker-compose.staging.yml"), 256);
        QCOMPARE(grafana.value(QStringLiteral("service")).toString(), QStringLiteral("grafana-staging"));

        // The public database port, with its fix.
        const QJsonObject port = findingAt(findings, QStringLiteral("database-port-public"), QStringLiteral("docker-compose.staging.yml"), 18);
        QCOMPARE(port.value(QStringLiteral("service")).toString(), QStringLiteral("postgres-staging"));
        const QJsonObject fix = port.value(QStringLiteral("fix")).toObject();
        QCOMPARE(fix.value(QStringLiteral("file")).toString(), QStringLiteral("docker-compose.staging.yml"));
        QCOMPARE(fix.value(QStringLiteral("line")).toInt(), 18);
        QCOMPARE(fix.value(QStringLiteral("column")).toInt(), 10);
        QCOMPARE(fix.value(QStringLiteral("old_text")).toString(), QStringLiteral("5434:5432"));
        QCOMPARE(fix.value(QStringLiteral("new_text")).toString(), QStringLiteral("127.0.0.1:5434:5432"));

        int plaintext = 0;
        int latest = 0;
        for (const QJsonValue &value : findings) {
            const QString rule = value.toObject().value(QStringLiteral("rule")).toString();
            plaintext += rule == QLatin1String("plaintext-secret");
            latest += rule == QLatin1String("image-latest");
        }
        QCOMPARE(plaintext, 6);
        QCOMPARE(latest, 4);
    }

    void secretReusedComparesTheFocusWithTheOthers()
    {
        const CliResult result = runJson(FixtureRoot + QStringLiteral("/secret-reused"), {QStringLiteral("-e"), QStringLiteral("dev")});
        const QJsonArray findings = parseArray(result.out);
        const QJsonObject reused = findingAt(findings, QStringLiteral("secret-reused"), QStringLiteral(".env.dev"), 1);
        QVERIFY2(!reused.isEmpty(), result.out.constData());
        QVERIFY(reused.value(QStringLiteral("message")).toString().contains(QStringLiteral(".env.staging:1")));
        for (const QJsonValue &value : findings) // dev's own findings only, besides the comparison
            QVERIFY(!value.toObject().value(QStringLiteral("file")).toString().contains(QStringLiteral("production")));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("clean: 0") << FixtureRoot + QStringLiteral("/clean") << QStringList{} << 0;
        QTest::newRow("clean, one environment: 0") << FixtureRoot + QStringLiteral("/clean")
                                                   << QStringList{QStringLiteral("-e"), QStringLiteral("production")} << 0;
        QTest::newRow("warnings only: 1") << FixtureRoot + QStringLiteral("/image-latest") << QStringList{} << 1;
        QTest::newRow("the demo: warnings (its demo passwords)") << DemoDir << QStringList{} << 1;
        QTest::newRow("the demo's dev: infos only, 0") << DemoDir << QStringList{QStringLiteral("-e"), QStringLiteral("dev")} << 0;
        QTest::newRow("errors: 2") << FixtureRoot + QStringLiteral("/healthcheck-missing") << QStringList{} << 2;
        QTest::newRow("cycle (does not load): 2") << FixtureRoot + QStringLiteral("/depends-on-cycle") << QStringList{} << 2;
        QTest::newRow("no such project: 2") << FixtureRoot + QStringLiteral("/does-not-exist") << QStringList{} << 2;
        QTest::newRow("unknown environment: 64") << DemoDir << QStringList{QStringLiteral("-e"), QStringLiteral("qa")} << 64;
        QTest::newRow("unknown format: 64") << DemoDir << QStringList{QStringLiteral("--format"), QStringLiteral("yaml")} << 64;
        QTest::newRow("unknown option: 64") << DemoDir << QStringList{QStringLiteral("--fix")} << 64;
        QTest::newRow("extra argument: 64") << DemoDir << QStringList{QStringLiteral("extra")} << 64;
    }
    void exitCodes()
    {
        QFETCH(QString, project);
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        for (const QString &format : {QStringLiteral("text"), QStringLiteral("json")}) {
            QStringList all{QStringLiteral("-p"), project};
            if (!arguments.contains(QStringLiteral("--format")))
                all << QStringLiteral("--format") << format;
            const CliResult result = run(all + arguments);
            QVERIFY2(result.exitCode == exitCode, qPrintable(QStringLiteral("%1 (%2): %3").arg(result.exitCode).arg(format, result.err)));
            if (exitCode == 64 || (exitCode == 2 && project.endsWith(QLatin1String("does-not-exist")))) {
                QVERIFY(!result.err.isEmpty()); // errors go to stderr
                QVERIFY(result.out.isEmpty());
            } else if (format == QLatin1String("json")) {
                const QJsonArray findings = parseArray(result.out);
                QCOMPARE(findings.isEmpty(), exitCode == 0 && !project.startsWith(DemoDir));
                for (const QJsonValue &value : findings)
                    checkShape(value.toObject());
            }
        }
    }

    void infosDoNotCount()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("stagehand.yaml")),
                          QStringLiteral("name: infos\nenvironments:\n  dev:\n    compose: [compose.yaml]\n    env_file: .env.dev\n")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("compose.yaml")),
                          QStringLiteral("services:\n  app:\n    image: busybox:1.36\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral(".env.dev")), QStringLiteral("DB_PASSWORD=dev-only-password\n")));
        const CliResult result = runJson(dir.path());
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonArray findings = parseArray(result.out);
        QCOMPARE(findings.size(), 2); // the plaintext secret and the missing limits: infos in dev
        for (const QJsonValue &value : findings)
            QCOMPARE(value.toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("info"));
    }

    void textOutput()
    {
        const CliResult result = run({QStringLiteral("-p"), FixtureRoot + QStringLiteral("/healthcheck-missing")});
        QCOMPARE(result.exitCode, 2);
        const QString out = QString::fromUtf8(result.out);
        QVERIFY2(out.startsWith(QStringLiteral("compose.yaml:3:3: error: service 'db' has no healthcheck")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("[healthcheck-missing]\n    hint: give 'db' a healthcheck")));
        QVERIFY2(out.endsWith(QStringLiteral("10 findings in default: 3 errors, 7 warnings, 0 infos.\n")), qPrintable(out));

        const CliResult clean = run({QStringLiteral("-p"), FixtureRoot + QStringLiteral("/clean")});
        QCOMPARE(clean.out, QByteArray("No findings in staging, production.\n"));
        QVERIFY(clean.err.isEmpty());

        const CliResult fixed = run({QStringLiteral("-p"), SeedDir, QStringLiteral("-e"), QStringLiteral("staging")});
        QVERIFY(fixed.out.contains("    fix: bind host port 5434 to 127.0.0.1 only: at 18:10, replace \"5434:5432\" with \"127.0.0.1:5434:5432\"\n"));
    }

    void loadErrorsGoToStderr()
    {
        const CliResult result = runJson(FixtureRoot + QStringLiteral("/depends-on-cycle"));
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("depends_on has a cycle")), qPrintable(result.err));
        const QJsonArray findings = parseArray(result.out);
        QVERIFY(!findingAt(findings, QStringLiteral("depends-on-cycle"), QStringLiteral("compose.yaml"), 5).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLintCli)
#include "tst_lintcli.moc"
