// `stagehand-cli up/down/releases` on the demo project's dev environment (a copy with free ports, its
// own subnet and the test label; healthchecks as the files say: the seed's 30 s), on the real engine:
// every service comes up ready and `docker-compose ps` lists them; a no-op redeploy changes nothing;
// a changed service is recreated and its dependents restarted, nothing else; a hand-made change is
// drift, shown and repaired; a taken host port stops the deploy before any change, naming its
// holder; down keeps the volumes unless asked.

#include "CliRunner.h"
#include "DemoStack.h"
#include "DockerCli.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using stagehand::test::CliResult;
using stagehand::test::CliRunner;
using stagehand::test::DemoStack;
using stagehand::test::DockerCli;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

struct Running {
    QString id;
    QString startedAt;
};

} // namespace

class TestDeploy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void upBringsEveryServiceToItsGate();
    void containersCarryComposeLabelsAndTheFilesHealthchecks();
    void releaseIsRecordedWithTaggedImages();
    void noOpRedeployChangesNothing();
    void changedServiceIsRecreatedAndDependentsRestarted();
    void driftIsShownAndRepaired();
    void takenHostPortStopsTheDeployBeforeAnyChange();
    void downKeepsVolumesUnlessAsked();
    void cleanupTestCase();

private:
    CliResult cli(const QStringList &arguments, const QProcessEnvironment &extra = {}, int timeoutMs = 240000) const;
    QMap<QString, Running> running() const; // service -> its container
    QJsonArray releases() const;

    DockerCli m_docker;
    std::unique_ptr<DemoStack> m_stack;
    QTemporaryDir m_data;
    QString m_projectFile;
};

void TestDeploy::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::compose());
    m_stack = std::make_unique<DemoStack>(QStringLiteral("dev"), m_docker, DemoStack::Healthchecks::AsWritten);
    QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
    STAGEHAND_REQUIRE(Requirements::images(m_docker, m_stack->images()));
    m_projectFile = m_stack->writeProjectFile();
    QVERIFY2(!m_projectFile.isEmpty(), qPrintable(m_stack->errorString()));
    QVERIFY(m_data.isValid());
}

CliResult TestDeploy::cli(const QStringList &arguments, const QProcessEnvironment &extra, int timeoutMs) const
{
    QProcessEnvironment environment = m_stack->processEnvironment();
    environment.insert(QStringLiteral("STAGEHAND_DATA_DIR"), m_data.path());
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    QStringList all = arguments;
    all << QStringLiteral("-p") << m_projectFile << QStringLiteral("-e") << QStringLiteral("dev");
    return CliRunner::run(all, environment, timeoutMs);
}

QMap<QString, Running> TestDeploy::running() const
{
    QMap<QString, Running> out;
    const QStringList ids = m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + m_stack->projectName()});
    const QJsonArray inspected = m_docker.inspect(ids);
    for (const QJsonValue &value : inspected) {
        const QJsonObject container = value.toObject();
        const QString service = container[u"Config"_qs][u"Labels"_qs][u"com.docker.compose.service"_qs].toString();
        out.insert(service, {container[u"Id"_qs].toString(), container[u"State"_qs][u"StartedAt"_qs].toString()});
    }
    return out;
}

QJsonArray TestDeploy::releases() const
{
    const CliResult result = cli({QStringLiteral("releases"), QStringLiteral("--format"), QStringLiteral("json")});
    if (result.exitCode != 0)
        qWarning("releases: %s", qPrintable(result.err));
    return CliRunner::parseArray(result.out);
}

