// The Deploy and Releases pages against the real engine, offscreen: a small test project (the base
// image, a healthcheck that passes after a second, a service_healthy edge, two phases) is deployed
// through the page (plan shown, applied, every service ready, the bar full, a release listed); a
// second deploy changes nothing and shows no plan; a service whose healthcheck never passes fails
// by its timeout and the status names it; cancel stops a deploy and leaves the page idle; take down
// asks first, names the volumes it would delete, and removes the containers. The models are checked
// with QAbstractItemModelTester. Screenshots: /tmp/deployview-*.png.

#include "MainWindow.h"
#include "ProjectController.h"
#include "deploy/ReleaseStore.h"
#include "docker/DockerClient.h"
#include "models/DeployFilterProxyModel.h"
#include "models/DeployModel.h"
#include "models/FindingsModel.h"
#include "models/PlanFilterProxyModel.h"
#include "models/PlanModel.h"
#include "models/ReleaseFilterProxyModel.h"
#include "models/ReleaseModel.h"
#include "models/ReleaseServiceModel.h"
#include "views/DeployView.h"
#include "views/ReleasesView.h"
#include "widgets/TeardownDialog.h"

#include "DockerCli.h"
#include "EngineWait.h"
#include "FreeSubnet.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QComboBox>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <functional>
#include <memory>

using namespace stagehand;
using stagehand::test::awaitResult;
using stagehand::test::DockerCli;
using stagehand::test::FreeSubnet;
using stagehand::test::Requirements;
using stagehand::test::TestRun;
using RolloutState = ServiceRollout::State;

namespace {

QModelIndex findRow(const QAbstractItemModel *model, int column, const QString &text)
{
    std::function<QModelIndex(const QModelIndex &)> walk = [&](const QModelIndex &parent) -> QModelIndex {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, column, parent);
            if (index.data().toString() == text)
                return index;
            if (const QModelIndex found = walk(model->index(row, 0, parent)); found.isValid())
                return found;
        }
        return {};
    };
    return walk({});
}

QStringList columnTexts(const QAbstractItemModel *model, int column)
{
    QStringList out;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            out.append(model->index(row, column, parent).data().toString());
            walk(model->index(row, 0, parent));
        }
    };
    walk({});
    return out;
}

RolloutState stateOf(const DeployView *view, const QString &service)
{
    const ServiceRollout *rollout = view->model()->rollout(service);
    return rollout ? rollout->state : RolloutState::Pending;
}

QString describe(const DeployView *view)
{
    QStringList lines{view->statusText()};
    for (const QString &service : view->model()->services()) {
        const ServiceRollout *r = view->model()->rollout(service);
        lines.append(QStringLiteral("%1: %2").arg(service, DeployModel::stateText(*r)));
    }
    return lines.join(u'\n');
}

// A plan with a graph of db (phase "data", healthcheck) and app (depends on db healthy), db to
// create and app kept.
DeployPlan syntheticPlan()
{
    ComposeModel model;
    model.name = QStringLiteral("synthetic");
    Service db;
    db.name = QStringLiteral("db");
    db.healthcheck = Healthcheck{};
    Service app;
    app.name = QStringLiteral("app");
    ServiceDependency edge;
    edge.service = QStringLiteral("db");
    edge.condition = ServiceDependency::Condition::Healthy;
    app.dependsOn.append(edge);
    Service worker;
    worker.name = QStringLiteral("worker");
    model.services.insert(db.name, db);
    model.services.insert(app.name, app);
    model.services.insert(worker.name, worker);
    DeployPlan plan;
    plan.project = model.name;
    plan.environment = QStringLiteral("test");
    Diagnostics diagnostics;
    plan.graph = DependencyGraph::build(model, {DeployPhase{QStringLiteral("data"), {QStringLiteral("db")}, {}}}, {}, &diagnostics);
    PlanAction network;
    network.resource = PlanAction::Resource::Network;
    network.kind = PlanAction::Kind::Create;
    network.name = QStringLiteral("synthetic_default");
    network.reason = QStringLiteral("does not exist");
    PlanAction createDb;
    createDb.kind = PlanAction::Kind::Create;
    createDb.service = QStringLiteral("db");
    createDb.name = QStringLiteral("synthetic-db-1");
    createDb.reason = QStringLiteral("does not exist");
    PlanAction recreateWorker;
    recreateWorker.kind = PlanAction::Kind::Recreate;
    recreateWorker.service = QStringLiteral("worker");
    recreateWorker.name = QStringLiteral("synthetic-worker-1");
    recreateWorker.reason = QStringLiteral("drift");
    recreateWorker.drift = {QStringLiteral("memory limit: 256M here, 1G in the files"), QStringLiteral("image: a here, b in the files")};
    PlanAction keepApp;
    keepApp.kind = PlanAction::Kind::Keep;
    keepApp.service = QStringLiteral("app");
    keepApp.name = QStringLiteral("synthetic-app-1");
    plan.actions = {network, createDb, recreateWorker, keepApp};
    return plan;
}

} // namespace

