// stagehand-cli's engine commands through the real binary against the real engine: ps (text, json,
// --all), ps -p/-e on a stack docker-compose 1.29 started (matched by labels, orphans and one-offs
// marked), logs of a service, exec exit codes, images and a refused pull (usage errors and an
// unreachable --host: unit/enginecli). Everything the test creates carries io.stagehand.test and
// is removed at the end.

#include "CliRunner.h"
#include "DockerCli.h"
#include "FreePorts.h"
#include "FreeSubnet.h"
#include "ProcessRunner.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using stagehand::test::CliResult;
using stagehand::test::CliRunner;
using stagehand::test::DockerCli;
using stagehand::test::FreePorts;
using stagehand::test::FreeSubnet;
using stagehand::test::ProcessResult;
using stagehand::test::ProcessRunner;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

QJsonObject findByName(const QJsonArray &array, const QString &name)
{
    for (const QJsonValue &value : array) {
        if (value.toObject().value(QLatin1String("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) > 0;
}

const QStringList &containerKeys()
{
    static const QStringList keys{QStringLiteral("created"), QStringLiteral("health"),   QStringLiteral("id"),
                                  QStringLiteral("image"),   QStringLiteral("image_id"), QStringLiteral("labels"),
                                  QStringLiteral("name"),    QStringLiteral("number"),   QStringLiteral("one_off"),
                                  QStringLiteral("orphan"),  QStringLiteral("ports"),    QStringLiteral("project"),
                                  QStringLiteral("service"), QStringLiteral("state"),    QStringLiteral("status")};
    return keys;
}

} // namespace

class TestCliContainers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void psListsContainers();
    void psShowsHealthAndPorts();
    void psMatchesComposeStackByLabels();
    void execPassesExitCodeThrough();
    void imagesListsLocalImage();
    void pullRefusalIsExit2();
    void cleanupTestCase();

private:
    CliResult cli(const QStringList &arguments, int timeoutMs = 60000) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path()); // the CLI's log file
        return CliRunner::run(arguments, environment, timeoutMs);
    }
    // docker run -d with the test label; the new container's name.
    QString runContainer(const QString &prefix, const QStringList &options, const QString &script)
    {
        const QString name = TestRun::current().uniqueName(prefix);
        const ProcessResult result =
            m_docker.run(QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                                     QStringLiteral("--network"), QStringLiteral("none")} +
                         TestRun::current().labelArguments() + options +
                         QStringList{m_baseImage, QStringLiteral("sh"), QStringLiteral("-c"), script});
        if (!result.ok())
            qWarning("docker run failed: %s", qPrintable(result.describe()));
        return result.ok() ? name : QString();
    }
    ProcessResult compose(const QStringList &arguments) const
    {
        return ProcessRunner(DockerCli::composeProgram())
            .setArguments(QStringList{QStringLiteral("-p"), m_composeProject, QStringLiteral("-f"),
                                      m_projectDir.filePath(QStringLiteral("compose.yaml"))} +
                          arguments)
            .setWorkingDirectory(m_projectDir.path())
            .setTimeoutMs(120000)
            .run();
    }

    DockerCli m_docker;
    QString m_baseImage;
    QTemporaryDir m_home;
    QTemporaryDir m_projectDir;
    QString m_composeProject;
    QString m_running;
    QString m_exited;
    QString m_network;
    bool m_ready = false;
};

