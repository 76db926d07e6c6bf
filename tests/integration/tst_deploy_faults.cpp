// `stagehand-cli up` when things go wrong or get unusual, on small projects of the test's own (the
// local base image): a healthcheck that never passes fails the deploy naming the service, the
// condition and its output, by the engine's verdict or at the timeout; one-shot services gate on
// their exit code; secrets, configs and a second network are in place before the start; a stack
// that docker-compose started is recreated once; orphans go only when asked; and an engine restarted
// mid-deploy (a private engine) gives a clear error and a state the next `up` finishes.

#include "CliRunner.h"
#include "DockerCli.h"
#include "PrivateEngine.h"
#include "ProcessRunner.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using stagehand::test::CliResult;
using stagehand::test::CliRunner;
using stagehand::test::DockerCli;
using stagehand::test::PrivateEngine;
using stagehand::test::ProcessRunner;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

// A project folder of the test's: compose.yaml (@IMAGE@ and @LABEL@ replaced: the test label goes
// on every service and network) and a stagehand.yaml naming the Compose project (docker-compose 1.29
// knows no top-level `name:`); taken down at the end.
class Project {
public:
    Project(const QString &compose, const QString &image, const DockerCli &docker = DockerCli())
        : m_docker(docker)
        , m_name(TestRun::current().uniqueName(QStringLiteral("faults")))
        , m_image(image)
    {
        write(compose);
        QFile project(m_dir.filePath(u"stagehand.yaml"_qs));
        if (project.open(QIODevice::WriteOnly))
            project.write(u"name: faults\nenvironments:\n  test:\n    compose: [compose.yaml]\n    project_name: %1\n"_qs.arg(m_name).toUtf8());
    }
    ~Project()
    {
        cli({QStringLiteral("down"), QStringLiteral("--volumes")});
        // Whatever a failed test left: by the label.
        const QStringList ids = m_docker.containerIds({TestRun::current().label().prepend(u"label="_qs),
                                                       u"label=com.docker.compose.project="_qs + m_name});
        if (!ids.isEmpty())
            m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + ids);
        // Its release tags (stagehand/<project>/...) and the images it built (<project>-<service>).
        const auto tags = m_docker.run({QStringLiteral("images"), QStringLiteral("--format"), QStringLiteral("{{.Repository}}:{{.Tag}}")});
        QStringList ours;
        for (const QString &tag : QString::fromUtf8(tags.standardOutput).split(u'\n', Qt::SkipEmptyParts)) {
            if (tag.startsWith(u"stagehand/%1/"_qs.arg(m_name)) || tag.startsWith(m_name + u'-'))
                ours.append(tag);
        }
        if (!ours.isEmpty())
            m_docker.run(QStringList{QStringLiteral("rmi"), QStringLiteral("-f")} + ours);
    }
    void write(const QString &compose)
    {
        QString text = compose;
        text.replace(u"@IMAGE@"_qs, m_image).replace(u"@LABEL@"_qs, TestRun::current().labelValue());
        QFile file(m_dir.filePath(u"compose.yaml"_qs));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
    }
    QString directory() const { return m_dir.path(); }
    QString name() const { return m_name; }
    CliResult cli(const QStringList &arguments, int timeoutMs = 120000) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("STAGEHAND_DATA_DIR"), m_data.path());
        environment.insert(QStringLiteral("DOCKER_HOST"), m_docker.host());
        return CliRunner::run(arguments + QStringList{QStringLiteral("-p"), m_dir.path()}, environment, timeoutMs);
    }
    QStringList containers(const QString &service) const
    {
        return m_docker.containerIds({u"label=com.docker.compose.project="_qs + m_name, u"label=com.docker.compose.service="_qs + service});
    }

private:
    DockerCli m_docker;
    QTemporaryDir m_dir;
    QTemporaryDir m_data;
    QString m_name;
    QString m_image;
};