class TestDeployView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deployModelTracksTheRollout();
    void planAndReleaseModels();
    void deploysThroughThePlanAndListsTheRelease();
    void failingHealthcheckNamesTheService();
    void cancelLeavesThePageIdle();
    void planProblemsAreListed();
    void cleanupTestCase();

private:
    struct TestProject {
        QString directory;
        QString name;           // the Stagehand project's
        QString composeProject; // unique
        QString volume;         // the engine's name of its volume (empty: none)
    };
    // services: the compose file's services: section (indented by two spaces, "RUN" stands for the run id).
    TestProject writeProject(const QString &prefix, const QString &services, const QString &phases = {}, bool volume = false);
    // Opens the project in the window and shows its Deploy page, ready to deploy.
    DeployView *openDeployPage(MainWindow &window, const TestProject &project);
    void grab(QWidget *widget, const QString &name);
    void removeTestResources();

    DockerCli m_docker;
    QString m_baseImage;
    std::unique_ptr<DockerClient> m_client;
    QTemporaryDir m_dir;
    QTemporaryDir m_dataDir;
    QList<TestProject> m_projects; // their leftovers and release tags are removed at the end
};

void TestDeployView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dataDir.isValid() && m_dir.isValid());
    // The release store of this test only.
    qputenv("STAGEHAND_DATA_DIR", m_dataDir.path().toUtf8());
    if (!Requirements::engine(m_docker).isEmpty() || !Requirements::baseImage(m_docker, &m_baseImage).isEmpty())
        return; // the engine tests skip themselves
    m_client = std::make_unique<DockerClient>();
    m_client->connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), DockerClient::State::Connected, 15000);
}

TestDeployView::TestProject TestDeployView::writeProject(const QString &prefix, const QString &services, const QString &phases,
                                                         bool volume)
{
    TestProject project;
    project.name = TestRun::current().uniqueName(prefix + QStringLiteral("-app"));
    project.composeProject = TestRun::current().uniqueName(prefix);
    project.directory = m_dir.filePath(project.composeProject);
    m_projects.append(project);
    QDir().mkpath(project.directory);
    const FreeSubnet subnet = FreeSubnet::take(m_docker);
    if (!subnet.isValid())
        return {};
    QString stagehand = QStringLiteral("name: %1\nenvironments:\n  test:\n    compose: [compose.yaml]\n    project_name: %2\n")
                            .arg(project.name, project.composeProject);
    if (!phases.isEmpty())
        stagehand += QStringLiteral("phases:\n") + phases;
    QString compose = QStringLiteral("services:\n") + services;
    compose += QStringLiteral("networks:\n  default:\n    labels: {io.stagehand.test: RUN}\n"
                              "    ipam:\n      config:\n        - subnet: %1\n")
                   .arg(subnet.cidr());
    if (volume) {
        compose += QStringLiteral("volumes:\n  data:\n    labels: {io.stagehand.test: RUN}\n");
        project.volume = project.composeProject + QStringLiteral("_data");
    }
    compose.replace(QStringLiteral("BASE"), m_baseImage);
    compose.replace(QStringLiteral("RUN"), TestRun::current().labelValue());
    QFile projectFile(project.directory + QStringLiteral("/stagehand.yaml"));
    QFile composeFile(project.directory + QStringLiteral("/compose.yaml"));
    if (!projectFile.open(QIODevice::WriteOnly) || !composeFile.open(QIODevice::WriteOnly))
        return {};
    projectFile.write(stagehand.toUtf8());
    composeFile.write(compose.toUtf8());
    return project;
}

DeployView *TestDeployView::openDeployPage(MainWindow &window, const TestProject &project)
{
    window.resize(1360, 860);
    window.show();
    window.controller()->setProbePorts(false);
    QSignalSpy loaded(window.controller(), &ProjectController::projectLoaded);
    window.openProject(project.directory);
    if (!loaded.wait(30000))
        return nullptr;
    DeployView *view = window.deployView();
    window.findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(view);
    auto *deployButton = view->findChild<QPushButton *>(QStringLiteral("deployButton"));
    QDeadlineTimer deadline(20000);
    while (!deployButton->isEnabled() && !deadline.hasExpired())
        QTest::qWait(20);
    return deployButton->isEnabled() ? view : nullptr;
}