void TestCliContainers::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    m_running = runContainer(QStringLiteral("ps-up"), {QStringLiteral("--stop-signal"), QStringLiteral("SIGKILL")},
                             QStringLiteral("sleep 300"));
    m_exited = runContainer(QStringLiteral("ps-done"), {}, QStringLiteral("exit 0"));
    QVERIFY(!m_running.isEmpty() && !m_exited.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_docker.run({QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"), m_exited})
                .out()
                .trimmed() == QLatin1String("exited"),
        30000);
    m_ready = true;
}

void TestCliContainers::psListsContainers()
{
    QVERIFY(m_ready);
    const CliResult json = cli({QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonArray running = CliRunner::parseArray(json.out);
    const QJsonObject up = findByName(running, m_running);
    QVERIFY2(!up.isEmpty(), json.out.constData());
    QCOMPARE(CliRunner::keysOf(up), containerKeys());
    QCOMPARE(up.value(QLatin1String("state")).toString(), QStringLiteral("running"));
    QCOMPARE(up.value(QLatin1String("image")).toString(), m_baseImage);
    QVERIFY(up.value(QLatin1String("status")).toString().startsWith(QLatin1String("Up")));
    QCOMPARE(up.value(QLatin1String("labels")).toObject().value(TestRun::labelKey()).toString(), TestRun::current().labelValue());
    QVERIFY(up.value(QLatin1String("ports")).toArray().isEmpty());
    QVERIFY(up.value(QLatin1String("id")).toString().size() == 64);
    QVERIFY(findByName(running, m_exited).isEmpty()); // running ones only without --all

    const CliResult all =
        cli({QStringLiteral("ps"), QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(all.exitCode == 0, qPrintable(all.err));
    const QJsonObject done = findByName(CliRunner::parseArray(all.out), m_exited);
    QCOMPARE(done.value(QLatin1String("state")).toString(), QStringLiteral("exited"));
    QVERIFY(done.value(QLatin1String("status")).toString().startsWith(QLatin1String("Exited (0)")));

    const CliResult text = cli({QStringLiteral("ps"), QStringLiteral("-a")});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    const QStringList lines = QString::fromUtf8(text.out).split(u'\n');
    QVERIFY(lines.first().startsWith(QLatin1String("NAME")));
    QVERIFY(lines.first().contains(QLatin1String("STATE")));
    bool sawUp = false, sawDone = false;
    for (const QString &line : lines) {
        const QStringList cells = line.split(u' ', Qt::SkipEmptyParts);
        if (cells.value(0) == m_running)
            sawUp = line.contains(QLatin1String(" running ")) && line.contains(m_baseImage);
        if (cells.value(0) == m_exited)
            sawDone = line.contains(QLatin1String(" exited "));
    }
    QVERIFY2(sawUp && sawDone, text.out.constData());
}

void TestCliContainers::psShowsHealthAndPorts()
{
    QVERIFY(m_ready);
    // On a network of its own, publishing one port on 127.0.0.1 (and exposing another), with a healthcheck.
    const QString name = TestRun::current().uniqueName(QStringLiteral("ps-health"));
    const FreeSubnet subnet = FreeSubnet::take(m_docker);
    QVERIFY(subnet.isValid());
    m_network = TestRun::current().uniqueName(QStringLiteral("net"));
    const ProcessResult network =
        m_docker.run(QStringList{QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("--subnet"), subnet.cidr()} +
                     TestRun::current().labelArguments() + QStringList{m_network});
    QVERIFY2(network.ok(), qPrintable(network.describe()));
    const quint16 port = FreePorts(m_docker).takeOne();
    const ProcessResult run = m_docker.run(
        QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name, QStringLiteral("--network"),
                    m_network, QStringLiteral("-p"), QStringLiteral("127.0.0.1:%1:80").arg(port), QStringLiteral("--expose"),
                    QStringLiteral("9000"), QStringLiteral("--health-cmd"), QStringLiteral("true"),
                    QStringLiteral("--health-interval"), QStringLiteral("1s"), QStringLiteral("--stop-signal"),
                    QStringLiteral("SIGKILL")} +
        TestRun::current().labelArguments() + QStringList{m_baseImage, QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_docker.run({QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Health.Status}}"), name})
                .out()
                .trimmed() == QLatin1String("healthy"),
        30000);

    const CliResult json = cli({QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject container = findByName(CliRunner::parseArray(json.out), name);
    QCOMPARE(container.value(QLatin1String("health")).toString(), QStringLiteral("healthy"));
    const QJsonArray ports = container.value(QLatin1String("ports")).toArray();
    QJsonObject published, exposed;
    for (const QJsonValue &value : ports)
        (value.toObject().value(QLatin1String("target")).toInt() == 80 ? published : exposed) = value.toObject();
    QCOMPARE(published, (QJsonObject{{QStringLiteral("host_ip"), QStringLiteral("127.0.0.1")},
                                     {QStringLiteral("published"), port},
                                     {QStringLiteral("target"), 80},
                                     {QStringLiteral("protocol"), QStringLiteral("tcp")}}));
    QCOMPARE(exposed.value(QLatin1String("target")).toInt(), 9000);
    QVERIFY(exposed.value(QLatin1String("published")).isNull());

    const CliResult text = cli({QStringLiteral("ps")});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    bool row = false;
    for (const QString &line : QString::fromUtf8(text.out).split(u'\n')) {
        if (line.startsWith(name + u' '))
            row = line.contains(QLatin1String(" healthy ")) && line.contains(QStringLiteral("127.0.0.1:%1->80/tcp").arg(port)) &&
                  line.contains(QLatin1String("9000/tcp"));
    }
    QVERIFY2(row, text.out.constData());
}

void TestCliContainers::psMatchesComposeStackByLabels()
{
    QVERIFY(m_ready);
    STAGEHAND_REQUIRE(Requirements::compose());
    m_composeProject = TestRun::current().uniqueName(QStringLiteral("cmp"));
    const QString label = TestRun::current().labelValue();
    const QString service =
        QStringLiteral("    image: %1\n"
                       "    command: [\"sh\", \"-c\", \"echo started-$$HOSTNAME; echo oops >&2; sleep 300\"]\n"
                       "    network_mode: none\n"
                       "    stop_signal: SIGKILL\n"
                       "    labels:\n"
                       "      io.stagehand.test: %2\n")
            .arg(m_baseImage, label);
    QVERIFY(writeFile(m_projectDir.filePath(QStringLiteral("compose.yaml")),
                      QStringLiteral("services:\n  web:\n") + service + QStringLiteral("  worker:\n") + service));
    QVERIFY(
        writeFile(m_projectDir.filePath(QStringLiteral("stagehand.yaml")),
                  QStringLiteral("name: clitest\nenvironments:\n  staging:\n    compose: [compose.yaml]\n    project_name: %1\n")
                      .arg(m_composeProject)));
    const ProcessResult up = compose({QStringLiteral("up"), QStringLiteral("-d")});
    QVERIFY2(up.ok(), qPrintable(up.describe()));
    // A one-off container of `docker-compose run`, and an orphan: the project's labels, a service the files lack.
    const ProcessResult run = compose(
        {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("worker"), QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    const QString orphan = runContainer(
        QStringLiteral("orphan"),
        {QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=") + m_composeProject, QStringLiteral("--label"),
         QStringLiteral("com.docker.compose.service=retired"), QStringLiteral("--label"),
         QStringLiteral("com.docker.compose.oneoff=False"), QStringLiteral("--stop-signal"), QStringLiteral("SIGKILL")},
        QStringLiteral("sleep 300"));
    QVERIFY(!orphan.isEmpty());

    const QStringList target{QStringLiteral("-p"), m_projectDir.path(), QStringLiteral("-e"), QStringLiteral("staging")};
    const CliResult json =
        cli(QStringList{QStringLiteral("ps")} + target + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonArray listed = CliRunner::parseArray(json.out);
    QCOMPARE(listed.size(), 4);
    // docker-compose 1.29 names them <project>_<service>_<n>; the match went by labels.
    const QJsonObject web = findByName(listed, m_composeProject + QStringLiteral("_web_1"));
    QCOMPARE(CliRunner::keysOf(web), containerKeys());
    QCOMPARE(web.value(QLatin1String("service")).toString(), QStringLiteral("web"));
    QCOMPARE(web.value(QLatin1String("project")).toString(), m_composeProject);
    QCOMPARE(web.value(QLatin1String("number")).toInt(), 1);
    QCOMPARE(web.value(QLatin1String("state")).toString(), QStringLiteral("running"));
    QCOMPARE(web.value(QLatin1String("orphan")).toBool(), false);
    QCOMPARE(web.value(QLatin1String("one_off")).toBool(), false);
    QCOMPARE(findByName(listed, m_composeProject + QStringLiteral("_worker_1")).value(QLatin1String("service")).toString(),
             QStringLiteral("worker"));
    QCOMPARE(findByName(listed, orphan).value(QLatin1String("orphan")).toBool(), true);
    int oneOffs = 0;
    for (const QJsonValue &value : listed) {
        if (value.toObject().value(QLatin1String("one_off")).toBool()) {
            ++oneOffs;
            QCOMPARE(value.toObject().value(QLatin1String("service")).toString(), QStringLiteral("worker"));
        }
    }
    QCOMPARE(oneOffs, 1);
    QVERIFY(findByName(listed, m_running).isEmpty()); // not the project's

    const CliResult text = cli(QStringList{QStringLiteral("ps")} + target);
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains("retired (orphan)"), text.out.constData());
    QVERIFY2(text.out.contains("worker (run)"), text.out.constData());

    // logs of a service through the matcher: what `docker logs` prints for its container, stream by stream.
    const QString webName = m_composeProject + QStringLiteral("_web_1");
    QTRY_VERIFY_WITH_TIMEOUT(m_docker.run({QStringLiteral("logs"), webName}).standardError.contains("oops"), 15000);
    const ProcessResult reference = m_docker.run({QStringLiteral("logs"), webName});
    const CliResult logs = cli(QStringList{QStringLiteral("logs")} + target + QStringList{QStringLiteral("web")});
    QCOMPARE(logs.exitCode, 0);
    QCOMPARE(logs.out, reference.standardOutput);
    QCOMPARE(logs.err.toUtf8(), reference.standardError);
    QVERIFY(logs.out.startsWith("started-"));

    // Scaled: numbered by their label; logs of the service prefix each line with its container.
    const ProcessResult scaled =
        compose({QStringLiteral("up"), QStringLiteral("-d"), QStringLiteral("--scale"), QStringLiteral("web=2")});
    QVERIFY2(scaled.ok(), qPrintable(scaled.describe()));
    const QString web2 = m_composeProject + QStringLiteral("_web_2");
    const QJsonArray after = CliRunner::parseArray(
        cli(QStringList{QStringLiteral("ps")} + target + QStringList{QStringLiteral("--format"), QStringLiteral("json")}).out);
    QCOMPARE(after.size(), 5);
    QCOMPARE(findByName(after, web2).value(QLatin1String("number")).toInt(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(m_docker.run({QStringLiteral("logs"), web2}).standardError.contains("oops"), 15000);
    const CliResult both = cli(QStringList{QStringLiteral("logs")} + target + QStringList{QStringLiteral("web")});
    QCOMPARE(both.exitCode, 0);
    QVERIFY2(both.out.contains(QByteArray(webName.toUtf8() + " | started-")), both.out.constData());
    QVERIFY2(both.out.contains(QByteArray(web2.toUtf8() + " | started-")), both.out.constData());
    QVERIFY2(both.err.contains(web2 + QStringLiteral(" | oops\n")), qPrintable(both.err));

    const CliResult unknown = cli(QStringList{QStringLiteral("logs")} + target + QStringList{QStringLiteral("nosuchservice")});
    QCOMPARE(unknown.exitCode, 64);
    QVERIFY(unknown.err.contains(QLatin1String("web, worker")));
}

void TestCliContainers::execPassesExitCodeThrough()
{
    QVERIFY(m_ready);
    const CliResult ok = cli({QStringLiteral("exec"), m_running, QStringLiteral("--"), QStringLiteral("true")});
    QCOMPARE(ok.exitCode, 0);
    const CliResult three = cli({QStringLiteral("exec"), m_running, QStringLiteral("--"), QStringLiteral("sh"),
                                 QStringLiteral("-c"), QStringLiteral("echo to-out; echo to-err >&2; exit 3")});
    QCOMPARE(three.exitCode, 3);
    QCOMPARE(three.out, QByteArrayLiteral("to-out\n"));
    QCOMPARE(three.err, QStringLiteral("to-err\n"));

    const CliResult missing = cli({QStringLiteral("exec"), TestRun::current().uniqueName(QStringLiteral("nosuch")),
                                   QStringLiteral("--"), QStringLiteral("true")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QLatin1String("No such container"), Qt::CaseInsensitive), qPrintable(missing.err));
}

void TestCliContainers::imagesListsLocalImage()
{
    QVERIFY(m_ready);
    const CliResult json = cli({QStringLiteral("images"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    bool found = false;
    for (const QJsonValue &value : CliRunner::parseArray(json.out)) {
        const QJsonObject image = value.toObject();
        if (!image.value(QLatin1String("repo_tags")).toArray().contains(m_baseImage))
            continue;
        found = true;
        QCOMPARE(CliRunner::keysOf(image),
                 QStringList({QStringLiteral("created"), QStringLiteral("id"), QStringLiteral("labels"),
                              QStringLiteral("repo_digests"), QStringLiteral("repo_tags"), QStringLiteral("size")}));
        QVERIFY(image.value(QLatin1String("id")).toString().startsWith(QLatin1String("sha256:")));
        QVERIFY(image.value(QLatin1String("size")).toDouble() > 0);
    }
    QVERIFY2(found, json.out.constData());

    const CliResult text = cli({QStringLiteral("images")});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    const QString tag = m_baseImage.section(u':', 1);
    bool row = false;
    for (const QString &line : QString::fromUtf8(text.out).split(u'\n')) {
        const QStringList cells = line.split(u' ', Qt::SkipEmptyParts);
        row = row || (cells.value(0) == QLatin1String("stagehand/base") && cells.value(1) == tag);
    }
    QVERIFY2(row, text.out.constData());
}

void TestCliContainers::pullRefusalIsExit2()
{
    QVERIFY(m_ready);
    // No registry listens there: the engine's (registry client's) refusal, exit 2.
    const quint16 port = FreePorts(m_docker).takeOne();
    const CliResult pull = cli({QStringLiteral("pull"), QStringLiteral("127.0.0.1:%1/stagehand-nothing:1").arg(port)});
    QCOMPARE(pull.exitCode, 2);
    QVERIFY2(pull.err.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(pull.err));
    QVERIFY(pull.out.isEmpty());
}

void TestCliContainers::cleanupTestCase()
{
    if (!m_composeProject.isEmpty())
        compose({QStringLiteral("down"), QStringLiteral("--remove-orphans"), QStringLiteral("--timeout"), QStringLiteral("1")});
    const QStringList ids = m_docker.containerIds({QStringLiteral("label=") + TestRun::current().label()});
    if (!ids.isEmpty())
        m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + ids);
    if (!m_network.isEmpty())
        m_docker.run({QStringLiteral("network"), QStringLiteral("rm"), m_network});
}

QTEST_GUILESS_MAIN(TestCliContainers)
#include "tst_cli_containers.moc"
