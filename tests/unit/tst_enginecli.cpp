// The engine commands' public interface that needs no engine, through the real binary: usage
// errors exit 64 before anything is asked of an engine, an engine that is not there exits 69 with
// the reason and a hint, and every command documents --host and --context.

#include "CliRunner.h"

#include <QTemporaryDir>
#include <QtTest>

using stagehand::test::CliResult;
using stagehand::test::CliRunner;

class TestEngineCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void usageErrorsAre64_data();
    void usageErrorsAre64();
    void unreachableHostIsExit69_data();
    void unreachableHostIsExit69();
    void timeFormatsAreAccepted_data();
    void timeFormatsAreAccepted();
    void projectEngineIsUsed();
    void helpNamesTheGlobalOptions();

private:
    CliResult cli(const QStringList &arguments) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path()); // the CLI's log file
        environment.insert(QStringLiteral("DOCKER_CONFIG"), m_home.path()); // no contexts, no current context
        environment.remove(QStringLiteral("DOCKER_HOST"));
        environment.remove(QStringLiteral("DOCKER_CONTEXT"));
        return CliRunner::run(arguments, environment, 30000);
    }

    QTemporaryDir m_home;
};

void TestEngineCli::usageErrorsAre64_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString nowhere = QStringLiteral("unix:///nonexistent");
    QTest::newRow("ps format") << QStringList{QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("xml")};
    QTest::newRow("ps option") << QStringList{QStringLiteral("ps"), QStringLiteral("--bogus")};
    QTest::newRow("ps argument") << QStringList{QStringLiteral("ps"), QStringLiteral("stray")};
    QTest::newRow("logs nothing") << QStringList{QStringLiteral("logs")};
    QTest::newRow("logs two") << QStringList{QStringLiteral("logs"), QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("logs tail") << QStringList{QStringLiteral("logs"), QStringLiteral("--tail"), QStringLiteral("many"),
                                              QStringLiteral("c")};
    QTest::newRow("logs since") << QStringList{QStringLiteral("logs"), QStringLiteral("--since"), QStringLiteral("yesterday-ish"),
                                               QStringLiteral("c")};
    QTest::newRow("exec no command") << QStringList{QStringLiteral("exec"), QStringLiteral("c")};
    QTest::newRow("exec env") << QStringList{QStringLiteral("exec"), QStringLiteral("--env"), QStringLiteral("=x"),
                                             QStringLiteral("c"),    QStringLiteral("--"),    QStringLiteral("true")};
    QTest::newRow("events filter") << QStringList{QStringLiteral("events"), QStringLiteral("--filter"),
                                                  QStringLiteral("novalue")};
    QTest::newRow("events until") << QStringList{QStringLiteral("events"), QStringLiteral("--until"), QStringLiteral("soon")};
    QTest::newRow("events since after until")
        << QStringList{QStringLiteral("events"), QStringLiteral("--since"), QStringLiteral("1m"), QStringLiteral("--until"),
                       QStringLiteral("2m")};
    QTest::newRow("events since garbage") << QStringList{QStringLiteral("events"), QStringLiteral("--since"),
                                                         QStringLiteral("2024-13-45")};
    QTest::newRow("logs until garbage") << QStringList{QStringLiteral("logs"), QStringLiteral("--until"), QStringLiteral("10x"),
                                                       QStringLiteral("c")};
    QTest::newRow("stats format") << QStringList{QStringLiteral("stats"), QStringLiteral("--format"), QStringLiteral("yaml")};
    QTest::newRow("images argument") << QStringList{QStringLiteral("images"), QStringLiteral("stray"), QStringLiteral("--host"),
                                                    nowhere};
    QTest::newRow("pull nothing") << QStringList{QStringLiteral("pull")};
    QTest::newRow("bad host") << QStringList{QStringLiteral("ps"), QStringLiteral("--host"), QStringLiteral("ftp://nowhere")};
    QTest::newRow("unknown context") << QStringList{QStringLiteral("ps"), QStringLiteral("--context"),
                                                    QStringLiteral("no-such-context")};
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown environment") << QStringList{QStringLiteral("ps"),
                                                        QStringLiteral("-p"),
                                                        QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo"),
                                                        QStringLiteral("-e"),
                                                        QStringLiteral("nope"),
                                                        QStringLiteral("--host"),
                                                        nowhere};
    QTest::newRow("environment needed") << QStringList{QStringLiteral("ps"), QStringLiteral("-p"),
                                                       QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo"),
                                                       QStringLiteral("--host"), nowhere};
}

