// stagehand-cli's streaming commands through the real binary against the real engine: logs equal
// to `docker logs` stream by stream (interleaved stdout/stderr, a line longer than a frame, --tail),
// events --format json of a container's life (the CLI killed by the test with SIGTERM, and ended by
// --until), and stats --no-stream --format json agreeing with `docker stats --no-stream`.

#include "CliRunner.h"
#include "DockerCli.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <csignal>

using stagehand::test::CliResult;
using stagehand::test::CliRunner;
using stagehand::test::DockerCli;
using stagehand::test::ProcessResult;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

// "1.5MiB", "256MiB", "12.3kB" (docker stats' figures) in bytes; -1 if unreadable.
double parseDockerSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9.]+)\\s*([A-Za-z]*)$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return -1;
    static const QMap<QString, double> units{{QStringLiteral("B"), 1},
                                             {QStringLiteral("KiB"), 1024.0},
                                             {QStringLiteral("MiB"), 1024.0 * 1024},
                                             {QStringLiteral("GiB"), 1024.0 * 1024 * 1024},
                                             {QStringLiteral("kB"), 1000.0},
                                             {QStringLiteral("MB"), 1e6},
                                             {QStringLiteral("GB"), 1e9}};
    if (!units.contains(m.captured(2)))
        return -1;
    return m.captured(1).toDouble() * units.value(m.captured(2));
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            qWarning("not a JSON object line: %s", line.constData());
            return {};
        }
        objects.append(document.object());
    }
    return objects;
}

// The actions of the container's events, in order.
QStringList actionsOf(const QList<QJsonObject> &events, const QString &name)
{
    QStringList actions;
    for (const QJsonObject &event : events) {
        if (event.value(QLatin1String("Actor"))
                .toObject()
                .value(QLatin1String("Attributes"))
                .toObject()
                .value(QLatin1String("name"))
                .toString() == name)
            actions.append(event.value(QLatin1String("Action")).toString());
    }
    return actions;
}

} // namespace

class TestCliStreams : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void logsEqualDockerLogs();
    void eventsFollowAContainer();
    void eventsSinceADuration();
    void statsAgreeWithDockerStats();
    void followingEndsCleanly();
    void cleanupTestCase();

private:
    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path()); // the CLI's log file
        return environment;
    }
    CliResult cli(const QStringList &arguments, int timeoutMs = 60000) const
    {
        return CliRunner::run(arguments, environment(), timeoutMs);
    }
    QString runContainer(const QString &name, const QStringList &options, const QString &script) const
    {
        const ProcessResult result =
            m_docker.run(QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                                     QStringLiteral("--network"), QStringLiteral("none")} +
                         TestRun::current().labelArguments() + options +
                         QStringList{m_baseImage, QStringLiteral("sh"), QStringLiteral("-c"), script});
        if (!result.ok())
            qWarning("docker run failed: %s", qPrintable(result.describe()));
        return result.ok() ? result.out().trimmed() : QString();
    }
    QString state(const QString &name) const
    {
        return m_docker.run({QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"), name})
            .out()
            .trimmed();
    }

    DockerCli m_docker;
    QString m_baseImage;
    QTemporaryDir m_home;
    bool m_ready = false;
};

void TestCliStreams::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    m_ready = true;
}