void TestDeployView::grab(QWidget *widget, const QString &name)
{
    QTest::qWait(100); // let the view lay itself out and paint
    const QString path = QStringLiteral("/tmp/deployview-%1.png").arg(name);
    QVERIFY(widget->window()->grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

// --- The models, without an engine ------------------------------------------------------------------

void TestDeployView::deployModelTracksTheRollout()
{
    DeployModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    DeployFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    const DeployPlan plan = syntheticPlan();
    model.setPlan(plan);
    QCOMPARE(model.phaseNames(), (QStringList{QStringLiteral("data"), QStringLiteral("other services")}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
    QCOMPARE(model.rowCount(model.index(1, 0)), 2);
    QCOMPARE(model.services().first(), QStringLiteral("db"));
    QCOMPARE(model.indexOfService(QStringLiteral("db"), DeployModel::Action).data().toString(), QStringLiteral("create"));
    QCOMPARE(model.indexOfService(QStringLiteral("app"), DeployModel::Action).data().toString(), QStringLiteral("keep"));
    QVERIFY(!model.indexOfService(QStringLiteral("app")).data(DeployModel::ChangedRole).toBool());
    // Before the deploy begins: no state yet.
    QCOMPARE(model.indexOfService(QStringLiteral("db"), DeployModel::State).data().toString(), QString());

    // Hiding the unchanged services: app goes, its phase stays (worker is recreated).
    proxy.setHideUnchanged(true);
    QCOMPARE(columnTexts(&proxy, 0), (QStringList{QStringLiteral("data"), QStringLiteral("db"), QStringLiteral("other services"),
                                                  QStringLiteral("worker")}));
    proxy.setHideUnchanged(false);
    QCOMPARE(columnTexts(&proxy, 0).size(), 5);

    model.start();
    QVERIFY(model.isRunning());
    ServiceRollout app;
    app.service = QStringLiteral("app");
    app.phase = 1;
    app.state = RolloutState::Waiting;
    app.detail = QStringLiteral("waiting on db");
    model.updateService(app);
    QCOMPARE(model.indexOfService(QStringLiteral("app"), DeployModel::State).data().toString(), QStringLiteral("waiting on db"));
    ServiceRollout db;
    db.service = QStringLiteral("db");
    db.state = RolloutState::Probing;
    db.detail = QStringLiteral("probing its healthcheck");
    db.action = QStringLiteral("created");
    db.startedMs = 0;
    model.updateService(db);
    QVERIFY(model.indexOfService(QStringLiteral("db")).data(DeployModel::InProgressRole).toBool());
    QCOMPARE(model.indexOfService(QStringLiteral("db"), DeployModel::Action).data().toString(), QStringLiteral("created"));
    QVERIFY(model.indexOfService(QStringLiteral("db"), DeployModel::Action).data(DeployModel::ActionDoneRole).toBool());
    // The elapsed column ticks while the service is in progress.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY(!changed.isEmpty());
    QVERIFY(!model.indexOfService(QStringLiteral("db"), DeployModel::Elapsed).data().toString().isEmpty());
    QCOMPARE(model.indexOfPhase(0, DeployModel::State).data().toString(), QStringLiteral("0 of 1 ready"));

    db.state = RolloutState::Ready;
    db.detail = QStringLiteral("healthy (Stagehand's probe passed, check 2)");
    db.durationMs = 1500;
    model.updateService(db);
    QCOMPARE(model.indexOfService(QStringLiteral("db"), DeployModel::State).data().toString(),
             QStringLiteral("ready: healthy (Stagehand's probe passed, check 2)"));
    QCOMPARE(model.indexOfService(QStringLiteral("db"), DeployModel::Elapsed).data().toString(), QStringLiteral("1.5 s"));
    QCOMPARE(model.indexOfPhase(0).data(DeployModel::ReadyFractionRole).toDouble(), 1.0);
    QCOMPARE(RolloutState(model.indexOfPhase(0).data(DeployModel::StateRole).toInt()), RolloutState::Ready);
    model.setContainerHealth(QStringLiteral("db"), QStringLiteral("c1"), QStringLiteral("starting"));
    QCOMPARE(model.indexOfService(QStringLiteral("db"), DeployModel::Health).data().toString(), QStringLiteral("starting"));
    model.setContainerHealth(QStringLiteral("db"), QStringLiteral("c1"), QStringLiteral("healthy"));
    QCOMPARE(model.indexOfService(QStringLiteral("db"), DeployModel::Health).data().toString(), QStringLiteral("healthy"));
    model.setContainerHealth(QStringLiteral("app"), QStringLiteral("c2"), QStringLiteral("none"));
    QCOMPARE(model.indexOfService(QStringLiteral("app"), DeployModel::Health).data().toString(), QStringLiteral("no healthcheck"));

    ServiceRollout worker;
    worker.service = QStringLiteral("worker");
    worker.phase = 1;
    worker.state = RolloutState::Failed;
    worker.detail = QStringLiteral("not healthy within 3.0 s (its timeout)");
    worker.startedMs = 10;
    model.updateService(worker);
    app.state = RolloutState::Skipped;
    app.detail = QStringLiteral("not started: db failed");
    model.updateService(app);
    model.finish();
    QVERIFY(!model.isRunning());
    QVERIFY(model.allDone());
    QCOMPARE(model.readyCount(), 1);
    QCOMPARE(RolloutState(model.indexOfPhase(1).data(DeployModel::StateRole).toInt()), RolloutState::Failed);
    QVERIFY(model.indexOfService(QStringLiteral("worker"), DeployModel::State).data().toString().startsWith(QStringLiteral("failed: ")));
    QVERIFY(model.indexOfService(QStringLiteral("app"), DeployModel::State).data().toString().startsWith(QStringLiteral("skipped: ")));
    QCOMPARE(DeployModel::formatElapsed(65000), QStringLiteral("1 min 05 s"));
    QCOMPARE(DeployModel::formatElapsed(400), QStringLiteral("0.4 s"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestDeployView::planAndReleaseModels()
{
    PlanModel plan;
    QAbstractItemModelTester tester(&plan, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PlanFilterProxyModel planProxy;
    planProxy.setSourceModel(&plan);
    QAbstractItemModelTester proxyTester(&planProxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    plan.setPlan(syntheticPlan());
    QCOMPARE(plan.rowCount(), 4);
    // Drift lines under their action.
    const QModelIndex worker = findRow(&plan, PlanModel::Name, QStringLiteral("synthetic-worker-1"));
    QVERIFY(worker.isValid());
    QCOMPARE(plan.rowCount(worker.siblingAtColumn(0)), 2);
    QCOMPARE(plan.index(0, PlanModel::Why, worker.siblingAtColumn(0)).data().toString(),
             QStringLiteral("memory limit: 256M here, 1G in the files"));
    QVERIFY2(plan.summary().startsWith(QStringLiteral("1 container")), qPrintable(plan.summary()));
    // Unchanged ones only on demand.
    QCOMPARE(planProxy.rowCount(), 3);
    planProxy.setShowUnchanged(true);
    QCOMPARE(planProxy.rowCount(), 4);
    plan.clear();
    QCOMPARE(planProxy.rowCount(), 0);

    ReleaseModel releases;
    QAbstractItemModelTester releasesTester(&releases, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ReleaseFilterProxyModel releasesProxy;
    releasesProxy.setSourceModel(&releases);
    QAbstractItemModelTester releasesProxyTester(&releasesProxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Release one;
    one.id = 1;
    one.number = 1;
    one.outcome = QStringLiteral("succeeded");
    one.startedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    one.finishedAt = one.startedAt.addMSecs(4200);
    one.services = {ServiceRelease{QStringLiteral("db"), QStringLiteral("postgres:15"), QStringLiteral("sha256:0123456789abcdef0123"),
                                   QStringLiteral("stagehand/x/db:r1"), {}, QStringLiteral("created"), 1200, QStringLiteral("ready")},
                    ServiceRelease{QStringLiteral("app"), QStringLiteral("app:1"), {}, {}, {}, QStringLiteral("unchanged"), 0,
                                   QStringLiteral("ready")}};
    Release two = one;
    two.id = 2;
    two.number = 2;
    two.outcome = QStringLiteral("failed");
    two.message = QStringLiteral("service 'db' failed its gate (healthy): not healthy\nlast log lines");
    releases.setReleases({one, two});
    QCOMPARE(releases.rowCount(), 2);
    QCOMPARE(releases.index(0, ReleaseModel::Number).data().toString(), QStringLiteral("r2")); // newest first
    QCOMPARE(releases.index(0, ReleaseModel::Message).data().toString(), QStringLiteral("service 'db' failed its gate (healthy): not healthy"));
    QCOMPARE(releases.index(1, ReleaseModel::Changed).data().toString(), QStringLiteral("1 of 2"));
    QCOMPARE(releases.index(1, ReleaseModel::Duration).data().toString(), QStringLiteral("4.2 s"));
    releasesProxy.setOutcomeFilter(QStringLiteral("failed"));
    QCOMPARE(releasesProxy.rowCount(), 1);
    releasesProxy.setOutcomeFilter({});
    releasesProxy.setFilterText(QStringLiteral("postgres"));
    QCOMPARE(releasesProxy.rowCount(), 2);
    releasesProxy.setFilterText(QStringLiteral("nothing like it"));
    QCOMPARE(releasesProxy.rowCount(), 0);
    releasesProxy.setFilterText({});
    releases.setReleases({one, two}); // a refresh with the same releases keeps the rows
    QCOMPARE(releases.rowCount(), 2);

    ReleaseServiceModel services;
    QAbstractItemModelTester servicesTester(&services, QAbstractItemModelTester::FailureReportingMode::QtTest);
    services.setServices(one.services);
    QCOMPARE(services.rowCount(), 2);
    QCOMPARE(services.index(0, ReleaseServiceModel::ImageId).data().toString(), QStringLiteral("0123456789ab"));
    QCOMPARE(services.index(0, ReleaseServiceModel::Duration).data().toString(), QStringLiteral("1.2 s"));
    QVERIFY(services.index(0, ReleaseServiceModel::Outcome).data(ReleaseModel::OutcomeBadgeRole).toBool());
    services.setServices({});
    QCOMPARE(services.rowCount(), 0);
}

// --- Against the engine -----------------------------------------------------------------------------

void TestDeployView::deploysThroughThePlanAndListsTheRelease()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    // db becomes healthy a second after it starts; app waits for that; worker is in the last phase.
    const TestProject project = writeProject(
        QStringLiteral("deploy"),
        QStringLiteral("  db:\n    image: BASE\n    command: [\"sh\", \"-c\", \"sleep 1; touch /tmp/ready; echo db is ready; exec sleep infinity\"]\n"
                       "    stop_grace_period: 1s\n    labels: {io.stagehand.test: RUN}\n    volumes: [\"data:/data\"]\n"
                       "    healthcheck:\n      test: [\"CMD-SHELL\", \"test -e /tmp/ready\"]\n      interval: 1s\n      timeout: 2s\n"
                       "      retries: 60\n"
                       "  app:\n    image: BASE\n    command: [\"sleep\", \"infinity\"]\n    stop_grace_period: 1s\n"
                       "    labels: {io.stagehand.test: RUN}\n    depends_on:\n      db: {condition: service_healthy}\n"
                       "  worker:\n    image: BASE\n    command: [\"sleep\", \"infinity\"]\n    stop_grace_period: 1s\n"
                       "    labels: {io.stagehand.test: RUN}\n"),
        QStringLiteral("  - name: data\n    services: [db]\n  - name: application\n    services: [app]\n"), true);
    QVERIFY(!project.directory.isEmpty());
    MainWindow window;
    DeployView *view = openDeployPage(window, project);
    QVERIFY(view);
    auto *deployButton = view->findChild<QPushButton *>(QStringLiteral("deployButton"));
    auto *downButton = view->findChild<QPushButton *>(QStringLiteral("downButton"));
    auto *cancelButton = view->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    auto *planView = view->findChild<QTreeView *>(QStringLiteral("planView"));
    auto *apply = view->findChild<QPushButton *>(QStringLiteral("applyPlanButton"));
    auto *progress = view->findChild<QProgressBar *>(QStringLiteral("deployProgress"));
    auto *status = view->findChild<QLabel *>(QStringLiteral("deployStatus"));
    auto *log = view->findChild<QPlainTextEdit *>(QStringLiteral("deployLog"));
    auto *tree = view->findChild<QTreeView *>(QStringLiteral("deployTree"));
    QVERIFY(deployButton && downButton && cancelButton && planView && apply && progress && status && log && tree);
    QVERIFY(view->findChild<QCheckBox *>(QStringLiteral("removeOrphansCheck")));
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionDeploy"))->isEnabled());
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionDown"))->isEnabled());
    // Before any deploy the tree shows the environment's phases and services.
    QCOMPARE(view->model()->phaseNames(), (QStringList{QStringLiteral("data"), QStringLiteral("application"), QStringLiteral("other services")}));
    grab(view, QStringLiteral("idle"));

    // Deploy: the plan first.
    QSignalSpy planShown(view, &DeployView::planShown);
    QSignalSpy finished(view, &DeployView::deployFinished);
    QTest::mouseClick(deployButton, Qt::LeftButton);
    QVERIFY(!deployButton->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(planView->isVisible(), 30000);
    QCOMPARE(planShown.count(), 1);
    QVERIFY(cancelButton->isEnabled());
    QVERIFY(findRow(planView->model(), PlanModel::Name, project.composeProject + QStringLiteral("-db-1")).isValid());
    QCOMPARE(findRow(planView->model(), PlanModel::Name, project.composeProject + QStringLiteral("-db-1"))
                 .siblingAtColumn(PlanModel::Action)
                 .data()
                 .toString(),
             QStringLiteral("create"));
    QVERIFY(columnTexts(planView->model(), PlanModel::Resource).contains(QStringLiteral("network")));
    QVERIFY(columnTexts(planView->model(), PlanModel::Resource).contains(QStringLiteral("volume")));
    grab(view, QStringLiteral("plan"));

    // Apply: the services come up in order; the page shows it.
    QTest::mouseClick(apply, Qt::LeftButton);
    QVERIFY(!planView->isVisible());
    QCOMPARE(view->stage(), DeployView::Stage::Deploying);
    QTRY_VERIFY2_WITH_TIMEOUT(stateOf(view, QStringLiteral("db")) == RolloutState::Probing || !view->isBusy(), qPrintable(describe(view)), 30000);
    QCOMPARE(stateOf(view, QStringLiteral("app")), RolloutState::Waiting);
    QCOMPARE(view->model()->indexOfService(QStringLiteral("app"), DeployModel::State).data().toString(), QStringLiteral("waiting on db"));
    grab(view, QStringLiteral("during"));
    QTRY_VERIFY2_WITH_TIMEOUT(!view->isBusy(), qPrintable(describe(view)), 90000);
    QCOMPARE(finished.count(), 1);
    QVERIFY2(view->lastOutcome() && view->lastOutcome()->ok(), qPrintable(describe(view)));
    for (const QString &service : {QStringLiteral("db"), QStringLiteral("app"), QStringLiteral("worker")})
        QVERIFY2(stateOf(view, service) == RolloutState::Ready, qPrintable(describe(view)));
    QVERIFY2(view->model()->indexOfService(QStringLiteral("db"), DeployModel::State).data().toString().startsWith(QStringLiteral("ready: healthy")),
             qPrintable(describe(view)));
    QCOMPARE(view->model()->indexOfService(QStringLiteral("db"), DeployModel::Action).data().toString(), QStringLiteral("created"));
    QVERIFY(!view->model()->indexOfService(QStringLiteral("db"), DeployModel::Elapsed).data().toString().isEmpty());
    QCOMPARE(progress->value(), progress->maximum());
    QVERIFY(progress->maximum() >= 3);
    QCOMPARE(view->lastRelease(), 1);
    QVERIFY2(status->text().contains(QStringLiteral("release r1")), qPrintable(status->text()));
    QVERIFY2(log->toPlainText().contains(QStringLiteral("db | ")), qPrintable(log->toPlainText()));
    // Following one service: only its lines.
    auto *follow = view->findChild<QComboBox *>(QStringLiteral("logServiceCombo"));
    QVERIFY(follow);
    QCOMPARE(follow->count(), 4); // all, db, app, worker
    follow->setCurrentIndex(follow->findData(QStringLiteral("worker")));
    QVERIFY2(!log->toPlainText().contains(QStringLiteral("db | ")), qPrintable(log->toPlainText()));
    follow->setCurrentIndex(follow->findData(QStringLiteral("db")));
    QVERIFY(log->toPlainText().startsWith(QStringLiteral("db | ")));
    follow->setCurrentIndex(0);
    QVERIFY(deployButton->isEnabled() && !cancelButton->isEnabled());
    // The engine's health once it says so (its check runs every second).
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->indexOfService(QStringLiteral("db"), DeployModel::Health).data().toString(),
                              QStringLiteral("healthy"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->indexOfService(QStringLiteral("app"), DeployModel::Health).data().toString(),
                              QStringLiteral("no healthcheck"), 10000);
    QCOMPARE(m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + project.composeProject}).size(), 3);
    grab(view, QStringLiteral("after"));

    // The release is listed.
    ReleasesView *releases = window.releasesView();
    auto *releasesList = window.findChild<QTreeView *>(QStringLiteral("releasesView"));
    QVERIFY(releases && releasesList);
    QTRY_COMPARE_WITH_TIMEOUT(releasesList->model()->rowCount(), 1, 10000);
    QCOMPARE(releasesList->model()->index(0, ReleaseModel::Number).data().toString(), QStringLiteral("r1"));
    QCOMPARE(releasesList->model()->index(0, ReleaseModel::Outcome).data().toString(), QStringLiteral("succeeded"));
    QCOMPARE(releasesList->model()->index(0, ReleaseModel::Changed).data().toString(), QStringLiteral("3 of 3"));
    QTRY_COMPARE(releases->selectedRelease(), 1);
    QCOMPARE(releases->servicesModel()->rowCount(), 3);
    QVERIFY(findRow(releases->servicesModel(), ReleaseServiceModel::Service, QStringLiteral("db")).isValid());
    QVERIFY(findRow(releases->servicesModel(), ReleaseServiceModel::ReleaseTag,
                    ReleaseStore::releaseTag(project.composeProject, QStringLiteral("db"), 1))
                .isValid());
    window.findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(releases);
    grab(releases, QStringLiteral("releases"));
    window.findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(view);

    // Deploy again: nothing changes, no plan is shown, no release recorded.
    QTest::mouseClick(deployButton, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(finished.count() == 2 && !view->isBusy(), qPrintable(describe(view)), 60000);
    QCOMPARE(planShown.count(), 1);
    QVERIFY2(view->lastOutcome()->ok(), qPrintable(describe(view)));
    QVERIFY2(status->text().contains(QStringLiteral("nothing changed")), qPrintable(status->text()));
    QCOMPARE(view->lastRelease(), 0);
    QCOMPARE(view->model()->indexOfService(QStringLiteral("db"), DeployModel::Action).data().toString(), QStringLiteral("unchanged"));
    QCOMPARE(progress->value(), progress->maximum());
    QTRY_VERIFY(!releases->isLoading());
    QCOMPARE(releasesList->model()->rowCount(), 1);
    // Hide unchanged: nothing left to show.
    view->findChild<QCheckBox *>(QStringLiteral("hideUnchangedCheck"))->setChecked(true);
    QCOMPARE(tree->model()->rowCount(), 0);
    view->findChild<QCheckBox *>(QStringLiteral("hideUnchangedCheck"))->setChecked(false);
    QCOMPARE(tree->model()->rowCount(), 3);

    // Take down, from the Environment menu: it asks first, naming the volume when asked to delete volumes.
    QSignalSpy tornDown(view, &DeployView::teardownFinished);
    window.findChild<QAction *>(QStringLiteral("actionDown"))->trigger();
    TeardownDialog *dialog = view->teardownDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(view->stage(), DeployView::Stage::Confirming);
    auto *volumes = dialog->findChild<QCheckBox *>(QStringLiteral("removeVolumesCheck"));
    auto *volumesLabel = dialog->findChild<QLabel *>(QStringLiteral("volumesLabel"));
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmTeardownButton"));
    QVERIFY(volumes && volumesLabel && confirm);
    volumes->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(volumesLabel->text().contains(project.volume), 10000);
    QVERIFY(confirm->isEnabled());
    QTest::qWait(50);
    QVERIFY(dialog->grab().save(QStringLiteral("/tmp/deployview-down-dialog.png")));
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tornDown.count() == 1, 60000);
    QVERIFY2(tornDown.first().first().value<TeardownResult>().ok, qPrintable(status->text()));
    QCOMPARE(view->stage(), DeployView::Stage::Idle);
    QVERIFY2(status->text().contains(QStringLiteral("removed 3 container")), qPrintable(status->text()));
    QVERIFY(m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + project.composeProject}).isEmpty());
    QVERIFY(!m_docker.run({QStringLiteral("volume"), QStringLiteral("inspect"), project.volume}).ok());
    grab(view, QStringLiteral("down"));
}

void TestDeployView::failingHealthcheckNamesTheService()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    const TestProject project = writeProject(
        QStringLiteral("failing"),
        QStringLiteral("  broken:\n    image: BASE\n    command: [\"sh\", \"-c\", \"echo starting up; exec sleep infinity\"]\n"
                       "    stop_grace_period: 1s\n    labels: {io.stagehand.test: RUN}\n"
                       "    healthcheck:\n      test: [\"CMD\", \"false\"]\n      interval: 1s\n      retries: 100\n"
                       "  app:\n    image: BASE\n    command: [\"sleep\", \"infinity\"]\n    stop_grace_period: 1s\n"
                       "    labels: {io.stagehand.test: RUN}\n    depends_on:\n      broken: {condition: service_healthy}\n"));
    QVERIFY(!project.directory.isEmpty());
    MainWindow window;
    DeployView *view = openDeployPage(window, project);
    QVERIFY(view);
    DeployOptions options;
    options.serviceTimeout = std::chrono::seconds(4);
    view->setDeployOptions(options);
    QSignalSpy finished(view, &DeployView::deployFinished);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("deployButton")), Qt::LeftButton);
    auto *planView = view->findChild<QTreeView *>(QStringLiteral("planView"));
    QTRY_VERIFY_WITH_TIMEOUT(planView->isVisible(), 30000);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("applyPlanButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(finished.count() == 1, qPrintable(describe(view)), 60000);
    QVERIFY(view->lastOutcome() && view->lastOutcome()->result == DeployOutcome::Result::Failed);
    const QString status = view->statusText();
    QVERIFY2(status.contains(QStringLiteral("'broken'")) && status.contains(QStringLiteral("failed")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("exit code 1")), qPrintable(status)); // the last health output
    QCOMPARE(stateOf(view, QStringLiteral("broken")), RolloutState::Failed);
    QCOMPARE(stateOf(view, QStringLiteral("app")), RolloutState::Skipped);
    QVERIFY(view->model()->indexOfService(QStringLiteral("broken"), DeployModel::State).data().toString().startsWith(QStringLiteral("failed: ")));
    QVERIFY(view->findChild<QPushButton *>(QStringLiteral("deployButton"))->isEnabled());
    grab(view, QStringLiteral("failed"));
    // A failed deploy is a release too.
    auto *releasesList = window.findChild<QTreeView *>(QStringLiteral("releasesView"));
    QTRY_COMPARE_WITH_TIMEOUT(releasesList->model()->rowCount(), 1, 10000);
    QCOMPARE(releasesList->model()->index(0, ReleaseModel::Outcome).data().toString(), QStringLiteral("failed"));
}

void TestDeployView::cancelLeavesThePageIdle()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    const TestProject project = writeProject(
        QStringLiteral("cancel"),
        QStringLiteral("  slow:\n    image: BASE\n    command: [\"sleep\", \"infinity\"]\n    stop_grace_period: 1s\n"
                       "    labels: {io.stagehand.test: RUN}\n"
                       "    healthcheck:\n      test: [\"CMD\", \"false\"]\n      interval: 1s\n      retries: 1000\n"));
    QVERIFY(!project.directory.isEmpty());
    MainWindow window;
    DeployView *view = openDeployPage(window, project);
    QVERIFY(view);
    auto *deployButton = view->findChild<QPushButton *>(QStringLiteral("deployButton"));
    auto *cancelButton = view->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    auto *planView = view->findChild<QTreeView *>(QStringLiteral("planView"));

    // A plan not applied changes nothing.
    QTest::mouseClick(deployButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(planView->isVisible(), 30000);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("discardPlanButton")), Qt::LeftButton);
    QCOMPARE(view->stage(), DeployView::Stage::Idle);
    QVERIFY(!planView->isVisible());
    QVERIFY(m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + project.composeProject}).isEmpty());

    // Cancel in the middle of a deploy: at once, and the page is idle again.
    QTest::mouseClick(deployButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(planView->isVisible(), 30000);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("applyPlanButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(stateOf(view, QStringLiteral("slow")) == RolloutState::Probing, qPrintable(describe(view)), 30000);
    QTest::qWait(1500); // a few probes
    QVERIFY(cancelButton->isEnabled());
    QTest::mouseClick(cancelButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(view->stage(), DeployView::Stage::Idle, 5000);
    QVERIFY(view->lastOutcome() && view->lastOutcome()->result == DeployOutcome::Result::Cancelled);
    QVERIFY2(view->statusText().contains(QStringLiteral("cancelled")), qPrintable(view->statusText()));
    QCOMPARE(stateOf(view, QStringLiteral("slow")), RolloutState::Skipped);
    QVERIFY(deployButton->isEnabled() && !cancelButton->isEnabled());
    grab(view, QStringLiteral("cancelled"));
    auto *releasesList = window.findChild<QTreeView *>(QStringLiteral("releasesView"));
    QTRY_COMPARE_WITH_TIMEOUT(releasesList->model()->rowCount(), 1, 10000);
    QCOMPARE(releasesList->model()->index(0, ReleaseModel::Outcome).data().toString(), QStringLiteral("cancelled"));
}

void TestDeployView::planProblemsAreListed()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    // first's service waits for a service of a later phase: it could never start.
    const TestProject project = writeProject(
        QStringLiteral("problems"),
        QStringLiteral("  early:\n    image: BASE\n    labels: {io.stagehand.test: RUN}\n    depends_on: [late]\n"
                       "  late:\n    image: BASE\n    labels: {io.stagehand.test: RUN}\n"),
        QStringLiteral("  - name: first\n    services: [early]\n  - name: second\n    services: [late]\n"));
    QVERIFY(!project.directory.isEmpty());
    MainWindow window;
    DeployView *view = openDeployPage(window, project);
    QVERIFY(view);
    QSignalSpy planShown(view, &DeployView::planShown);
    QSignalSpy opened(view, &EnvironmentView::openLocationRequested);
    auto *problems = view->findChild<QTableView *>(QStringLiteral("problemsView"));
    QVERIFY(problems);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("deployButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(problems->isVisible(), 30000);
    QCOMPARE(view->stage(), DeployView::Stage::Idle);
    QCOMPARE(planShown.count(), 0);
    QVERIFY(problems->model()->rowCount() >= 1);
    const QModelIndex first = problems->model()->index(0, FindingsModel::Location);
    QVERIFY2(first.data().toString().contains(QStringLiteral(".yaml:")), qPrintable(first.data().toString()));
    QVERIFY2(problems->model()->index(0, FindingsModel::Message).data().toString().contains(QStringLiteral("late")),
             qPrintable(problems->model()->index(0, FindingsModel::Message).data().toString()));
    QVERIFY(view->statusText().contains(QStringLiteral("nothing was changed")));
    grab(view, QStringLiteral("problems"));
    // Activating one opens its file at the line.
    Q_EMIT problems->activated(first);
    QCOMPARE(opened.count(), 1);
    QVERIFY(m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + project.composeProject}).isEmpty());
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("problemsCloseButton")), Qt::LeftButton);
    QVERIFY(!problems->isVisible());
}

