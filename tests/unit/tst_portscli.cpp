#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "CliRunner.h"

// `stagehand-cli ports` through the real binary: exit codes, the JSON shape, stderr for warnings.
namespace {

using stagehand::test::CliResult;
using stagehand::test::CliRunner;

QStringList keysOf(const QJsonObject &object)
{
    return CliRunner::keysOf(object);
}

// A port nothing listens on now (bound and released), on every interface.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::Any, 0))
        qFatal("no free port");
    return probe.serverPort();
}

bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write(text.toUtf8()) > 0;
}

} // namespace

class TestPortsCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliResult run(const QStringList &arguments) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // The demo's host ports come from these when set: the test wants the files' own.
        for (const char *name : {"API_PORT", "WEB_PORT", "NGINX_PORT", "PROMETHEUS_PORT", "POSTGRES_HOST_PORT", "REDIS_HOST_PORT"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path()); // the CLI's log file
        return CliRunner::run(QStringList{QStringLiteral("ports")} + arguments, environment);
    }

    static QJsonArray parseArray(const QByteArray &out) { return CliRunner::parseArray(out); }

    // Checks one conflict's keys and types, as the public interface has them.
    static void checkShape(const QJsonObject &conflict)
    {
        QCOMPARE(keysOf(conflict), QStringList({QStringLiteral("claimants"), QStringLiteral("host_ip"), QStringLiteral("port"),
                                                QStringLiteral("protocol"), QStringLiteral("suggestion")}));
        QVERIFY(conflict.value(QStringLiteral("port")).isDouble());
        QVERIFY(conflict.value(QStringLiteral("protocol")).isString());
        QVERIFY(conflict.value(QStringLiteral("host_ip")).isString());
        const QJsonArray claimants = conflict.value(QStringLiteral("claimants")).toArray();
        QVERIFY(claimants.size() >= 2);
        for (const QJsonValue &value : claimants) {
            const QStringList keys = keysOf(value.toObject());
            QVERIFY2(keys == QStringList({QStringLiteral("environment"), QStringLiteral("service")})
                         || keys == QStringList({QStringLiteral("pid"), QStringLiteral("process")})
                         || keys == QStringList({QStringLiteral("container")}),
                     qPrintable(keys.join(u',')));
        }
        const QJsonObject suggestion = conflict.value(QStringLiteral("suggestion")).toObject();
        QCOMPARE(keysOf(suggestion), QStringList({QStringLiteral("environment"), QStringLiteral("port"), QStringLiteral("service")}));
        QVERIFY(suggestion.value(QStringLiteral("port")).isDouble());
    }

    static QString composeProject(const QTemporaryDir &dir, const QString &services)
    {
        if (!writeFile(dir.filePath(QStringLiteral("compose.yaml")), QStringLiteral("services:\n") + services))
            qFatal("cannot write the test project");
        return dir.path();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(QFileInfo::exists(QStringLiteral(STAGEHAND_CLI_PATH)));
    }

    void noConflictExitsZero_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("json") << QStringLiteral("json");
        QTest::newRow("text") << QStringLiteral("text");
    }
    void noConflictExitsZero()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString project = composeProject(dir, QStringLiteral("  api:\n    image: busybox\n    ports: [\"127.0.0.1:%1:80\"]\n"
                                                                   "  web:\n    image: busybox\n    ports: [\"127.0.0.1:%2:80\"]\n"
                                                                   "    expose: [\"%1\"]\n")
                                                        .arg(freePort())
                                                        .arg(freePort()));
        const CliResult result = run({QStringLiteral("-p"), project, QStringLiteral("--format"), format});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err + QString::fromUtf8(result.out)));
        if (format == QLatin1String("json"))
            QCOMPARE(parseArray(result.out), QJsonArray());
        else
            QVERIFY2(result.out.startsWith("No port conflicts in default"), result.out.constData());
    }

    void conflictExitsTwo()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        const QString project = composeProject(dir, QStringLiteral("  chromadb:\n    image: busybox\n    ports:\n      - \"%1:8000\"\n"
                                                                   "  api:\n    image: busybox\n    ports:\n      - \"%1:8001\"\n")
                                                        .arg(port));
        const CliResult result = run({QStringLiteral("-p"), project, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(result.exitCode == 2, qPrintable(result.err));
        const QJsonArray conflicts = parseArray(result.out);
        QCOMPARE(conflicts.size(), 1);
        const QJsonObject conflict = conflicts.first().toObject();
        checkShape(conflict);
        QCOMPARE(conflict.value(QStringLiteral("port")).toInt(), int(port));
        QCOMPARE(conflict.value(QStringLiteral("protocol")).toString(), QStringLiteral("tcp"));
        QCOMPARE(conflict.value(QStringLiteral("host_ip")).toString(), QStringLiteral("0.0.0.0"));
        const QJsonArray expectedClaimants{QJsonObject{{QStringLiteral("environment"), QStringLiteral("default")}, {QStringLiteral("service"), QStringLiteral("chromadb")}},
                                           QJsonObject{{QStringLiteral("environment"), QStringLiteral("default")}, {QStringLiteral("service"), QStringLiteral("api")}}};
        QCOMPARE(conflict.value(QStringLiteral("claimants")).toArray(), expectedClaimants);
        const QJsonObject suggestion = conflict.value(QStringLiteral("suggestion")).toObject();
        QCOMPARE(suggestion.value(QStringLiteral("environment")).toString(), QStringLiteral("default"));
        QCOMPARE(suggestion.value(QStringLiteral("service")).toString(), QStringLiteral("api"));
        QVERIFY(suggestion.value(QStringLiteral("port")).toInt() != port);

        const CliResult text = run({QStringLiteral("-p"), project});
        QCOMPARE(text.exitCode, 2);
        const QString table = QString::fromUtf8(text.out);
        QVERIFY2(table.startsWith(QStringLiteral("PORT ")) && table.section(u'\n', 0, 0).simplified()
                     == QStringLiteral("PORT PROTO HOST IP CLAIMANT WHERE SUGGESTION"), qPrintable(table));
        QVERIFY2(table.contains(QStringLiteral("default/api")) && table.contains(QStringLiteral("compose.yaml:9:9"))
                     && table.contains(QStringLiteral("move to %1").arg(suggestion.value(QStringLiteral("port")).toInt())),
                 qPrintable(table));
        QVERIFY2(table.contains(QStringLiteral("1 port conflict in default")), qPrintable(table));
    }

    void namesThisProcessAsAHostListener()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const QString project = composeProject(dir, QStringLiteral("  api:\n    image: busybox\n    ports: [\"127.0.0.1:%1:80\"]\n")
                                                        .arg(holder.serverPort()));
        const CliResult result = run({QStringLiteral("-p"), project, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(result.exitCode == 2, qPrintable(result.err));
        const QJsonArray conflicts = parseArray(result.out);
        QCOMPARE(conflicts.size(), 1);
        checkShape(conflicts.first().toObject());
        const QJsonObject conflict = conflicts.first().toObject();
        QCOMPARE(conflict.value(QStringLiteral("host_ip")).toString(), QStringLiteral("127.0.0.1"));
        const QJsonArray claimants = conflict.value(QStringLiteral("claimants")).toArray();
        QCOMPARE(claimants.size(), 2);
        const QJsonObject host = claimants.at(1).toObject();
        QCOMPARE(host.value(QStringLiteral("pid")).toInteger(), QCoreApplication::applicationPid());
        QCOMPARE(host.value(QStringLiteral("process")).toString(), QFileInfo(QCoreApplication::applicationFilePath()).fileName().left(15));
    }

    void deadEngineIsAWarningNotAFailure() // exit 1: warnings only, the rest was checked
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("compose.yaml")),
                          QStringLiteral("services:\n  api:\n    image: busybox\n    ports: [\"127.0.0.1:%1:80\"]\n").arg(freePort())));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("stagehand.yaml")),
                          QStringLiteral("name: deadengine\nenvironments:\n  dev:\n    compose: [compose.yaml]\n"
                                         "    project_name: deadengine-dev\n    engine: unix://%1\n")
                              .arg(dir.filePath(QStringLiteral("no-engine.sock")))));
        const CliResult result = run({QStringLiteral("-p"), dir.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(result.exitCode == 1, qPrintable(result.err));
        QCOMPARE(parseArray(result.out), QJsonArray());
        QVERIFY2(result.err.contains(QStringLiteral("warning")) && result.err.contains(QStringLiteral("not reachable")), qPrintable(result.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrMentions");
        const QString demo = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");
        QTest::newRow("bad format") << QStringList{QStringLiteral("-p"), demo, QStringLiteral("--format"), QStringLiteral("yaml")} << 64
                                    << QStringLiteral("unknown format");
        QTest::newRow("unknown environment") << QStringList{QStringLiteral("-p"), demo, QStringLiteral("-e"), QStringLiteral("qa")} << 64
                                             << QStringLiteral("no environment 'qa'");
        QTest::newRow("no project") << QStringList{QStringLiteral("-p"), QStringLiteral("/nonexistent/stagehand")} << 2 << QString();
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrMentions);
        const CliResult result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY(result.out.isEmpty());
        QVERIFY(!result.err.isEmpty());
        QVERIFY2(result.err.contains(stderrMentions), qPrintable(result.err));
    }

    void seedExample()
    {
        const CliResult result = run({QStringLiteral("-p"), QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/piper-staging"),
                                      QStringLiteral("-e"), QStringLiteral("staging"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(result.exitCode == 2, qPrintable(result.err));
        const QJsonArray conflicts = parseArray(result.out);
        bool inStaging = false, crossed = false;
        for (const QJsonValue &value : conflicts) {
            const QJsonObject conflict = value.toObject();
            checkShape(conflict);
            if (conflict.value(QStringLiteral("port")).toInt() != 8001)
                continue;
            QSet<QString> services;
            for (const QJsonValue &claimant : conflict.value(QStringLiteral("claimants")).toArray())
                services.insert(claimant[QStringLiteral("environment")].toString() + u'/' + claimant[QStringLiteral("service")].toString());
            inStaging = inStaging || (services.contains(QStringLiteral("staging/api-staging")) && services.contains(QStringLiteral("staging/chromadb-staging")));
            crossed = crossed || (services.contains(QStringLiteral("dev/api")) && services.contains(QStringLiteral("staging/api-staging")));
        }
        QVERIFY2(inStaging && crossed, result.out.constData());
    }

    void demoHasNoConflictsOfItsOwn()
    {
        // Whatever else runs on this machine may hold one of the demo's ports: such a conflict
        // must then name a host process or a container, never only the demo's own services.
        const CliResult result = run({QStringLiteral("-p"), QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo"),
                                      QStringLiteral("--format"), QStringLiteral("json")});
        const QJsonArray conflicts = parseArray(result.out);
        QCOMPARE(result.exitCode, conflicts.isEmpty() ? 0 : 2);
        for (const QJsonValue &value : conflicts) {
            checkShape(value.toObject());
            bool external = false;
            for (const QJsonValue &claimant : value[QStringLiteral("claimants")].toArray())
                external = external || !claimant[QStringLiteral("environment")].isString();
            QVERIFY2(external, result.out.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestPortsCli)
#include "tst_portscli.moc"