void TestCliStreams::logsEqualDockerLogs()
{
    QVERIFY(m_ready);
    const QString name = TestRun::current().uniqueName(QStringLiteral("logs"));
    // A line far longer than one frame, stdout and stderr interleaved, a last line without a newline.
    const QString script = QStringLiteral("head -c 70000 /dev/zero | tr '\\0' x; echo; "
                                          "for i in $(seq 1 50); do echo out$i; echo err$i >&2; done; "
                                          "head -c 40000 /dev/zero | tr '\\0' y >&2; echo >&2; printf tail-no-newline");
    QVERIFY(!runContainer(name, {}, script).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(state(name), QStringLiteral("exited"), 30000);

    const ProcessResult reference = m_docker.run({QStringLiteral("logs"), name});
    QVERIFY(reference.ok());
    const CliResult logs = cli({QStringLiteral("logs"), name});
    QCOMPARE(logs.exitCode, 0);
    QCOMPARE(logs.out.size(), reference.standardOutput.size());
    QCOMPARE(logs.out, reference.standardOutput);
    QCOMPARE(logs.err.toUtf8(), reference.standardError);
    QVERIFY(logs.out.endsWith("out50\ntail-no-newline"));
    QVERIFY(logs.err.startsWith(QLatin1String("err1\nerr2\n")));

    // --tail and --timestamps as docker has them (-f on a stopped container ends at once).
    const ProcessResult tail = m_docker.run({QStringLiteral("logs"), QStringLiteral("--tail"), QStringLiteral("3"), name});
    const CliResult ours =
        cli({QStringLiteral("logs"), QStringLiteral("--tail"), QStringLiteral("3"), QStringLiteral("-f"), name});
    QCOMPARE(ours.exitCode, 0);
    QCOMPARE(ours.out, tail.standardOutput);
    QCOMPARE(ours.err.toUtf8(), tail.standardError);
    const ProcessResult stamped = m_docker.run({QStringLiteral("logs"), QStringLiteral("-t"), name});
    const CliResult ourStamped = cli({QStringLiteral("logs"), QStringLiteral("--timestamps"), name});
    QCOMPARE(ourStamped.out, stamped.standardOutput);

    const CliResult missing = cli({QStringLiteral("logs"), TestRun::current().uniqueName(QStringLiteral("nosuch"))});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QLatin1String("No such container"), Qt::CaseInsensitive), qPrintable(missing.err));
}