// The services' common part, the labelled networks (default and the extra ones named), "services:".
QString header(const QStringList &networks = {})
{
    QString text = QStringLiteral(R"(x-test: &test
  image: @IMAGE@
  labels: {io.stagehand.test: "@LABEL@"}
  restart: "no"
  stop_grace_period: 1s
networks:
)");
    for (const QString &network : QStringList{QStringLiteral("default")} + networks)
        text += u"  %1:\n    labels: {io.stagehand.test: \"@LABEL@\"}\n"_qs.arg(network);
    return text + u"services:\n"_qs;
}

const QString Header = header();

QJsonObject actionOf(const QJsonObject &plan, const QString &service)
{
    for (const QJsonValue &value : plan[u"actions"_qs].toArray()) {
        if (value[u"resource"_qs] == u"container"_qs && value[u"service"_qs] == service)
            return value.toObject();
    }
    return {};
}

} // namespace

class TestDeployFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unhealthyServiceFailsWithItsHealthOutput();
    void timeoutNamesTheServiceAtItsGate();
    void oneShotServicesGateOnTheirExitCode();
    void secretsConfigsAndNetworksAreInPlaceAtStart();
    void stackStartedByComposeIsRecreatedOnce();
    void orphansAreRemovedOnlyWhenAsked();
    void builtImageIsTaggedForTheRelease();
    void interruptedDeployIsCancelledAndFinishedByTheNextUp();
    void engineRestartMidDeployIsReportedAndFinishedByTheNextUp();

private:
    DockerCli m_docker;
    QString m_image;
};

void TestDeployFaults::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_image));
}

void TestDeployFaults::unhealthyServiceFailsWithItsHealthOutput()
{
    Project project(Header + uR"(  bad:
    <<: *test
    command: ["sleep", "infinity"]
    healthcheck:
      test: ["CMD-SHELL", "echo database not ready yet >&2; exit 3"]
      interval: 1s
      timeout: 2s
      retries: 2
  after:
    <<: *test
    command: ["sleep", "infinity"]
    depends_on:
      bad: {condition: service_healthy}
)"_qs, m_image);
    const CliResult result = project.cli({QStringLiteral("up")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"service 'bad' failed its gate (healthy)"_qs), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"unhealthy"_qs), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"exit code 3"_qs), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"database not ready yet"_qs), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"needed by after (service_healthy)"_qs), qPrintable(result.err));
    QVERIFY(project.containers(u"after"_qs).isEmpty()); // never created
}

