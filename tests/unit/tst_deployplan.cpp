// The pure parts of a deploy: the dependency graph with its phases (order, readiness, errors found
// before anything starts), the plan computed from what an engine holds (create, recreate, start,
// restart, keep, remove; foreign stacks, orphans, preflight of images, host ports and disk), and
// drift between a container and its blueprint.

#include "deploy/DeployLabels.h"
#include "deploy/DeployPlanner.h"
#include "deploy/DriftDetector.h"
#include "deploy/PlanBuilder.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace stagehand;

namespace {

// A project folder with compose.yaml (and a stagehand.yaml when phases are given), resolved.
struct Fixture {
    QTemporaryDir temp;
    std::optional<Project> project;
    ResolvedEnvironment resolved;

    explicit Fixture(const QByteArray &compose, const QByteArray &stagehand = {})
    {
        write(QStringLiteral("compose.yaml"), compose);
        if (!stagehand.isEmpty())
            write(QStringLiteral("stagehand.yaml"), stagehand);
        const ProjectLoadResult loaded = ProjectLoader::load(temp.path());
        project = loaded.project;
        if (project)
            resolved = EnvironmentResolver(QProcessEnvironment()).resolve(*project, project->environments.first());
    }
    void write(const QString &name, const QByteArray &content) const
    {
        QFile file(QDir(temp.path()).filePath(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
    }
    DeployRequest request(const QStringList &services = {}) const
    {
        DeployRequest r;
        r.environment = project->environments.first().name;
        r.model = *resolved.model;
        r.phases = project->phases;
        r.services = services;
        return r;
    }
};

QString describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

const QByteArray Chain = R"(name: shop
services:
  db:
    image: db:1
    healthcheck: {test: ["CMD", "true"], interval: 30s}
  cache:
    image: cache:1
  migrate:
    image: app:1
    depends_on: {db: {condition: service_healthy}}
  api:
    image: app:1
    ports: ["127.0.0.1:18001:8001"]
    depends_on:
      db: {condition: service_healthy}
      cache: {condition: service_started}
      migrate: {condition: service_completed_successfully}
  web:
    image: web:1
    depends_on: {api: {condition: service_started}}
  tool:
    image: tool:1
)";

const QByteArray Phases = R"(name: shop
environments:
  dev: {compose: [compose.yaml]}
phases:
  - name: infrastructure
    services: [db, cache]
  - name: application
    services: [migrate, api, web]
)";

ContainerSummary container(const QString &id, const QString &service, int number, const QString &state, const QString &hash,
                           const QString &imageId, bool stagehand = true, const QJsonArray &ports = {})
{
    QJsonObject labels{{DeployLabels::project(), QStringLiteral("shop")},
                       {DeployLabels::service(), service},
                       {DeployLabels::oneoff(), QStringLiteral("False")},
                       {DeployLabels::containerNumber(), QString::number(number)},
                       {DeployLabels::configHash(), hash}};
    if (stagehand)
        labels.insert(DeployLabels::deployer(), QStringLiteral("stagehand"));
    return ContainerSummary::fromJson(QJsonObject{{QStringLiteral("Id"), id},
                                                  {QStringLiteral("Names"), QJsonArray{u"/shop-%1-%2"_qs.arg(service).arg(number)}},
                                                  {QStringLiteral("ImageID"), imageId},
                                                  {QStringLiteral("State"), state},
                                                  {QStringLiteral("Labels"), labels},
                                                  {QStringLiteral("Ports"), ports}});
}

ContainerDetails details(const ContainerBlueprint &blueprint, const QString &id, bool running, int exitCode = 0)
{
    // What the engine reports for a container created from the blueprint, unchanged since.
    const QJsonObject body = blueprint.createBody;
    QJsonObject attached;
    for (const QString &network : body[u"NetworkingConfig"_qs][u"EndpointsConfig"_qs].toObject().keys())
        attached.insert(network, QJsonObject{});
    for (const NetworkAttachment &extra : blueprint.extraNetworks)
        attached.insert(extra.network, QJsonObject{});
    QJsonObject config = body;
    config.remove(u"HostConfig"_qs);
    config.remove(u"NetworkingConfig"_qs);
    return ContainerDetails::fromJson(QJsonObject{
        {QStringLiteral("Id"), id},
        {QStringLiteral("Config"), config},
        {QStringLiteral("HostConfig"), body[u"HostConfig"_qs]},
        {QStringLiteral("State"), QJsonObject{{u"Running"_qs, running}, {u"Status"_qs, running ? u"running"_qs : u"exited"_qs},
                                              {u"ExitCode"_qs, exitCode}}},
        {QStringLiteral("NetworkSettings"), QJsonObject{{u"Networks"_qs, attached}}}});
}

// The engine has every image, nothing else.
EngineSnapshot imagesOnly(const DeployPlan &plan)
{
    EngineSnapshot snapshot;
    for (const PlannedImage &image : plan.images) {
        ImageSummary summary;
        summary.id = u"sha256:"_qs + QString(image.reference).replace(u':', u'0').leftJustified(64, u'0');
        snapshot.images.insert(image.reference, summary);
    }
    return snapshot;
}

PlanAction actionFor(const DeployPlan &plan, const QString &service)
{
    for (const PlanAction &a : plan.actions) {
        if (a.resource == PlanAction::Resource::Container && a.service == service)
            return a;
    }
    return {};
}

// Everything of the plan up, as the deploy left it: running, labelled, unchanged.
EngineSnapshot deployed(const DeployPlan &plan)
{
    EngineSnapshot snapshot = imagesOnly(plan);
    for (auto it = plan.blueprints.cbegin(); it != plan.blueprints.cend(); ++it) {
        for (const ContainerBlueprint &bp : it.value()) {
            const QString id = it.key() + u"-id"_qs;
            const bool oneShot = plan.graph.readiness(it.key()) == DependencyGraph::Readiness::Completed;
            snapshot.projectContainers.append(container(id, it.key(), bp.number, oneShot ? u"exited"_qs : u"running"_qs, bp.configHash,
                                                        snapshot.images.value(plan.images.value(it.key()).reference).id));
            snapshot.inspected.insert(id, details(bp, id, !oneShot));
        }
    }
    for (const QString &name : {u"shop_default"_qs}) {
        NetworkSummary network;
        network.name = name;
        network.driver = u"bridge"_qs;
        snapshot.networks.insert(name, network);
    }
    return snapshot;
}

} // namespace

class TestDeployPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void graphOrdersByPhaseThenDependencies();
    void graphReadiness();
    void graphPrerequisitesAndDependents();
    void graphErrors_data();
    void graphErrors();
    void selectedServicesBringTheirDependencies();
    void emptyEngineCreatesEverything();
    void imagesArePulledBuiltOrRefused();
    void unchangedStackIsKept();
    void changedServiceIsRecreatedAndDependentsRestarted();
    void stoppedAndInterruptedContainersAreStarted();
    void foreignContainersAreRecreatedOnce();
    void orphansAndSurplusReplicas();
    void takenPortsAreNamedWithTheirHolder();
    void lowDiskIsAnError();
    void driftNamesWhatChangedAndNoSecretValue();
};

void TestDeployPlan::graphOrdersByPhaseThenDependencies()
{
    Fixture f(Chain, Phases);
    QVERIFY2(f.resolved.ok(), qPrintable(describe(f.resolved.diagnostics)));
    Diagnostics diagnostics;
    const DependencyGraph graph = DependencyGraph::build(*f.resolved.model, f.project->phases, {}, &diagnostics);
    QVERIFY2(graph.isValid(), qPrintable(describe(diagnostics)));
    QCOMPARE(graph.phaseNames(), (QStringList{u"infrastructure"_qs, u"application"_qs, u"other services"_qs}));
    QCOMPARE(graph.order(), (QStringList{u"cache"_qs, u"db"_qs, u"migrate"_qs, u"api"_qs, u"web"_qs, u"tool"_qs}));
    QCOMPARE(graph.stopOrder().first(), u"tool"_qs);
    QCOMPARE(graph.phaseOf(u"tool"_qs), 2);
}

void TestDeployPlan::graphReadiness()
{
    Fixture f(Chain);
    const DependencyGraph graph = DependencyGraph::build(*f.resolved.model, {}, {}, nullptr);
    QCOMPARE(graph.readiness(u"db"_qs), DependencyGraph::Readiness::Healthy);
    QCOMPARE(graph.readiness(u"migrate"_qs), DependencyGraph::Readiness::Completed);
    QCOMPARE(graph.readiness(u"cache"_qs), DependencyGraph::Readiness::Running);
    QCOMPARE(graph.phaseNames(), QStringList{u"services"_qs});
}