void TestCliStreams::eventsFollowAContainer()
{
    QVERIFY(m_ready);
    const QString name = TestRun::current().uniqueName(QStringLiteral("events"));
    const QString since = QString::number(QDateTime::currentSecsSinceEpoch() - 1);
    QProcess events;
    events.setProcessEnvironment(environment());
    events.start(QStringLiteral(STAGEHAND_CLI_PATH),
                 {QStringLiteral("events"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--since"), since,
                  QStringLiteral("--filter"), QStringLiteral("type=container"), QStringLiteral("--filter"),
                  QStringLiteral("label=") + TestRun::current().label()});
    QVERIFY(events.waitForStarted());
    QVERIFY(!runContainer(name, {}, QStringLiteral("exit 0")).isEmpty());

    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += events.readAllStandardOutput(), actionsOf(jsonLines(out), name).contains(QLatin1String("die"))), 30000);
    const QStringList actions = actionsOf(jsonLines(out), name);
    QVERIFY2(actions.indexOf(QLatin1String("create")) >= 0 &&
                 actions.indexOf(QLatin1String("create")) < actions.indexOf(QLatin1String("start")) &&
                 actions.indexOf(QLatin1String("start")) < actions.indexOf(QLatin1String("die")),
             qPrintable(actions.join(u',')));
    for (const QJsonObject &event : jsonLines(out)) {
        QCOMPARE(event.value(QLatin1String("Type")).toString(), QStringLiteral("container"));
        QVERIFY(event.value(QLatin1String("timeNano")).toDouble() > 0);
    }
    QVERIFY(events.state() == QProcess::Running); // keeps following
    events.terminate();                           // SIGTERM: a clean end
    QVERIFY(events.waitForFinished(15000));
    QCOMPARE(events.exitStatus(), QProcess::NormalExit);
    QCOMPARE(events.exitCode(), 0);

    // With --until in the past the same events come, and the command ends by itself.
    // (a second ahead: the engine compares whole seconds, and the die event came in this one)
    const QString until = QString::number(QDateTime::currentSecsSinceEpoch() + 1);
    const CliResult bounded =
        cli({QStringLiteral("events"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--since"), since,
             QStringLiteral("--until"), until, QStringLiteral("--filter"), QStringLiteral("label=") + TestRun::current().label()},
            30000);
    QCOMPARE(bounded.exitCode, 0);
    const QStringList again = actionsOf(jsonLines(bounded.out), name);
    QVERIFY2(again.contains(QLatin1String("create")) && again.contains(QLatin1String("die")), qPrintable(again.join(u',')));

    // Text: one line an event, docker's layout.
    // (--since as RFC 3339 here, and as a duration before now in the next call)
    const QString sinceRfc3339 = QDateTime::fromSecsSinceEpoch(since.toLongLong(), QTimeZone::utc()).toString(Qt::ISODate);
    const CliResult text = cli({QStringLiteral("events"), QStringLiteral("--since"), sinceRfc3339, QStringLiteral("--until"),
                                until, QStringLiteral("--filter"), QStringLiteral("container=") + name},
                               30000);
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(
        QString::fromUtf8(text.out).contains(QRegularExpression(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z container start [0-9a-f]{64} \\(.*name=") + name,
            QRegularExpression::MultilineOption)),
        text.out.constData());
}

void TestCliStreams::eventsSinceADuration()
{
    QVERIFY(m_ready);
    const QString name = TestRun::current().uniqueName(QStringLiteral("recent"));
    QVERIFY(!runContainer(name, {}, QStringLiteral("exit 0")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(state(name), QStringLiteral("exited"), 30000);
    const QString until = QString::number(QDateTime::currentSecsSinceEpoch() + 1);
    const CliResult recent = cli({QStringLiteral("events"), QStringLiteral("--format"), QStringLiteral("json"),
                                  QStringLiteral("--since"), QStringLiteral("2m"), QStringLiteral("--until"), until,
                                  QStringLiteral("--filter"), QStringLiteral("container=") + name},
                                 30000);
    QCOMPARE(recent.exitCode, 0);
    QVERIFY2(actionsOf(jsonLines(recent.out), name).contains(QLatin1String("create")), recent.out.constData());
    QVERIFY(actionsOf(jsonLines(recent.out), name).contains(QLatin1String("die")));
    // A duration that reaches back before the container existed, and one that does not.
    const CliResult none =
        cli({QStringLiteral("events"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--since"),
             QStringLiteral("0s"), QStringLiteral("--until"), QString::number(QDateTime::currentSecsSinceEpoch() + 1),
             QStringLiteral("--filter"), QStringLiteral("container=") + name},
            30000);
    QCOMPARE(none.exitCode, 0);
    QVERIFY2(!actionsOf(jsonLines(none.out), name).contains(QLatin1String("create")), none.out.constData());
}

void TestCliStreams::statsAgreeWithDockerStats()
{
    QVERIFY(m_ready);
    const QString name = TestRun::current().uniqueName(QStringLiteral("stats"));
    // 32 MiB held in a tmpfs file (shared memory is not reclaimable cache), under a 256 MiB limit.
    const QString id = runContainer(
        name, {QStringLiteral("--memory"), QStringLiteral("256m"), QStringLiteral("--stop-signal"), QStringLiteral("SIGKILL")},
        QStringLiteral("head -c 33554432 /dev/zero > /dev/shm/fill; touch /tmp/ready; sleep 300"));
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_docker.run({QStringLiteral("exec"), name, QStringLiteral("test"), QStringLiteral("-e"), QStringLiteral("/tmp/ready")})
            .ok(),
        30000);

    const CliResult ours =
        cli({QStringLiteral("stats"), QStringLiteral("--no-stream"), QStringLiteral("--format"), QStringLiteral("json"), name});
    QVERIFY2(ours.exitCode == 0, qPrintable(ours.err));
    const QList<QJsonObject> samples = jsonLines(ours.out);
    QCOMPARE(samples.size(), 1);
    const QJsonObject sample = samples.first();
    QCOMPARE(CliRunner::keysOf(sample),
             QStringList({QStringLiteral("block_read"), QStringLiteral("block_write"), QStringLiteral("cpu_percent"),
                          QStringLiteral("id"), QStringLiteral("memory_limit"), QStringLiteral("memory_percent"),
                          QStringLiteral("memory_usage"), QStringLiteral("name"), QStringLiteral("network_rx"),
                          QStringLiteral("network_tx"), QStringLiteral("online_cpus"), QStringLiteral("pids"),
                          QStringLiteral("read")}));
    QCOMPARE(sample.value(QLatin1String("id")).toString(), id);
    QCOMPARE(sample.value(QLatin1String("name")).toString(), name);
    QCOMPARE(qint64(sample.value(QLatin1String("memory_limit")).toDouble()), qint64(256) * 1024 * 1024);
    QVERIFY(sample.value(QLatin1String("pids")).toInt() >= 1);

    const ProcessResult docker = m_docker.run(
        {QStringLiteral("stats"), QStringLiteral("--no-stream"), QStringLiteral("--format"), QStringLiteral("{{json .}}"), name});
    QVERIFY2(docker.ok(), qPrintable(docker.describe()));
    const QJsonObject theirs = QJsonDocument::fromJson(docker.standardOutput).object();
    const QStringList usage = theirs.value(QLatin1String("MemUsage")).toString().split(QStringLiteral(" / "));
    QCOMPARE(usage.size(), 2);
    const double theirUsage = parseDockerSize(usage.at(0));
    const double theirLimit = parseDockerSize(usage.at(1));
    const double ourUsage = sample.value(QLatin1String("memory_usage")).toDouble();
    QVERIFY2(theirUsage > 0, qPrintable(usage.at(0)));
    QVERIFY(ourUsage >= 32.0 * 1024 * 1024); // the tmpfs file at least
    // Samples a second or two apart of a container at rest: within 10% or 2 MiB.
    QVERIFY2(std::abs(ourUsage - theirUsage) <= std::max(2.0 * 1024 * 1024, 0.1 * theirUsage),
             qPrintable(QStringLiteral("ours %1, docker's %2").arg(ourUsage).arg(theirUsage)));
    QVERIFY(std::abs(theirLimit - 256.0 * 1024 * 1024) < 1024 * 1024);
    QCOMPARE(sample.value(QLatin1String("pids")).toInt(), theirs.value(QLatin1String("PIDs")).toString().toInt());

    // Text: docker's columns.
    const CliResult text = cli({QStringLiteral("stats"), QStringLiteral("--no-stream"), name});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.startsWith("CONTAINER ID   NAME"));
    QVERIFY2(text.out.contains("/ 256MiB"), text.out.constData());
    QVERIFY(text.out.contains(id.left(12).toUtf8()));
}

void TestCliStreams::followingEndsCleanly()
{
    QVERIFY(m_ready);
    // logs -f ends by itself when the container stops, with everything it wrote.
    const QString brief = TestRun::current().uniqueName(QStringLiteral("brief"));
    QVERIFY(!runContainer(brief, {}, QStringLiteral("echo one; sleep 2; echo two; echo gone >&2")).isEmpty());
    const CliResult followed = cli({QStringLiteral("logs"), QStringLiteral("-f"), brief}, 30000);
    QCOMPARE(followed.exitCode, 0);
    QCOMPARE(followed.out, QByteArrayLiteral("one\ntwo\n"));
    QCOMPARE(followed.err, QStringLiteral("gone\n"));

    // logs -f and stats (streaming, json) of a running container end on SIGINT / SIGTERM with exit 0.
    const QString busy = TestRun::current().uniqueName(QStringLiteral("busy"));
    QVERIFY(!runContainer(busy, {QStringLiteral("--stop-signal"), QStringLiteral("SIGKILL")},
                          QStringLiteral("while true; do echo tick; sleep 0.2; done"))
                 .isEmpty());
    const QList<QPair<QStringList, int>> runs{
        {{QStringLiteral("logs"), QStringLiteral("-f"), busy}, SIGINT},
        {{QStringLiteral("stats"), QStringLiteral("--format"), QStringLiteral("json"), busy}, SIGTERM}};
    for (const auto &[arguments, signal] : runs) {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(STAGEHAND_CLI_PATH), arguments);
        QVERIFY(process.waitForStarted());
        QByteArray out;
        // Two lines: logs have started following, stats has sent a second sample.
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).count('\n') >= 2, 20000);
        ::kill(pid_t(process.processId()), signal);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0,
                 qPrintable(arguments.join(u' ') + u' ' + QString::fromUtf8(process.readAllStandardError())));
        if (arguments.first() == QLatin1String("stats")) {
            const QList<QJsonObject> samples = jsonLines(out.left(out.lastIndexOf('\n') + 1));
            QVERIFY(samples.size() >= 2);
            QCOMPARE(samples.last().value(QLatin1String("name")).toString(), busy);
        } else {
            QVERIFY(out.startsWith("tick\n"));
        }
    }
}

void TestCliStreams::cleanupTestCase()
{
    const QStringList ids = m_docker.containerIds({QStringLiteral("label=") + TestRun::current().label()});
    if (!ids.isEmpty())
        m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + ids);
}

QTEST_GUILESS_MAIN(TestCliStreams)
#include "tst_cli_streams.moc"
