// The engine pages of the main window against the real engine, offscreen: the containers view shows
// the environment's containers (by Compose labels) and, with the toggle, every container; the images,
// volumes and networks views follow the engine's events; the banner says when the engine cannot be
// reached and clears when it answers; the window opens with no engine at all.

#include "MainWindow.h"
#include "ProjectController.h"
#include "detail/ContainerDetailWidget.h"
#include "detail/ProjectLogsWidget.h"
#include "docker/DockerClient.h"
#include "engine/EngineBanner.h"
#include "engine/EngineSession.h"
#include "models/ContainerModel.h"
#include "models/ImageModel.h"
#include "views/ContainersView.h"
#include "views/ImagesPullPanel.h"
#include "views/LogsView.h"

#include "DockerCli.h"
#include "EngineWait.h"
#include "FreePorts.h"
#include "FreeSubnet.h"
#include "HttpClient.h"
#include "ProcessRunner.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QCheckBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <functional>
#include <memory>

using namespace stagehand;
using stagehand::test::awaitResult;
using stagehand::test::DockerCli;
using stagehand::test::FreePorts;
using stagehand::test::FreeSubnet;
using stagehand::test::HttpClient;
using stagehand::test::ProcessRunner;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

// Every row's text in column (depth first), of a list or a tree.
QStringList columnTexts(const QAbstractItemModel *model, int column = 0)
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

QModelIndex findRow(const QAbstractItemModel *model, int column, const QString &text)
{
    std::function<QModelIndex(const QModelIndex &)> walk = [&](const QModelIndex &parent) -> QModelIndex {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, column, parent);
            if (index.data().toString().contains(text))
                return index;
            if (const QModelIndex found = walk(model->index(row, 0, parent)); found.isValid())
                return found;
        }
        return {};
    };
    return walk({});
}

} // namespace

class TestEngineViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void containersViewShowsTheEnvironmentsContainers();
    void imagesViewListsAndRemovesImages();
    void volumesAndNetworksViews();
    void pullShowsPerLayerProgress();
    void bannerShowsWhileTheEngineIsUnreachable();
    void windowOpensWithoutAnEngine();
    void cleanupTestCase();

private:
    QString createContainer(const QString &name, const QString &project, const QString &service,
                            const QJsonObject &hostConfig = {}, const QJsonObject &config = {});
    QString writeProject(const QString &projectName);
    // A bridge network of the test's own on a free subnet (the engine may have no default bridge).
    QString createNetwork(FreeSubnet *subnet = nullptr);

    DockerCli m_docker;
    QString m_baseImage;
    std::unique_ptr<DockerClient> m_client;
    QTemporaryDir m_dir;
    QStringList m_containers, m_images, m_volumes, m_networks;
};

void TestEngineViews::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    m_client = std::make_unique<DockerClient>();
    m_client->connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), DockerClient::State::Connected, 15000);
    QVERIFY(m_dir.isValid());
}