void TestDeployPlan::graphPrerequisitesAndDependents()
{
    Fixture f(Chain, Phases);
    const DependencyGraph graph = DependencyGraph::build(*f.resolved.model, f.project->phases, {}, nullptr);
    QCOMPARE(graph.dependents(u"db"_qs), (QStringList{u"migrate"_qs, u"api"_qs}));
    QCOMPARE(graph.dependents(u"db"_qs, true), (QStringList{u"migrate"_qs, u"api"_qs, u"web"_qs}));
    // web waits for the whole earlier phase, then api.
    QCOMPARE(graph.prerequisites(u"web"_qs), (QStringList{u"cache"_qs, u"db"_qs, u"api"_qs}));
    QCOMPARE(graph.prerequisites(u"tool"_qs).size(), 5);
    QVERIFY(graph.prerequisites(u"db"_qs).isEmpty());
}

void TestDeployPlan::graphErrors_data()
{
    QTest::addColumn<QByteArray>("compose");
    QTest::addColumn<QByteArray>("phases");
    QTest::addColumn<QString>("message");
    QTest::newRow("cycle") << QByteArray(R"(services:
  a: {image: x, depends_on: [b]}
  b: {image: x, depends_on: [c]}
  c: {image: x, depends_on: [a]}
)") << QByteArray() << u"compose.yaml:2:30: error: dependency cycle: a -> b -> c -> a"_qs;
    QTest::newRow("into a later phase") << QByteArray(R"(services:
  a: {image: x, depends_on: [b]}
  b: {image: x}
)") << QByteArray(R"(environments: {dev: {compose: [compose.yaml]}}
phases:
  - {name: first, services: [a]}
  - {name: second, services: [b]}
)") << u"service 'a' (phase 'first') depends on 'b', which is in the later phase 'second'"_qs;
    QTest::newRow("in two phases") << QByteArray("services:\n  a: {image: x}\n")
                                   << QByteArray(R"(environments: {dev: {compose: [compose.yaml]}}
phases:
  - {name: first, services: [a]}
  - {name: second, services: [a]}
)") << u"service 'a' is in phase 'first' and in phase 'second'"_qs;
}

void TestDeployPlan::graphErrors()
{
    QFETCH(QByteArray, compose);
    QFETCH(QByteArray, phases);
    QFETCH(QString, message);
    Fixture f(compose, phases);
    QVERIFY(f.project);
    if (!f.resolved.model) { // the loader may find it first (a cycle): then with the same words
        QVERIFY2(describe(f.resolved.diagnostics).contains(message.section(u": error: "_qs, -1)), qPrintable(describe(f.resolved.diagnostics)));
        return;
    }
    Diagnostics diagnostics;
    const DependencyGraph graph = DependencyGraph::build(*f.resolved.model, f.project->phases, {}, &diagnostics);
    QVERIFY(!graph.isValid());
    QVERIFY2(describe(diagnostics).contains(message), qPrintable(describe(diagnostics)));
}

void TestDeployPlan::selectedServicesBringTheirDependencies()
{
    Fixture f(Chain);
    Diagnostics diagnostics;
    const DependencyGraph graph = DependencyGraph::build(*f.resolved.model, {}, {u"api"_qs}, &diagnostics);
    QCOMPARE(graph.order(), (QStringList{u"cache"_qs, u"db"_qs, u"migrate"_qs, u"api"_qs}));
    const DependencyGraph unknown = DependencyGraph::build(*f.resolved.model, {}, {u"nope"_qs}, &diagnostics);
    QVERIFY(!unknown.isValid());
    QVERIFY(describe(diagnostics).contains(u"no service 'nope'"_qs));
}