void TestDeploy::upBringsEveryServiceToItsGate()
{
    const CliResult result = cli({QStringLiteral("up"), QStringLiteral("--format"), QStringLiteral("json")});
    m_stack->adoptRunning();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err + u'\n' + m_stack->statusReport()));
    const QJsonObject outcome = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(outcome[u"outcome"_qs].toString(), u"succeeded"_qs);
    const QJsonArray services = outcome[u"services"_qs].toArray();
    QCOMPARE(services.size(), m_stack->services().size());
    for (const QJsonValue &value : services) {
        const QJsonObject service = value.toObject();
        QCOMPARE(service[u"state"_qs].toString(), u"ready"_qs);
        QCOMPARE(service[u"action"_qs].toString(), u"created"_qs);
        QCOMPARE(service[u"readiness"_qs].toString(), u"healthy"_qs); // every demo service has a healthcheck
    }
    // The phases as stagehand.yaml has them.
    QCOMPARE(outcome[u"plan"_qs][u"phases"_qs].toArray().first().toString(), u"infrastructure"_qs);

    // docker-compose (1.29) lists the project's services as running.
    const auto ps = m_stack->compose({QStringLiteral("ps"), QStringLiteral("--services"), QStringLiteral("--filter"),
                                      QStringLiteral("status=running")});
    QVERIFY2(ps.ok(), qPrintable(ps.describe()));
    QStringList listed = QString::fromUtf8(ps.standardOutput).split(u'\n', Qt::SkipEmptyParts);
    listed.sort();
    QStringList expected = m_stack->services();
    expected.sort();
    QCOMPARE(listed, expected);
}