void TestEngineCli::usageErrorsAre64()
{
    QFETCH(QStringList, arguments);
    const CliResult result = cli(arguments);
    QVERIFY2(result.exitCode == 64, qPrintable(QStringLiteral("exit %1: ").arg(result.exitCode) + result.err));
    QVERIFY(!result.err.isEmpty());
}

void TestEngineCli::unreachableHostIsExit69_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("ps") << QStringList{QStringLiteral("ps")};
    QTest::newRow("logs") << QStringList{QStringLiteral("logs"), QStringLiteral("c")};
    QTest::newRow("stats") << QStringList{QStringLiteral("stats"), QStringLiteral("--no-stream")};
    QTest::newRow("events") << QStringList{QStringLiteral("events")};
    QTest::newRow("exec") << QStringList{QStringLiteral("exec"), QStringLiteral("c"), QStringLiteral("--"),
                                         QStringLiteral("true")};
    QTest::newRow("images") << QStringList{QStringLiteral("images")};
    QTest::newRow("pull") << QStringList{QStringLiteral("pull"), QStringLiteral("example/none")};
}

void TestEngineCli::unreachableHostIsExit69()
{
    QFETCH(QStringList, arguments);
    // Right after the command: exec's arguments after -- are the command's.
    const CliResult result =
        cli(QStringList{arguments.first(), QStringLiteral("--host"), QStringLiteral("unix:///nonexistent")} + arguments.mid(1));
    QVERIFY2(result.exitCode == 69, qPrintable(QStringLiteral("exit %1: ").arg(result.exitCode) + result.err));
    QVERIFY2(result.err.contains(QLatin1String("cannot reach the Docker engine at unix:///nonexistent (--host)")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("\nhint: ")), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
}

void TestEngineCli::timeFormatsAreAccepted_data()
{
    QTest::addColumn<QString>("time");
    for (const char *time : {"1700000000", "1700000000.5", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.123456789+01:00",
                             "2024-01-02", "2024-01-02T03:04", "10m", "1h30m", "0s"})
        QTest::newRow(time) << QString::fromLatin1(time);
}

void TestEngineCli::timeFormatsAreAccepted()
{
    QFETCH(QString, time);
    // Past the argument checks, to the engine (absent here): 69, not 64.
    for (const QString &command : {QStringLiteral("logs"), QStringLiteral("events")}) {
        QStringList arguments{command, QStringLiteral("--host"), QStringLiteral("unix:///nonexistent"), QStringLiteral("--since"),
                              time};
        if (command == QLatin1String("logs"))
            arguments.append(QStringLiteral("c"));
        const CliResult result = cli(arguments);
        QVERIFY2(result.exitCode == 69,
                 qPrintable(QStringLiteral("%1 exit %2: ").arg(command).arg(result.exitCode) + result.err));
    }
}

void TestEngineCli::projectEngineIsUsed()
{
    // The environment's `engine:` applies when there is no --host: here one where nothing listens.
    QTemporaryDir project;
    QFile compose(project.filePath(QStringLiteral("compose.yaml")));
    QVERIFY(compose.open(QIODevice::WriteOnly));
    compose.write("services:\n  web:\n    image: example/web:1\n");
    compose.close();
    QFile file(project.filePath(QStringLiteral("stagehand.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name: remote\nenvironments:\n  far:\n    compose: [compose.yaml]\n    engine: unix:///nonexistent/engine.sock\n");
    file.close();
    const CliResult result =
        cli({QStringLiteral("ps"), QStringLiteral("-p"), project.path(), QStringLiteral("-e"), QStringLiteral("far")});
    QCOMPARE(result.exitCode, 69);
    QVERIFY2(result.err.contains(QLatin1String("unix:///nonexistent/engine.sock (project)")), qPrintable(result.err));
}

void TestEngineCli::helpNamesTheGlobalOptions()
{
    for (const QString &command :
         {QStringLiteral("ps"), QStringLiteral("logs"), QStringLiteral("stats"), QStringLiteral("events"), QStringLiteral("exec"),
          QStringLiteral("images"), QStringLiteral("pull")}) {
        const CliResult help = cli({command, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("--host <host>") && help.out.contains("--context <name>"), help.out.constData());
    }
    const CliResult usage = cli({QStringLiteral("--help")});
    for (const char *command : {"ps", "logs", "stats", "events", "exec", "images", "pull"})
        QVERIFY2(usage.out.contains(QByteArray(QByteArray("\n  ") + command + ' ')), usage.out.constData());
}

QTEST_GUILESS_MAIN(TestEngineCli)
#include "tst_enginecli.moc"