void TestDeployPlan::emptyEngineCreatesEverything()
{
    Fixture f(Chain);
    DeployPlan plan = DeployPlanner::prepare(f.request());
    QVERIFY2(!plan.hasErrors(), qPrintable(describe(plan.problems)));
    PlanBuilder::build(plan, *f.resolved.model, imagesOnly(plan), {});
    QVERIFY(plan.changesAnything());
    QCOMPARE(plan.changedServices().size(), 6);
    QCOMPARE(plan.actions.first().resource, PlanAction::Resource::Network);
    QCOMPARE(plan.actions.first().kind, PlanAction::Kind::Create);
    QCOMPARE(actionFor(plan, u"api"_qs).name, u"shop-api-1"_qs);
}

void TestDeployPlan::imagesArePulledBuiltOrRefused()
{
    Fixture f(R"(name: shop
services:
  here: {image: here:1}
  pulled: {image: registry.example/pulled:1}
  refused: {image: nowhere/refused:1}
  built: {build: .}
  nowhere: {build: ./missing}
  staged: {build: {context: ., target: prod}}
)");
    f.write(QStringLiteral("Dockerfile"), "FROM scratch\n");
    DeployPlan plan = DeployPlanner::prepare(f.request());
    EngineSnapshot snapshot;
    snapshot.images.insert(u"here:1"_qs, ImageSummary{});
    snapshot.unpullable.insert(u"nowhere/refused:1"_qs, u"pull access denied"_qs);
    PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
    QMap<QString, PlanAction::Kind> kinds;
    for (const PlanAction &a : plan.actions) {
        if (a.resource == PlanAction::Resource::Image)
            kinds.insert(a.name, a.kind);
    }
    QCOMPARE(kinds.value(u"here:1"_qs), PlanAction::Kind::Keep);
    QCOMPARE(kinds.value(u"registry.example/pulled:1"_qs), PlanAction::Kind::Pull);
    QCOMPARE(kinds.value(u"shop-built"_qs), PlanAction::Kind::Build);
    QVERIFY(plan.hasErrors());
    const QString problems = describe(plan.problems);
    QVERIFY2(problems.contains(u"image 'nowhere/refused:1' (service refused) is not on the engine and cannot be pulled: pull access denied"_qs),
             qPrintable(problems));
    QVERIFY2(problems.contains(u"image 'shop-nowhere' (service nowhere) is not on the engine and cannot be built: its context "_qs),
             qPrintable(problems));
    QVERIFY2(problems.contains(u"service 'staged': 'build.target' cannot be applied"_qs), qPrintable(problems));
}

void TestDeployPlan::unchangedStackIsKept()
{
    Fixture f(Chain);
    DeployPlan plan = DeployPlanner::prepare(f.request());
    const EngineSnapshot snapshot = deployed(plan);
    PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
    QVERIFY2(!plan.changesAnything(), qPrintable(actionFor(plan, u"api"_qs).reason));
    QCOMPARE(actionFor(plan, u"migrate"_qs).reason, u"completed successfully"_qs);
    QVERIFY(!plan.foreign);
}

void TestDeployPlan::changedServiceIsRecreatedAndDependentsRestarted()
{
    Fixture f(Chain);
    DeployPlan plan = DeployPlanner::prepare(f.request());
    EngineSnapshot snapshot = deployed(plan);
    for (ContainerSummary &c : snapshot.projectContainers) {
        if (c.composeService() == u"db"_qs)
            c.labels.insert(DeployLabels::configHash(), u"0123"_qs);
        if (c.composeService() == u"cache"_qs)
            c.imageId = u"sha256:older"_qs;
    }
    PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
    QCOMPARE(actionFor(plan, u"db"_qs).kind, PlanAction::Kind::Recreate);
    QCOMPARE(actionFor(plan, u"db"_qs).reason, u"configuration changed"_qs);
    QCOMPARE(actionFor(plan, u"cache"_qs).kind, PlanAction::Kind::Recreate);
    QVERIFY(actionFor(plan, u"cache"_qs).reason.startsWith(u"image changed: older"_qs));
    QCOMPARE(actionFor(plan, u"api"_qs).kind, PlanAction::Kind::Restart);
    QCOMPARE(actionFor(plan, u"web"_qs).kind, PlanAction::Kind::Restart); // transitively
    QCOMPARE(actionFor(plan, u"tool"_qs).kind, PlanAction::Kind::Keep);
}

