// scripts/sweep-test-resources.sh removes every container, network and volume carrying the label
// key io.stagehand.test, and nothing else.
//
// The sweep removes labelled resources of *every* run, so it runs against a private engine (the
// script's /usr/bin/docker honours DOCKER_HOST): on the shared engine it would tear down the stacks
// of tests running in parallel.

#include "DockerCli.h"
#include "FreeSubnet.h"
#include "PrivateEngine.h"
#include "ProcessRunner.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QElapsedTimer>
#include <QObject>
#include <QtTest>

using stagehand::test::DockerCli;
using stagehand::test::FreeSubnet;
using stagehand::test::PrivateEngine;
using stagehand::test::ProcessResult;
using stagehand::test::ProcessRunner;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

QString sweepScript()
{
    return QStringLiteral(STAGEHAND_SOURCE_DIR "/scripts/sweep-test-resources.sh");
}

bool exists(const DockerCli &docker, const QString &kind, const QString &name)
{
    return docker.run({kind, QStringLiteral("inspect"), name}, 30000).ok();
}

QString stateOf(const DockerCli &docker, const QString &container)
{
    return docker.run({QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.State.Status}}"), container}, 30000).out().trimmed();
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void removesLabelledResourcesOnly();
};

void TestSweep::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(DockerCli()));
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    QVERIFY2(QFileInfo(sweepScript()).isExecutable(), qPrintable(sweepScript() + QStringLiteral(" is missing or not executable")));
}

void TestSweep::removesLabelledResourcesOnly()
{
    PrivateEngine engine;
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    const DockerCli docker = engine.cli();
    const TestRun &run = TestRun::current();

    const QString image = run.uniqueName(QStringLiteral("tiny")) + QStringLiteral(":1");
    const ProcessResult imported = engine.importHostBinaries(image, {QStringLiteral("/bin/sleep")});
    QVERIFY2(imported.ok(), qPrintable(imported.describe()));

    const auto must = [&](const QStringList &arguments) {
        const ProcessResult result = docker.run(arguments, 60000);
        if (!result.ok())
            qWarning("%s", qPrintable(result.describe()));
        return result.ok();
    };
    const QStringList label = run.labelArguments();
    const QStringList otherRunLabel{QStringLiteral("--label"), TestRun::labelKey() + QStringLiteral("=another-run")};

    // Labelled: a network and a volume in use by a running container (so the sweep must remove
    // the container first), and a container of another run (the sweep goes by the key only).
    const FreeSubnet subnet = FreeSubnet::take(DockerCli());
    QVERIFY(subnet.isValid());
    const QString network = run.uniqueName(QStringLiteral("net"));
    const QString volume = run.uniqueName(QStringLiteral("vol"));
    const QString labelled = run.uniqueName(QStringLiteral("labelled"));
    const QString otherRun = run.uniqueName(QStringLiteral("other-run"));
    QVERIFY(must(QStringList{QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("--internal"), QStringLiteral("--subnet"),
                             subnet.cidr()} + label + QStringList{network}));
    QVERIFY(must(QStringList{QStringLiteral("volume"), QStringLiteral("create")} + label + QStringList{volume}));
    QVERIFY(must(QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), labelled, QStringLiteral("--network"), network,
                             QStringLiteral("-v"), volume + QStringLiteral(":/data")}
                 + label + QStringList{image, QStringLiteral("/bin/sleep"), QStringLiteral("600")}));
    QVERIFY(must(QStringList{QStringLiteral("create"), QStringLiteral("--name"), otherRun, QStringLiteral("--network"), QStringLiteral("none")}
                 + otherRunLabel + QStringList{image, QStringLiteral("/bin/sleep"), QStringLiteral("600")}));

    // Unlabelled: must survive.
    const QString keptContainer = run.uniqueName(QStringLiteral("kept"));
    const QString keptVolume = run.uniqueName(QStringLiteral("kept-vol"));
    QVERIFY(must({QStringLiteral("volume"), QStringLiteral("create"), keptVolume}));
    QVERIFY(must({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), keptContainer, QStringLiteral("--network"), QStringLiteral("none"),
                  QStringLiteral("-v"), keptVolume + QStringLiteral(":/data"), image, QStringLiteral("/bin/sleep"), QStringLiteral("600")}));
    QCOMPARE(stateOf(docker, labelled), QStringLiteral("running"));
    QCOMPARE(stateOf(docker, keptContainer), QStringLiteral("running"));

    const auto sweep = [&](const QStringList &arguments) {
        return ProcessRunner(sweepScript()).setArguments(arguments).setVariable(QStringLiteral("DOCKER_HOST"), engine.host()).setTimeoutMs(120000).run();
    };

    // --dry-run lists and removes nothing
    const ProcessResult dry = sweep({QStringLiteral("--dry-run")});
    QVERIFY2(dry.ok(), qPrintable(dry.describe()));
    for (const QString &name : {labelled, otherRun, network, volume})
        QVERIFY2(dry.out().contains(name), qPrintable(QStringLiteral("--dry-run does not list %1:\n%2").arg(name, dry.out())));
    for (const QString &name : {keptContainer, keptVolume})
        QVERIFY2(!dry.out().contains(name), qPrintable(QStringLiteral("--dry-run lists unlabelled %1:\n%2").arg(name, dry.out())));
    QVERIFY(exists(docker, QStringLiteral("container"), labelled));
    QVERIFY(exists(docker, QStringLiteral("network"), network));
    QVERIFY(exists(docker, QStringLiteral("volume"), volume));

    QElapsedTimer clock;
    clock.start();
    const ProcessResult swept = sweep({});
    QVERIFY2(swept.ok(), qPrintable(swept.describe()));
    qInfo("sweep took %lld ms:\n%s", clock.elapsed(), qPrintable(swept.out().trimmed()));
    QVERIFY2(swept.out().contains(QStringLiteral("removed 4 resource(s)")), qPrintable(swept.out()));

    QVERIFY2(!exists(docker, QStringLiteral("container"), labelled), "the labelled container survived the sweep");
    QVERIFY2(!exists(docker, QStringLiteral("container"), otherRun), "the other run's labelled container survived the sweep");
    QVERIFY2(!exists(docker, QStringLiteral("network"), network), "the labelled network survived the sweep");
    QVERIFY2(!exists(docker, QStringLiteral("volume"), volume), "the labelled volume survived the sweep");
    QCOMPARE(stateOf(docker, keptContainer), QStringLiteral("running"));
    QVERIFY2(exists(docker, QStringLiteral("volume"), keptVolume), "the sweep removed an unlabelled volume");

    // A second sweep finds nothing.
    const ProcessResult again = sweep({});
    QVERIFY2(again.ok(), qPrintable(again.describe()));
    QVERIFY2(again.out().contains(QStringLiteral("removed 0 resource(s)")), qPrintable(again.out()));

    // What the sweep had to leave is ours to remove.
    QVERIFY(must({QStringLiteral("rm"), QStringLiteral("-f"), keptContainer}));
    QVERIFY(must({QStringLiteral("volume"), QStringLiteral("rm"), keptVolume}));
    QVERIFY(docker.containerIds().isEmpty());
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
