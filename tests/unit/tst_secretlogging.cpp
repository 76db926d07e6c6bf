#include "compose/DotEnv.h"
#include "util/SecretRegistry.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace stagehand;

// Secret values never reach a log: the registry scrubs them from every line, and a real CLI run on
// the demo at trace level (which logs the whole resolved configuration) leaves none in the log file.
class TestSecretLogging : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void secretNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("postgres password") << QStringLiteral("POSTGRES_PASSWORD") << true;
        QTest::newRow("jwt secret key") << QStringLiteral("JWT_SECRET_KEY") << true;
        QTest::newRow("grafana admin") << QStringLiteral("GF_SECURITY_ADMIN_PASSWORD") << true;
        QTest::newRow("api token") << QStringLiteral("API_TOKEN") << true;
        QTest::newRow("key alone") << QStringLiteral("SECRET_KEY") << true;
        QTest::newRow("aws key") << QStringLiteral("AWS_ACCESS_KEY_ID") << true;
        QTest::newRow("port") << QStringLiteral("POSTGRES_PORT") << false;
        QTest::newRow("log level") << QStringLiteral("LOG_LEVEL") << false;
        QTest::newRow("keyboard") << QStringLiteral("KEYBOARD_LAYOUT") << false;
    }
    void secretNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(SecretRegistry::isSecretName(name), secret);
    }

    void redactsLongestFirst()
    {
        SecretRegistry &registry = SecretRegistry::instance();
        registry.clear();
        registry.registerVariable(QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2hunter2"));
        registry.registerVariable(QStringLiteral("SHORT_TOKEN"), QStringLiteral("hunter2"));
        registry.registerVariable(QStringLiteral("LOG_LEVEL"), QStringLiteral("INFO"));
        QCOMPARE(registry.redact(QStringLiteral("pw=hunter2hunter2 t=hunter2 level=INFO")),
                 QStringLiteral("pw=******** t=******** level=INFO"));
        registry.clear();
    }

    void cliRunOnTheDemoLogsNoSecret_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("environment");
        QTest::newRow("demo dev") << QStringLiteral("demo") << QStringLiteral("dev");
        QTest::newRow("demo staging") << QStringLiteral("demo") << QStringLiteral("staging");
        QTest::newRow("demo production") << QStringLiteral("demo") << QStringLiteral("production");
        QTest::newRow("piper staging") << QStringLiteral("piper-staging") << QStringLiteral("staging");
    }
    void cliRunOnTheDemoLogsNoSecret()
    {
        QFETCH(QString, project);
        QFETCH(QString, environment);
        const QString dir = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/") + project;
        if (!QFileInfo::exists(dir + QStringLiteral("/stagehand.yaml")))
            QSKIP("the example project is not in this tree");

        // The secrets: every secret-looking variable of the project's env files.
        QStringList secrets;
        QDirIterator envFiles(dir, {QStringLiteral(".env*")}, QDir::Files | QDir::Hidden);
        while (envFiles.hasNext()) {
            const DotEnvResult env = DotEnv::load(envFiles.next());
            for (const DotEnvEntry &entry : env.entries) {
                if (SecretRegistry::isSecretName(entry.key) && entry.value.size() >= SecretRegistry::MinimumLength)
                    secrets.append(entry.value);
            }
        }
        QVERIFY2(!secrets.isEmpty(), "the example should have secrets to hide");

        QTemporaryDir home;
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(STAGEHAND_CLI_PATH), {QStringLiteral("--log-level"), QStringLiteral("trace"), QStringLiteral("config"),
                                                       QStringLiteral("-p"), dir, QStringLiteral("-e"), environment,
                                                       QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() <= 1, cli.readAllStandardError().constData());
        const QString console = QString::fromUtf8(cli.readAllStandardError());

        QString logText;
        QDirIterator logs(home.path(), {QStringLiteral("*.log*")}, QDir::Files, QDirIterator::Subdirectories);
        while (logs.hasNext()) {
            QFile log(logs.next());
            QVERIFY(log.open(QIODevice::ReadOnly));
            QCOMPARE(log.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions{});
            logText += QString::fromUtf8(log.readAll());
        }
        QVERIFY2(logText.contains(QStringLiteral("resolved environment")), "the trace line with the configuration was not logged");
        QVERIFY(logText.contains(QStringLiteral("********")));
        for (const QString &secret : std::as_const(secrets)) {
            QVERIFY2(!logText.contains(secret), qPrintable(QStringLiteral("a secret reached the log file")));
            QVERIFY2(!console.contains(secret), qPrintable(QStringLiteral("a secret reached the console log")));
        }
    }
};

QTEST_GUILESS_MAIN(TestSecretLogging)
#include "tst_secretlogging.moc"