void TestDeployPlan::stoppedAndInterruptedContainersAreStarted()
{
    Fixture f(Chain);
    DeployPlan plan = DeployPlanner::prepare(f.request());
    EngineSnapshot snapshot = deployed(plan);
    for (ContainerSummary &c : snapshot.projectContainers) {
        if (c.composeService() == u"api"_qs)
            c.state = u"created"_qs;
        if (c.composeService() == u"migrate"_qs)
            snapshot.inspected[c.id] = details(plan.blueprints.value(u"migrate"_qs).first(), c.id, false, 1);
    }
    snapshot.inspected[u"api-id"_qs] = details(plan.blueprints.value(u"api"_qs).first(), u"api-id"_qs, false);
    PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
    QCOMPARE(actionFor(plan, u"api"_qs).kind, PlanAction::Kind::Start);
    QVERIFY(actionFor(plan, u"api"_qs).reason.contains(u"interrupted"_qs));
    QCOMPARE(actionFor(plan, u"migrate"_qs).kind, PlanAction::Kind::Start); // exited 1: run again
}

void TestDeployPlan::foreignContainersAreRecreatedOnce()
{
    Fixture f(Chain);
    DeployPlan plan = DeployPlanner::prepare(f.request());
    EngineSnapshot snapshot = deployed(plan);
    snapshot.projectContainers[0].labels.remove(DeployLabels::deployer());
    PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
    QVERIFY(plan.foreign);
    const PlanAction a = actionFor(plan, snapshot.projectContainers[0].composeService());
    QCOMPARE(a.kind, PlanAction::Kind::Recreate);
    QVERIFY(a.reason.contains(u"docker-compose"_qs));
}

void TestDeployPlan::orphansAndSurplusReplicas()
{
    Fixture f(Chain);
    DeployPlan plan = DeployPlanner::prepare(f.request());
    EngineSnapshot snapshot = deployed(plan);
    snapshot.projectContainers.append(container(u"gone-id"_qs, u"gone"_qs, 1, u"running"_qs, u"h"_qs, u"sha256:x"_qs));
    snapshot.projectContainers.append(container(u"tool2-id"_qs, u"tool"_qs, 2, u"running"_qs, u"h"_qs, u"sha256:x"_qs));
    DeployPlan kept = plan;
    PlanBuilder::build(kept, *f.resolved.model, snapshot, {});
    QVERIFY(kept.notes.join(u' ').contains(u"shop-gone-1"_qs));
    int removals = 0;
    for (const PlanAction &a : kept.actions)
        removals += a.kind == PlanAction::Kind::Remove ? 1 : 0;
    QCOMPARE(removals, 1); // the surplus replica only

    PlanOptions options;
    options.removeOrphans = true;
    PlanBuilder::build(plan, *f.resolved.model, snapshot, options);
    QStringList removed;
    for (const PlanAction &a : plan.actions) {
        if (a.kind == PlanAction::Kind::Remove)
            removed.append(a.containerId);
    }
    removed.sort();
    QCOMPARE(removed, (QStringList{u"gone-id"_qs, u"tool2-id"_qs}));
}