void TestDeployView::removeTestResources()
{
    const QString label = QStringLiteral("label=") + TestRun::current().label();
    const QStringList containers = m_docker.containerIds({label});
    if (!containers.isEmpty())
        m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + containers, 60000);
    for (const TestProject &project : std::as_const(m_projects)) {
        // Containers of the test projects made without the label (none should be), by the Compose label.
        const QStringList left = m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + project.composeProject});
        if (!left.isEmpty())
            m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + left, 60000);
    }
    for (const QString &kind : {QStringLiteral("network"), QStringLiteral("volume")}) {
        const QStringList ids = m_docker.run({kind, QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"), label}).lines();
        if (!ids.isEmpty())
            m_docker.run(QStringList{kind, QStringLiteral("rm")} + ids, 60000);
    }
    // The release tags the deploys put on the base image.
    const QStringList tags = m_docker.run({QStringLiteral("images"), QStringLiteral("--format"), QStringLiteral("{{.Repository}}:{{.Tag}}")}).lines();
    for (const TestProject &project : std::as_const(m_projects)) {
        const QString prefix = ReleaseStore::releaseTag(project.composeProject, QStringLiteral("x"), 1).section(u'/', 0, 1) + u'/';
        for (const QString &tag : tags) {
            if (tag.startsWith(prefix))
                m_docker.run({QStringLiteral("rmi"), tag});
        }
    }
}

void TestDeployView::cleanupTestCase()
{
    if (Requirements::engine(m_docker).isEmpty())
        removeTestResources();
}

QTEST_MAIN(TestDeployView)
#include "tst_deployview.moc"