QString TestEngineViews::createContainer(const QString &name, const QString &project, const QString &service,
                                         const QJsonObject &hostConfig, const QJsonObject &config)
{
    QJsonObject labels{{TestRun::labelKey(), TestRun::current().labelValue()}};
    if (!project.isEmpty()) {
        labels.insert(QStringLiteral("com.docker.compose.project"), project);
        labels.insert(QStringLiteral("com.docker.compose.service"), service);
    }
    QJsonObject host = hostConfig;
    if (!host.contains(QLatin1String("NetworkMode")))
        host.insert(QStringLiteral("NetworkMode"), QStringLiteral("none"));
    QJsonObject body{{QStringLiteral("Image"), m_baseImage},
                     {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sleep"), QStringLiteral("300")}},
                     {QStringLiteral("Labels"), labels},
                     {QStringLiteral("StopSignal"), QStringLiteral("SIGKILL")},
                     {QStringLiteral("HostConfig"), host}};
    for (auto it = config.begin(); it != config.end(); ++it)
        body.insert(it.key(), it.value());
    const auto created = awaitResult(m_client->createContainer(body, name));
    if (!created.ok()) {
        qWarning("create %s: %s", qPrintable(name), qPrintable(created.error.toString()));
        return {};
    }
    m_containers.append(*created);
    return *created;
}

QString TestEngineViews::createNetwork(FreeSubnet *subnetOut)
{
    const QString network = TestRun::current().uniqueName(QStringLiteral("net"));
    const FreeSubnet subnet = FreeSubnet::take(m_docker);
    if (!subnet.isValid())
        return {};
    const QJsonObject body{
        {QStringLiteral("Name"), network},
        {QStringLiteral("Driver"), QStringLiteral("bridge")},
        {QStringLiteral("Labels"), QJsonObject{{TestRun::labelKey(), TestRun::current().labelValue()}}},
        {QStringLiteral("IPAM"),
         QJsonObject{{QStringLiteral("Config"), QJsonArray{QJsonObject{{QStringLiteral("Subnet"), subnet.cidr()},
                                                                       {QStringLiteral("Gateway"), subnet.gateway()}}}}}}};
    const auto made = awaitResult(m_client->createNetwork(body));
    if (!made.ok()) {
        qWarning("create network %s: %s", qPrintable(network), qPrintable(made.error.toString()));
        return {};
    }
    m_networks.append(network);
    if (subnetOut)
        *subnetOut = subnet;
    return network;
}

QString TestEngineViews::writeProject(const QString &projectName)
{
    const QString dir = m_dir.filePath(projectName);
    QDir().mkpath(dir);
    QFile project(dir + QStringLiteral("/stagehand.yaml"));
    QFile compose(dir + QStringLiteral("/compose.yaml"));
    if (!project.open(QIODevice::WriteOnly) || !compose.open(QIODevice::WriteOnly))
        return {};
    project.write(QStringLiteral("name: views\nenvironments:\n  test:\n    compose: [compose.yaml]\n    project_name: %1\n")
                      .arg(projectName)
                      .toUtf8());
    compose.write(QStringLiteral("services:\n  app:\n    image: %1\n").arg(m_baseImage).toUtf8());
    return dir;
}

void TestEngineViews::containersViewShowsTheEnvironmentsContainers()
{
    const QString projectName = TestRun::current().uniqueName(QStringLiteral("views"));
    const QString path = writeProject(projectName);
    QVERIFY(!path.isEmpty());
    MainWindow window;
    window.resize(1400, 760);
    window.show();
    QSignalSpy loaded(window.controller(), &ProjectController::projectLoaded);
    window.openProject(path);
    QVERIFY(loaded.wait(20000));
    ContainersView *view = window.containersView();
    QVERIFY(view);
    window.findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(view);
    QTRY_COMPARE(view->composeProject(), projectName);
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->isLoaded(), 20000);

    auto *tree = view->findChild<QTreeView *>(QStringLiteral("containersTree"));
    auto *showAll = view->findChild<QCheckBox *>(QStringLiteral("showAllContainers"));
    QVERIFY(tree && showAll);
    QVERIFY(!showAll->isChecked());

    const QString appName = TestRun::current().uniqueName(QStringLiteral("app"));
    const QString strangerName = TestRun::current().uniqueName(QStringLiteral("stranger"));
    // The app publishes a port on 127.0.0.1 and has a health check, as a Compose service would.
    const quint16 port = FreePorts(m_docker).takeOne();
    const QString network = createNetwork();
    QVERIFY(!network.isEmpty());
    const QJsonObject appHost{{QStringLiteral("NetworkMode"), network},
                              {QStringLiteral("PortBindings"),
                               QJsonObject{{QStringLiteral("8080/tcp"),
                                            QJsonArray{QJsonObject{{QStringLiteral("HostIp"), QStringLiteral("127.0.0.1")},
                                                                   {QStringLiteral("HostPort"), QString::number(port)}}}}}}};
    const QJsonObject appConfig{
        {QStringLiteral("ExposedPorts"), QJsonObject{{QStringLiteral("8080/tcp"), QJsonObject{}}}},
        {QStringLiteral("Healthcheck"),
         QJsonObject{{QStringLiteral("Test"), QJsonArray{QStringLiteral("CMD-SHELL"), QStringLiteral("true")}},
                     {QStringLiteral("Interval"), qint64(500) * 1000 * 1000}}}};
    const QString app = createContainer(appName, projectName, QStringLiteral("app"), appHost, appConfig);
    // Another project whose name starts like ours: matched on the label's value, not on names.
    const QString stranger = createContainer(strangerName, projectName + QStringLiteral("-other"), QStringLiteral("app"));
    QVERIFY(!app.isEmpty() && !stranger.isEmpty());
    const auto started = awaitResult(m_client->startContainer(app));
    QVERIFY2(started.ok(), qPrintable(started.error.toString()));

    QTRY_VERIFY_WITH_TIMEOUT(columnTexts(tree->model()).contains(appName), 15000);
    QVERIFY(!columnTexts(tree->model()).contains(strangerName));
    QTRY_COMPARE_WITH_TIMEOUT(findRow(tree->model(), 0, appName).siblingAtColumn(ContainerModel::State).data().toString(),
                              QStringLiteral("running"), 15000);
    QCOMPARE(view->environmentContainers().size(), 1);

    // The toggle: every container of the engine.
    QTest::mouseClick(showAll, Qt::LeftButton, {}, QPoint(8, showAll->height() / 2));
    QVERIFY(showAll->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(columnTexts(tree->model()).contains(strangerName), 15000);
    QVERIFY(columnTexts(tree->model()).contains(appName));
    QTest::mouseClick(showAll, Qt::LeftButton, {}, QPoint(8, showAll->height() / 2));
    QTRY_VERIFY(!columnTexts(tree->model()).contains(strangerName));

    // Selecting a container says which (the detail pane's hook), and its stats come in.
    QSignalSpy selected(view, &ContainersView::containerSelected);
    tree->setCurrentIndex(findRow(tree->model(), 0, appName));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toString(), app);
    QCOMPARE(view->selectedContainer(), app);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(tree->model(), 0, appName).data(ContainerModel::MemoryUsageRole).toLongLong() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(tree->model(), 0, appName).data(ContainerModel::CpuRole).isValid(), 10000);
    QVERIFY(view->detailPane());
    // The detail pane shows the selected container, and the Logs page follows the environment's.
    ContainerDetailWidget *detail = view->detail();
    QVERIFY(detail);
    QCOMPARE(detail->containerId(), app);
    QTRY_VERIFY_WITH_TIMEOUT(detail->hasDetails(), 15000);
    QCOMPARE(detail->details().name, appName);
    auto *logs = window.findChild<LogsView *>(QStringLiteral("logsView"));
    QVERIFY(logs && logs->logs());
    QTRY_COMPARE_WITH_TIMEOUT(logs->logs()->sourceNames(), QStringList{QStringLiteral("app")}, 15000);
    tree->setCurrentIndex({});
    QVERIFY(detail->isHidden());
    tree->setCurrentIndex(findRow(tree->model(), 0, appName));
    QTRY_COMPARE_WITH_TIMEOUT(findRow(tree->model(), 0, appName).siblingAtColumn(ContainerModel::Health).data().toString(),
                              QStringLiteral("healthy"), 20000);
    QCOMPARE(findRow(tree->model(), 0, appName).siblingAtColumn(ContainerModel::Ports).data().toString(),
             QStringLiteral("127.0.0.1:%1->8080/tcp").arg(port));
    QTest::qWait(200);
    QVERIFY(window.grab().save(QStringLiteral("/tmp/stagehand-containers.png")));

    // Removed: gone from the view.
    QVERIFY(awaitResult(m_client->removeContainer(app, true)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!columnTexts(tree->model()).contains(appName), 15000);
    m_containers.removeAll(app);
    QVERIFY(awaitResult(m_client->removeNetwork(network)).ok());
    m_networks.removeAll(network);
}