void TestDeployPlan::takenPortsAreNamedWithTheirHolder()
{
    Fixture f(Chain);
    {
        DeployPlan plan = DeployPlanner::prepare(f.request());
        EngineSnapshot snapshot = imagesOnly(plan);
        snapshot.hostProbed = true;
        snapshot.listeners.append(HostListener{u"tcp"_qs, u"0.0.0.0"_qs, 18001, 1, false, false, 4242, u"python3"_qs});
        PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
        QVERIFY(plan.hasErrors());
        QVERIFY2(describe(plan.problems).contains(u"compose.yaml:13:"_qs), qPrintable(describe(plan.problems)));
        QVERIFY2(describe(plan.problems).contains(u"host port 18001/tcp on 127.0.0.1 for service 'api' is taken: pid 4242 (python3)"_qs),
                 qPrintable(describe(plan.problems)));
    }
    {
        // Held by docker-proxy for this project's own api, which the deploy replaces: fine.
        DeployPlan plan = DeployPlanner::prepare(f.request());
        EngineSnapshot snapshot = deployed(plan);
        snapshot.projectContainers[0].labels.insert(DeployLabels::configHash(), u"old"_qs);
        for (ContainerSummary &c : snapshot.projectContainers) {
            if (c.composeService() == u"api"_qs) {
                c.labels.insert(DeployLabels::configHash(), u"old"_qs);
                c.raw.insert(u"Ports"_qs, QJsonArray{QJsonObject{{u"IP"_qs, u"127.0.0.1"_qs}, {u"PublicPort"_qs, 18001}, {u"Type"_qs, u"tcp"_qs}}});
            }
        }
        snapshot.hostProbed = true;
        snapshot.listeners.append(HostListener{u"tcp"_qs, u"127.0.0.1"_qs, 18001, 1, false, false, 77, u"docker-proxy"_qs});
        PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
        QVERIFY2(!plan.hasErrors(), qPrintable(describe(plan.problems)));
    }
    {
        // Published by another project's container.
        DeployPlan plan = DeployPlanner::prepare(f.request());
        EngineSnapshot snapshot = imagesOnly(plan);
        ContainerSummary other = container(u"o"_qs, u"x"_qs, 1, u"running"_qs, {}, {}, false,
                                           QJsonArray{QJsonObject{{u"IP"_qs, u"0.0.0.0"_qs}, {u"PublicPort"_qs, 18001}, {u"Type"_qs, u"tcp"_qs}}});
        other.names = QStringList{u"billing-api-1"_qs};
        snapshot.otherContainers.append(other);
        PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
        QVERIFY2(describe(plan.problems).contains(u"container 'billing-api-1' publishes it"_qs), qPrintable(describe(plan.problems)));
    }
}

void TestDeployPlan::lowDiskIsAnError()
{
    Fixture f(Chain);
    DeployPlan plan = DeployPlanner::prepare(f.request());
    EngineSnapshot snapshot = imagesOnly(plan);
    snapshot.dockerRootDir = u"/var/lib/docker"_qs;
    snapshot.freeBytes = 100LL * 1024 * 1024;
    PlanBuilder::build(plan, *f.resolved.model, snapshot, {});
    QVERIFY2(describe(plan.problems).contains(u"only 100 MiB free in /var/lib/docker"_qs), qPrintable(describe(plan.problems)));
}

void TestDeployPlan::driftNamesWhatChangedAndNoSecretValue()
{
    Fixture f(R"(name: shop
services:
  api:
    image: app:1
    environment: {DB_PASSWORD: s3cret-value, MODE: prod}
    deploy: {resources: {limits: {memory: 1G}}}
    restart: unless-stopped
)");
    const DeployPlan plan = DeployPlanner::prepare(f.request());
    const ContainerBlueprint bp = plan.blueprints.value(u"api"_qs).first();
    QVERIFY(DriftDetector::compare(bp, details(bp, u"id"_qs, true)).isEmpty());

    ContainerDetails changed = details(bp, u"id"_qs, true);
    QJsonObject host = changed.raw[u"HostConfig"_qs].toObject();
    host.insert(u"Memory"_qs, 314572800);
    host.insert(u"RestartPolicy"_qs, QJsonObject{{u"Name"_qs, u"no"_qs}});
    changed.raw.insert(u"HostConfig"_qs, host);
    QJsonObject config = changed.raw[u"Config"_qs].toObject();
    QJsonArray env;
    for (const QJsonValue &v : config[u"Env"_qs].toArray()) {
        if (!v.toString().startsWith(u"DB_PASSWORD="_qs))
            env.append(v);
    }
    env.append(u"DB_PASSWORD=other"_qs);
    config.insert(u"Env"_qs, env);
    changed.raw.insert(u"Config"_qs, config);
    changed.raw.insert(u"NetworkSettings"_qs, QJsonObject{{u"Networks"_qs, QJsonObject{}}});
    const QStringList drift = DriftDetector::compare(bp, changed);
    const QString text = drift.join(u'\n');
    QVERIFY2(text.contains(u"memory limit: 1073741824 in the files, 314572800 on the container"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"restart policy: unless-stopped in the files, no on the container"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"environment variable DB_PASSWORD: differs from the files"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"network shop_default: attached in the files, not on the container"_qs), qPrintable(text));
    QVERIFY(!text.contains(u"s3cret"_qs) && !text.contains(u"other"_qs));
}

QTEST_GUILESS_MAIN(TestDeployPlan)
#include "tst_deployplan.moc"