void TestDeployFaults::timeoutNamesTheServiceAtItsGate()
{
    // The seed's timings: the engine would take minutes to call it unhealthy; the deploy's timeout ends it.
    Project project(Header + uR"(  slow:
    <<: *test
    command: ["sleep", "infinity"]
    healthcheck:
      test: ["CMD-SHELL", "echo still migrating; exit 1"]
      interval: 30s
      timeout: 10s
      retries: 3
      start_period: 60s
)"_qs, m_image);
    const CliResult result = project.cli({QStringLiteral("up"), QStringLiteral("--timeout"), QStringLiteral("4")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"service 'slow' failed its gate (healthy): not healthy when the deploy's timeout (4.0 s) ran out"_qs),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(u"exit code 1: still migrating"_qs), qPrintable(result.err));
    // The container's own healthcheck is the file's.
    const QJsonObject health =
        m_docker.inspect(project.containers(u"slow"_qs)).first()[u"Config"_qs][u"Healthcheck"_qs].toObject();
    QCOMPARE(health[u"Interval"_qs].toInteger(), 30'000'000'000LL);
}

void TestDeployFaults::oneShotServicesGateOnTheirExitCode()
{
    Project project(Header + uR"(  migrate:
    <<: *test
    command: ["sh", "-c", "echo migrated; exit 0"]
  app:
    <<: *test
    command: ["sleep", "infinity"]
    depends_on:
      migrate: {condition: service_completed_successfully}
)"_qs, m_image);
    CliResult result = project.cli({QStringLiteral("up"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonArray services = QJsonDocument::fromJson(result.out).object()[u"services"_qs].toArray();
    QCOMPARE(services.at(0)[u"service"_qs].toString(), u"migrate"_qs);
    QCOMPARE(services.at(0)[u"readiness"_qs].toString(), u"completed"_qs);
    QCOMPARE(services.at(0)[u"detail"_qs].toString(), u"completed"_qs);
    QCOMPARE(services.at(1)[u"state"_qs].toString(), u"ready"_qs);
    // Again: the completed one-shot is left as it is.
    result = project.cli({QStringLiteral("up")});
    QVERIFY2(result.exitCode == 0 && result.out.contains("nothing changed"), qPrintable(result.err));

    project.write(Header + uR"(  migrate:
    <<: *test
    command: ["sh", "-c", "echo schema version conflict; exit 4"]
  app:
    <<: *test
    command: ["sleep", "infinity"]
    depends_on:
      migrate: {condition: service_completed_successfully}
)"_qs);
    result = project.cli({QStringLiteral("up")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"service 'migrate' failed its gate (completed): exited with code 4"_qs), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"schema version conflict"_qs), qPrintable(result.err));
}

void TestDeployFaults::secretsConfigsAndNetworksAreInPlaceAtStart()
{
    QTemporaryDir files;
    QFile secret(files.filePath(u"db_password"_qs));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("from-a-file\n");
    secret.close();
    Project project(header({QStringLiteral("back")}) + uR"(  app:
    <<: *test
    command: ["sh", "-c", "cat /run/secrets/db_password /run/secrets/api_token /app.conf > /tmp/seen; exec sleep infinity"]
    environment: {API_TOKEN: token-from-env}
    secrets: [db_password, {source: api_token, mode: 0400}]
    configs: [{source: app_conf, target: /app.conf}]
    networks: [default, back]
    healthcheck:
      test: ["CMD-SHELL", "test -s /tmp/seen"]
      interval: 30s
secrets:
  db_password: {file: @SECRET@}
  api_token: {environment: API_TOKEN}
configs:
  app_conf: {content: "listen 8080"}
)"_qs.replace(u"@SECRET@"_qs, secret.fileName()), m_image);
    const CliResult result = project.cli({QStringLiteral("up")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QString id = project.containers(u"app"_qs).value(0);
    const auto seen = m_docker.run({QStringLiteral("exec"), id, QStringLiteral("cat"), QStringLiteral("/tmp/seen")});
    QCOMPARE(QString::fromUtf8(seen.standardOutput), u"from-a-file\ntoken-from-envlisten 8080"_qs);
    const auto mode = m_docker.run({QStringLiteral("exec"), id, QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                                    QStringLiteral("/run/secrets/api_token")});
    QCOMPARE(QString::fromUtf8(mode.standardOutput).trimmed(), u"400"_qs);
    const QJsonObject networks = m_docker.inspect({id}).first()[u"NetworkSettings"_qs][u"Networks"_qs].toObject();
    QVERIFY2(networks.contains(project.name() + u"_back"_qs) && networks.contains(project.name() + u"_default"_qs),
             qPrintable(networks.keys().join(u", "_qs)));
    QVERIFY(networks[project.name() + u"_back"_qs][u"Aliases"_qs].toArray().contains(u"app"_qs));
}

void TestDeployFaults::stackStartedByComposeIsRecreatedOnce()
{
    STAGEHAND_REQUIRE(Requirements::compose());
    Project project(Header + uR"(  web:
    <<: *test
    command: ["sleep", "infinity"]
)"_qs, m_image);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DOCKER_HOST"), m_docker.host());
    const auto composed = ProcessRunner(DockerCli::composeProgram())
                              .setArguments({QStringLiteral("-p"), project.name(), QStringLiteral("up"), QStringLiteral("-d"),
                                             QStringLiteral("--no-build")})
                              .setWorkingDirectory(project.directory())
                              .setEnvironment(environment)
                              .setTimeoutMs(120000)
                              .run();
    QVERIFY2(composed.ok(), qPrintable(composed.describe()));
    const QString before = project.containers(u"web"_qs).value(0);
    QVERIFY(!before.isEmpty());

    CliResult plan = project.cli({QStringLiteral("up"), QStringLiteral("--dry-run"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
    QJsonObject document = QJsonDocument::fromJson(plan.out).object();
    QVERIFY(document[u"foreign"_qs].toBool());
    QCOMPARE(actionOf(document, u"web"_qs)[u"action"_qs].toString(), u"recreate"_qs);
    QVERIFY(actionOf(document, u"web"_qs)[u"reason"_qs].toString().contains(u"docker-compose"_qs));

    QCOMPARE(project.cli({QStringLiteral("up")}).exitCode, 0);
    QVERIFY(project.containers(u"web"_qs).value(0) != before);
    plan = project.cli({QStringLiteral("up"), QStringLiteral("--dry-run"), QStringLiteral("--format"), QStringLiteral("json")});
    document = QJsonDocument::fromJson(plan.out).object();
    QVERIFY(!document[u"changes"_qs].toBool());
    QVERIFY(!document[u"foreign"_qs].toBool());
}

void TestDeployFaults::orphansAreRemovedOnlyWhenAsked()
{
    Project project(Header + uR"(  web:
    <<: *test
    command: ["sleep", "infinity"]
  old:
    <<: *test
    command: ["sleep", "infinity"]
)"_qs, m_image);
    QCOMPARE(project.cli({QStringLiteral("up")}).exitCode, 0);
    project.write(Header + uR"(  web:
    <<: *test
    command: ["sleep", "infinity"]
)"_qs);
    CliResult result = project.cli({QStringLiteral("up")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains(u"orphan containers"_qs) && result.err.contains(u"--remove-orphans"_qs), qPrintable(result.err));
    QCOMPARE(project.containers(u"old"_qs).size(), 1);
    result = project.cli({QStringLiteral("up"), QStringLiteral("--remove-orphans")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(project.containers(u"old"_qs).isEmpty());
}

void TestDeployFaults::builtImageIsTaggedForTheRelease()
{
    Project project(Header + uR"(  app:
    labels: {io.stagehand.test: "@LABEL@"}
    build: {context: ., args: {FLAVOUR: plain}}
    restart: "no"
)"_qs, m_image);
    QFile dockerfile(QDir(project.directory()).filePath(u"Dockerfile"_qs));
    QVERIFY(dockerfile.open(QIODevice::WriteOnly));
    dockerfile.write(u"FROM %1\nARG FLAVOUR\nLABEL io.stagehand.test.flavour=$FLAVOUR\nCMD [\"sleep\", \"infinity\"]\n"_qs.arg(m_image).toUtf8());
    dockerfile.close();
    const CliResult result = project.cli({QStringLiteral("up")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.err.contains(u"IMAGE      build"_qs), qPrintable(result.err));
    const CliResult listed = project.cli({QStringLiteral("releases"), QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject service = CliRunner::parseArray(listed.out).first()[u"services"_qs].toArray().first().toObject();
    const QString imageId = service[u"image_id"_qs].toString();
    const QString tag = service[u"release_tag"_qs].toString();
    QVERIFY2(imageId.startsWith(u"sha256:"_qs), listed.out.constData());
    QVERIFY2(tag.endsWith(u"/app:r1"_qs), qPrintable(tag));
    const QJsonArray image = m_docker.inspect({tag}, QStringLiteral("image"));
    QCOMPARE(image.first()[u"Id"_qs].toString(), imageId);
    QCOMPARE(image.first()[u"Config"_qs][u"Labels"_qs][u"io.stagehand.test.flavour"_qs].toString(), u"plain"_qs);
}

void TestDeployFaults::interruptedDeployIsCancelledAndFinishedByTheNextUp()
{
    Project project(Header + uR"(  slow:
    <<: *test
    command: ["sh", "-c", "sleep 2; touch /tmp/ready; exec sleep infinity"]
    healthcheck:
      test: ["CMD-SHELL", "test -e /tmp/ready"]
      interval: 30s
  after:
    <<: *test
    command: ["sleep", "infinity"]
    depends_on:
      slow: {condition: service_healthy}
)"_qs, m_image);
    QTemporaryDir data;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STAGEHAND_DATA_DIR"), data.path());
    environment.insert(QStringLiteral("DOCKER_HOST"), m_docker.host());
    QProcess up;
    up.setProcessEnvironment(environment);
    up.start(QStringLiteral(STAGEHAND_CLI_PATH), {QStringLiteral("up"), QStringLiteral("-p"), project.directory()});
    QVERIFY(up.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += up.readAllStandardError()).contains("slow                 probing"), 30000);
    ::kill(pid_t(up.processId()), SIGINT);
    QVERIFY(up.waitForFinished(30000));
    err += up.readAllStandardError();
    QVERIFY2(up.exitCode() == 2 && err.contains("up: cancelled"), err.constData());
    QVERIFY(project.containers(u"after"_qs).isEmpty());

    const CliResult again = CliRunner::run({QStringLiteral("up"), QStringLiteral("-p"), project.directory(), QStringLiteral("--format"),
                                            QStringLiteral("json")},
                                           environment, 120000);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QJsonArray services = QJsonDocument::fromJson(again.out).object()[u"services"_qs].toArray();
    QCOMPARE(services.at(0)[u"action"_qs].toString(), u"unchanged"_qs); // it was left running, as it was
    QCOMPARE(services.at(1)[u"action"_qs].toString(), u"created"_qs);
}

void TestDeployFaults::engineRestartMidDeployIsReportedAndFinishedByTheNextUp()
{
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    PrivateEngine engine;
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    const QString image = TestRun::current().uniqueName(QStringLiteral("tiny")) + u":1"_qs;
    const auto imported = engine.importHostBinaries(image, {QStringLiteral("/bin/sh"), QStringLiteral("/bin/sleep"),
                                                            QStringLiteral("/usr/bin/touch")});
    QVERIFY2(imported.ok(), qPrintable(imported.describe()));
    Project project(Header + uR"(  slow:
    <<: *test
    command: ["/bin/sh", "-c", "sleep 3; touch /ready; exec sleep 1000"]
    healthcheck:
      test: ["CMD-SHELL", "test -e /ready"]
      interval: 30s
  after:
    <<: *test
    command: ["/bin/sleep", "1000"]
    depends_on:
      slow: {condition: service_healthy}
)"_qs, image, engine.cli());

    QTemporaryDir data;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STAGEHAND_DATA_DIR"), data.path());
    QProcess up;
    up.setProcessEnvironment(environment);
    up.start(QStringLiteral(STAGEHAND_CLI_PATH), {QStringLiteral("up"), QStringLiteral("-p"), project.directory(),
                                                  QStringLiteral("--host"), engine.host()});
    QVERIFY(up.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += up.readAllStandardError()).contains("slow                 probing"), 30000);
    QVERIFY2(engine.restart(), qPrintable(engine.errorString()));
    QVERIFY(up.waitForFinished(60000));
    err += up.readAllStandardError();
    QVERIFY2(up.exitCode() == 69, err.constData());
    QVERIFY2(err.contains("the engine went away mid-deploy") && err.contains("running the deploy again finishes the job"), err.constData());

    // What was made carries the labels: the next up finds it and finishes.
    const CliResult again = CliRunner::run({QStringLiteral("up"), QStringLiteral("-p"), project.directory(), QStringLiteral("--host"),
                                            engine.host(), QStringLiteral("--format"), QStringLiteral("json")},
                                           environment, 120000);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QJsonArray services = QJsonDocument::fromJson(again.out).object()[u"services"_qs].toArray();
    QCOMPARE(services.at(0)[u"action"_qs].toString(), u"started"_qs);
    QCOMPARE(services.at(1)[u"action"_qs].toString(), u"created"_qs);
    QCOMPARE(project.containers(u"slow"_qs).size(), 1);
}

QTEST_GUILESS_MAIN(TestDeployFaults)
#include "tst_deploy_faults.moc"