void TestEngineViews::imagesViewListsAndRemovesImages()
{
    MainWindow window;
    window.resize(1200, 700);
    window.show();
    auto *table = window.findChild<QTableView *>(QStringLiteral("imagesTable"));
    QVERIFY(table);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(table->model(), ImageModel::Tags, m_baseImage).isValid(), 20000);

    // An image of the test's own (committed from a test container), removed through the view.
    const QString source = createContainer(TestRun::current().uniqueName(QStringLiteral("imgsrc")), {}, {});
    QVERIFY(!source.isEmpty());
    const QString repository = TestRun::current().uniqueName(QStringLiteral("image"));
    const QString tag = repository + QStringLiteral(":1");
    const auto commit = m_docker.run({QStringLiteral("commit"), QStringLiteral("--change"),
                                      QStringLiteral("LABEL %1").arg(TestRun::current().label()), source, tag});
    QVERIFY2(commit.exitCode == 0, qPrintable(commit.err()));
    m_images.append(tag);
    QVERIFY(awaitResult(m_client->removeContainer(source, true)).ok());
    m_containers.removeAll(source);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(table->model(), ImageModel::Tags, tag).isValid(), 15000); // the tag event

    auto *dangling = window.findChild<QCheckBox *>(QStringLiteral("danglingOnly"));
    QVERIFY(dangling);
    dangling->setChecked(true);
    QVERIFY(!findRow(table->model(), ImageModel::Tags, tag).isValid());
    dangling->setChecked(false);

    table->setCurrentIndex(findRow(table->model(), ImageModel::Tags, tag));
    auto *remove = window.findChild<QPushButton *>(QStringLiteral("removeImage"));
    QVERIFY(remove && remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = window.findChild<QMessageBox *>(QStringLiteral("removeImageConfirmation"))) != nullptr);
    QVERIFY(confirm->text().contains(tag));
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!findRow(table->model(), ImageModel::Tags, tag).isValid(), 15000); // the delete event
    QVERIFY(!m_docker.imageExists(tag));
    m_images.removeAll(tag);
}