void TestDeploy::containersCarryComposeLabelsAndTheFilesHealthchecks()
{
    const QMap<QString, Running> containers = running();
    QCOMPARE(containers.size(), m_stack->services().size());
    const QJsonArray inspected = m_docker.inspect({containers.value(u"api"_qs).id, containers.value(u"postgres"_qs).id});
    const QJsonObject api = inspected.at(0).toObject();
    const QJsonObject labels = api[u"Config"_qs][u"Labels"_qs].toObject();
    QCOMPARE(labels[u"com.docker.compose.project"_qs].toString(), m_stack->projectName());
    QCOMPARE(labels[u"com.docker.compose.service"_qs].toString(), u"api"_qs);
    QCOMPARE(labels[u"com.docker.compose.oneoff"_qs].toString(), u"False"_qs);
    QCOMPARE(labels[u"com.docker.compose.container-number"_qs].toString(), u"1"_qs);
    QCOMPARE(labels[u"com.docker.compose.config-hash"_qs].toString().size(), 64);
    QVERIFY(!labels[u"com.docker.compose.version"_qs].toString().isEmpty());
    QCOMPARE(labels[u"com.docker.compose.project.working_dir"_qs].toString(), m_stack->directory());
    QVERIFY(labels[u"com.docker.compose.project.config_files"_qs].toString().contains(m_stack->overrideFile()));
    QVERIFY2(labels[u"com.docker.compose.depends_on"_qs].toString().contains(u"postgres:service_healthy"_qs),
             qPrintable(labels[u"com.docker.compose.depends_on"_qs].toString()));
    QCOMPARE(labels[TestRun::labelKey()].toString(), TestRun::current().labelValue());
    QCOMPARE(api[u"Name"_qs].toString(), u"/%1-api-1"_qs.arg(m_stack->projectName()));

    // The healthcheck is exactly the file's: never shortened to go faster.
    const QJsonObject health = inspected.at(1).toObject()[u"Config"_qs][u"Healthcheck"_qs].toObject();
    QCOMPARE(health[u"Test"_qs].toArray(), (QJsonArray{u"CMD-SHELL"_qs, u"pg_isready -U demo -d demo_dev"_qs}));
    QCOMPARE(health[u"Interval"_qs].toInteger(), 30'000'000'000LL);
    QCOMPARE(health[u"Timeout"_qs].toInteger(), 10'000'000'000LL);
    QCOMPARE(health[u"StartPeriod"_qs].toInteger(), 60'000'000'000LL);
    QCOMPARE(health[u"Retries"_qs].toInt(), 3);

    // Networks and volumes carry Compose's labels too.
    const auto networks = m_docker.run({QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"),
                                        QStringLiteral("label=com.docker.compose.network=demo-network"), QStringLiteral("--filter"),
                                        QStringLiteral("label=com.docker.compose.project=") + m_stack->projectName()});
    QCOMPARE(QString::fromUtf8(networks.standardOutput).split(u'\n', Qt::SkipEmptyParts).size(), 1);
    const auto volumes = m_docker.run({QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"),
                                       QStringLiteral("label=com.docker.compose.project=") + m_stack->projectName()});
    QCOMPARE(QString::fromUtf8(volumes.standardOutput).split(u'\n', Qt::SkipEmptyParts).size(), 3);
}

void TestDeploy::releaseIsRecordedWithTaggedImages()
{
    const QJsonArray list = releases();
    QCOMPARE(list.size(), 1);
    const QJsonObject release = list.first().toObject();
    QCOMPARE(release[u"number"_qs].toInt(), 1);
    QCOMPARE(release[u"outcome"_qs].toString(), u"succeeded"_qs);
    QCOMPARE(release[u"compose_project"_qs].toString(), m_stack->projectName());
    QCOMPARE(release[u"env_file_hash"_qs].toString().size(), 64);
    const QByteArray text = QJsonDocument(release).toJson();
    QVERIFY2(!text.contains("dev_pg_password_2025"), "a secret reached the release record");
    const QJsonArray services = release[u"services"_qs].toArray();
    QCOMPARE(services.size(), m_stack->services().size());
    for (const QJsonValue &value : services) {
        const QJsonObject service = value.toObject();
        QVERIFY(service[u"image_id"_qs].toString().startsWith(u"sha256:"_qs));
        const QString tag = service[u"release_tag"_qs].toString();
        QVERIFY2(tag.endsWith(u":r1"_qs), qPrintable(tag));
        // The tag keeps the image reachable, and points at the image the release ran.
        const QJsonArray image = m_docker.inspect({tag}, QStringLiteral("image"));
        QCOMPARE(image.first().toObject()[u"Id"_qs].toString(), service[u"image_id"_qs].toString());
    }
}

void TestDeploy::noOpRedeployChangesNothing()
{
    const QMap<QString, Running> before = running();
    const CliResult result = cli({QStringLiteral("up")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains("nothing changed"), result.out.constData());
    const QMap<QString, Running> after = running();
    QCOMPARE(after.size(), before.size());
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        QCOMPARE(after.value(it.key()).id, it.value().id);
        QCOMPARE(after.value(it.key()).startedAt, it.value().startedAt);
    }
    QCOMPARE(releases().size(), 1); // a deploy that changes nothing is no release
}

void TestDeploy::changedServiceIsRecreatedAndDependentsRestarted()
{
    // LOG_LEVEL is the api's alone; nginx depends on api.
    QFile env(m_stack->envFile());
    QVERIFY(env.open(QIODevice::ReadOnly));
    QByteArray text = env.readAll();
    env.close();
    QVERIFY(text.contains("LOG_LEVEL=DEBUG"));
    text.replace("LOG_LEVEL=DEBUG", "LOG_LEVEL=INFO");
    QVERIFY(env.open(QIODevice::WriteOnly | QIODevice::Truncate));
    env.write(text);
    env.close();

    const QMap<QString, Running> before = running();
    const CliResult result = cli({QStringLiteral("up")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QMap<QString, Running> after = running();
    QVERIFY(after.value(u"api"_qs).id != before.value(u"api"_qs).id);
    QCOMPARE(after.value(u"nginx"_qs).id, before.value(u"nginx"_qs).id);
    QVERIFY(after.value(u"nginx"_qs).startedAt != before.value(u"nginx"_qs).startedAt);
    for (const QString &service : before.keys()) {
        if (service == u"api"_qs || service == u"nginx"_qs)
            continue;
        QCOMPARE(after.value(service).id, before.value(service).id);
        QCOMPARE(after.value(service).startedAt, before.value(service).startedAt);
    }
    const QJsonObject release = releases().first().toObject();
    QCOMPARE(release[u"number"_qs].toInt(), 2);
    QMap<QString, QString> actions;
    for (const QJsonValue &value : release[u"services"_qs].toArray())
        actions.insert(value[u"service"_qs].toString(), value[u"action"_qs].toString());
    QCOMPARE(actions.value(u"api"_qs), u"recreated"_qs);
    QCOMPARE(actions.value(u"nginx"_qs), u"restarted"_qs);
    QCOMPARE(actions.value(u"postgres"_qs), u"unchanged"_qs);
}

void TestDeploy::driftIsShownAndRepaired()
{
    const QString web = running().value(u"web"_qs).id;
    const auto update = m_docker.run({QStringLiteral("update"), QStringLiteral("--memory"), QStringLiteral("300m"),
                                      QStringLiteral("--memory-swap"), QStringLiteral("300m"), web});
    QVERIFY2(update.ok(), qPrintable(update.describe()));

    const CliResult plan = cli({QStringLiteral("up"), QStringLiteral("--dry-run"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
    const QJsonObject document = QJsonDocument::fromJson(plan.out).object();
    QVERIFY(document[u"changes"_qs].toBool());
    bool found = false;
    for (const QJsonValue &value : document[u"actions"_qs].toArray()) {
        const QJsonObject action = value.toObject();
        if (action[u"resource"_qs] != u"container"_qs)
            continue;
        if (action[u"service"_qs] == u"web"_qs) {
            QCOMPARE(action[u"action"_qs].toString(), u"recreate"_qs);
            QVERIFY2(action[u"reason"_qs].toString().startsWith(u"drift"_qs), qPrintable(action[u"reason"_qs].toString()));
            QVERIFY(action[u"drift"_qs].toArray().first().toString().contains(u"memory limit"_qs));
            found = true;
        } else {
            // nginx depends on web: restarted once web is ready again.
            const QString expected = action[u"service"_qs] == u"nginx"_qs ? u"restart"_qs : u"keep"_qs;
            QVERIFY2(action[u"action"_qs] == expected,
                     qPrintable(action[u"service"_qs].toString() + u": "_qs + action[u"reason"_qs].toString()));
        }
    }
    QVERIFY(found);
    QCOMPARE(running().value(u"web"_qs).id, web); // the dry run changed nothing

    const CliResult up = cli({QStringLiteral("up")});
    QVERIFY2(up.exitCode == 0, qPrintable(up.err));
    QVERIFY(running().value(u"web"_qs).id != web);
    const CliResult again = cli({QStringLiteral("up"), QStringLiteral("--dry-run"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(!QJsonDocument::fromJson(again.out).object()[u"changes"_qs].toBool());
}

void TestDeploy::takenHostPortStopsTheDeployBeforeAnyChange()
{
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost));
    const QMap<QString, Running> before = running();
    QProcessEnvironment moved;
    moved.insert(QStringLiteral("API_PORT"), QString::number(holder.serverPort()));
    const CliResult result = cli({QStringLiteral("up")}, moved);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"pid %1"_qs.arg(QCoreApplication::applicationPid())), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"nothing was changed"_qs), qPrintable(result.err));
    const QMap<QString, Running> after = running();
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QCOMPARE(after.value(it.key()).id, it.value().id);
}

void TestDeploy::downKeepsVolumesUnlessAsked()
{
    const QString project = m_stack->projectName();
    auto count = [this, &project](const QString &kind) {
        const auto listed = m_docker.run({kind, QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"),
                                          QStringLiteral("label=com.docker.compose.project=") + project});
        return QString::fromUtf8(listed.standardOutput).split(u'\n', Qt::SkipEmptyParts).size();
    };
    const CliResult down = cli({QStringLiteral("down")});
    QVERIFY2(down.exitCode == 0, qPrintable(down.err));
    QVERIFY(m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + project}).isEmpty());
    QCOMPARE(count(QStringLiteral("network")), 0);
    QCOMPARE(count(QStringLiteral("volume")), 3);
    QVERIFY2(down.out.contains("kept volumes"), down.out.constData());

    const CliResult volumes = cli({QStringLiteral("down"), QStringLiteral("--volumes")});
    QVERIFY2(volumes.exitCode == 0, qPrintable(volumes.err));
    QCOMPARE(count(QStringLiteral("volume")), 0);
}

void TestDeploy::cleanupTestCase()
{
    if (!m_stack)
        return;
    const QString releases = u"stagehand/%1/"_qs.arg(m_stack->projectName());
    m_stack.reset(); // down -v and a sweep by label, whatever happened
    // The release tags the deploys put on the demo's images (the images themselves stay).
    const auto tags = m_docker.run({QStringLiteral("images"), QStringLiteral("--format"), QStringLiteral("{{.Repository}}:{{.Tag}}")});
    QStringList ours;
    for (const QString &tag : QString::fromUtf8(tags.standardOutput).split(u'\n', Qt::SkipEmptyParts)) {
        if (tag.startsWith(releases))
            ours.append(tag);
    }
    if (!ours.isEmpty())
        m_docker.run(QStringList{QStringLiteral("rmi")} + ours);
}

QTEST_GUILESS_MAIN(TestDeploy)
#include "tst_deploy.moc"