void TestEngineViews::volumesAndNetworksViews()
{
    MainWindow window;
    window.resize(1200, 700);
    window.show();
    auto *volumes = window.findChild<QTableView *>(QStringLiteral("volumesTable"));
    auto *networks = window.findChild<QTableView *>(QStringLiteral("networksTable"));
    QVERIFY(volumes && networks);

    const QString volume = TestRun::current().uniqueName(QStringLiteral("vol"));
    FreeSubnet subnet;
    const QString network = createNetwork(&subnet);
    QVERIFY(!network.isEmpty());
    const auto madeVolume = awaitResult(m_client->createVolume(volume, {{TestRun::labelKey(), TestRun::current().labelValue()}}));
    QVERIFY2(madeVolume.ok(), qPrintable(madeVolume.error.toString()));
    m_volumes.append(volume);

    QTRY_VERIFY_WITH_TIMEOUT(findRow(volumes->model(), 0, volume).isValid(), 15000);
    // Its size, from system df (a new volume holds nothing yet).
    QTRY_VERIFY_WITH_TIMEOUT(!findRow(volumes->model(), 0, volume).siblingAtColumn(2).data().toString().isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(networks->model(), 0, network).isValid(), 15000);
    QCOMPARE(findRow(networks->model(), 0, network).siblingAtColumn(2).data().toString(), subnet.cidr());

    // A container that mounts the volume and joins the network is listed as their user.
    const QString userName = TestRun::current().uniqueName(QStringLiteral("user"));
    const QString user =
        createContainer(userName, {}, {},
                        QJsonObject{{QStringLiteral("NetworkMode"), network},
                                    {QStringLiteral("Binds"), QJsonArray{QString(volume + QStringLiteral(":/data"))}}});
    QVERIFY(!user.isEmpty());
    QVERIFY(awaitResult(m_client->startContainer(user)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(findRow(volumes->model(), 0, volume).siblingAtColumn(3).data().toString().contains(userName), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(networks->model(), 0, network).siblingAtColumn(4).data().toString().contains(userName),
                             15000);

    QVERIFY(awaitResult(m_client->removeContainer(user, true)).ok());
    m_containers.removeAll(user);
    QVERIFY(awaitResult(m_client->removeVolume(volume)).ok());
    m_volumes.removeAll(volume);
    QVERIFY(awaitResult(m_client->removeNetwork(network)).ok());
    m_networks.removeAll(network);
    QTRY_VERIFY_WITH_TIMEOUT(!findRow(volumes->model(), 0, volume).isValid(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!findRow(networks->model(), 0, network).isValid(), 15000);
}

void TestEngineViews::pullShowsPerLayerProgress()
{
    // A registry of the test's own on 127.0.0.1 (Debian's docker-registry), holding a one-layer
    // image made by the test, pushed there and removed locally: pulled back through the view.
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/docker-registry")))
        STAGEHAND_REQUIRE(QStringLiteral("no /usr/bin/docker-registry (apt-get install docker-registry)"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 port = FreePorts(m_docker).takeOne();
    QFile config(dir.filePath(QStringLiteral("config.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %1\n"
                                "http:\n  addr: 127.0.0.1:%2\n")
                     .arg(dir.filePath(QStringLiteral("data")))
                     .arg(port)
                     .toUtf8());
    config.close();
    auto registry = ProcessRunner(QStringLiteral("/usr/bin/docker-registry"))
                        .setArguments({QStringLiteral("serve"), config.fileName()})
                        .setTimeoutMs(600000)
                        .start();
    HttpClient http;
    QTRY_VERIFY_WITH_TIMEOUT(http.get(HttpClient::local(port, QStringLiteral("/v2/")), 1000).ok(), 15000);

    QFile file(dir.filePath(QStringLiteral("hello.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(200000, 'x'));
    file.close();
    const auto tar = ProcessRunner::run(QStringLiteral("tar"), {QStringLiteral("-C"), dir.path(), QStringLiteral("-cf"),
                                                                QStringLiteral("-"), QStringLiteral("hello.txt")});
    QVERIFY(tar.ok());
    const QString reference =
        QStringLiteral("127.0.0.1:%1/%2:1").arg(port).arg(TestRun::current().uniqueName(QStringLiteral("pull")));
    const auto imported =
        m_docker.run({QStringLiteral("import"), QStringLiteral("--change"),
                      QStringLiteral("LABEL %1").arg(TestRun::current().label()), QStringLiteral("-"), reference},
                     tar.standardOutput, 60000);
    QVERIFY2(imported.ok(), qPrintable(imported.err()));
    m_images.append(reference);
    const auto pushed = m_docker.run({QStringLiteral("push"), reference}, 120000);
    QVERIFY2(pushed.ok(), qPrintable(pushed.err()));
    QVERIFY(m_docker.run({QStringLiteral("rmi"), reference}).ok());

    MainWindow window;
    window.resize(1200, 700);
    window.show();
    auto *table = window.findChild<QTableView *>(QStringLiteral("imagesTable"));
    auto *input = window.findChild<QLineEdit *>(QStringLiteral("pullReference"));
    auto *pull = window.findChild<QPushButton *>(QStringLiteral("pullImage"));
    auto *panel = window.findChild<ImagesPullPanel *>(QStringLiteral("pullPanel"));
    QVERIFY(table && input && pull && panel);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(table->model(), ImageModel::Tags, m_baseImage).isValid(), 20000);
    QVERIFY(!findRow(table->model(), ImageModel::Tags, reference).isValid());
    QSignalSpy finished(panel, &ImagesPullPanel::pullFinished);
    QTest::keyClicks(input, reference);
    QVERIFY(pull->isEnabled());
    QTest::mouseClick(pull, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY2(!finished.first().at(1).value<EngineError>().isError(), qPrintable(panel->outcome()));
    const QStringList layers = panel->layers();
    QCOMPARE(layers.size(), 1);
    QProgressBar *bar = panel->progressBar(layers.first());
    QVERIFY(bar);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY2(panel->outcome().contains(QStringLiteral("Downloaded newer image")), qPrintable(panel->outcome()));
    QTRY_VERIFY_WITH_TIMEOUT(findRow(table->model(), ImageModel::Tags, reference).isValid(), 15000); // the pull event

    // A registry that is not there: the engine's refusal is shown.
    const quint16 closed = FreePorts(m_docker).takeOne();
    finished.clear();
    input->clear();
    QTest::keyClicks(input, QStringLiteral("127.0.0.1:%1/nothing:1").arg(closed));
    QTest::mouseClick(pull, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().at(1).value<EngineError>().isError());
    QVERIFY(!panel->outcome().isEmpty());
}

void TestEngineViews::bannerShowsWhileTheEngineIsUnreachable()
{
    // A socket path where nothing listens yet; later a link to the real engine's socket appears there.
    QTemporaryDir dir(QStringLiteral("/tmp/sh-banner-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString socket = dir.filePath(QStringLiteral("docker.sock"));
    EngineSession session;
    const auto endpoint = EngineEndpoint::parse(QStringLiteral("unix://") + socket);
    QVERIFY(endpoint);
    session.setEndpoint(*endpoint);
    session.client()->setReconnectDelays(100, 500);
    ContainersView view(&session);
    view.resize(1000, 500);
    view.show();
    auto *banner = view.findChild<EngineBanner *>(QStringLiteral("engineBanner"));
    QVERIFY(banner);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
    QVERIFY2(banner->text().contains(socket), qPrintable(banner->text()));
    QCOMPARE(session.state(), DockerClient::State::Unreachable);

    const QString real = DockerCli::defaultHost().startsWith(QLatin1String("unix://")) ? DockerCli::defaultHost().mid(7)
                                                                                       : QStringLiteral("/var/run/docker.sock");
    QVERIFY(QFile::link(real, socket));
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000); // the client reconnected by itself
    QCOMPARE(session.state(), DockerClient::State::Connected);
    QTRY_VERIFY_WITH_TIMEOUT(view.model()->isLoaded(), 20000);
    QVERIFY(view.model()->rowCount() > 0 || view.model()->containerCount() == 0);

    // A setting that cannot be used is said as well.
    session.setEngineSetting(QStringLiteral("ftp://nowhere"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(session.client() == nullptr);
}

void TestEngineViews::windowOpensWithoutAnEngine()
{
    QTemporaryDir dir(QStringLiteral("/tmp/sh-noengine-XXXXXX"));
    const QByteArray saved = qgetenv("DOCKER_HOST");
    const bool had = qEnvironmentVariableIsSet("DOCKER_HOST");
    qputenv("DOCKER_HOST", (QStringLiteral("unix://") + dir.filePath(QStringLiteral("none.sock"))).toUtf8());
    {
        MainWindow window;
        window.resize(1000, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ContainersView *view = window.containersView();
        window.findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(view);
        auto *banner = view->findChild<EngineBanner *>(QStringLiteral("engineBanner"));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
        QVERIFY(!banner->text().isEmpty());
        QCOMPARE(view->model()->rowCount(), 0);
        // The other engine pages show it too.
        int banners = 0;
        for (EngineBanner *b : window.findChildren<EngineBanner *>())
            banners += !b->text().isEmpty() || b->isVisibleTo(&window);
        QVERIFY(banners >= 1);
    }
    if (had)
        qputenv("DOCKER_HOST", saved);
    else
        qunsetenv("DOCKER_HOST");
}

void TestEngineViews::cleanupTestCase()
{
    if (!m_client)
        return;
    for (const QString &id : std::as_const(m_containers))
        awaitResult(m_client->removeContainer(id, true));
    for (const QString &image : std::as_const(m_images))
        awaitResult(m_client->removeImage(image, true));
    for (const QString &volume : std::as_const(m_volumes))
        awaitResult(m_client->removeVolume(volume, true));
    for (const QString &network : std::as_const(m_networks))
        awaitResult(m_client->removeNetwork(network));
}

QTEST_MAIN(TestEngineViews)
#include "tst_engineviews.moc"
