#include "MainWindow.h"

#include "ProjectController.h"
#include "RecentProjects.h"
#include "engine/EngineSession.h"
#include "ui_MainWindow.h"
#include "views/ContainersView.h"
#include "views/DeployView.h"
#include "views/FindingsView.h"
#include "views/ImagesView.h"
#include "views/LogsView.h"
#include "views/NetworksView.h"
#include "views/PortMapView.h"
#include "views/ReleasesView.h"
#include "views/ServicesView.h"
#include "views/VolumesView.h"
#include "widgets/SettingsDialog.h"
#include "widgets/SourceViewerDialog.h"

#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>

namespace stagehand {
namespace {
constexpr int EnvironmentRole = Qt::UserRole + 1;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_controller(new ProjectController(this))
    , m_engine(new EngineSession(this))
    , m_findingsLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->mainSplitter->setSizes({220, 980});
    m_findingsLabel->setObjectName(QStringLiteral("findingsLabel"));
    m_findingsLabel->setMinimumWidth(
        m_findingsLabel->fontMetrics().horizontalAdvance(tr("%1 errors, %2 warnings").arg(999).arg(999)));
    statusBar()->addPermanentWidget(m_findingsLabel);
    m_controller->setWatchFiles(SettingsDialog::reloadOnChange());

    addView(new ServicesView(this));
    addView(new PortMapView(this));
    addView(new FindingsView(this));
    // The engine pages; they open with no engine running (a banner says why, the client retries).
    m_engine->setEnvironment(nullptr); // DOCKER_HOST, the current context or the default socket
    m_containers = new ContainersView(m_engine, this);
    addView(m_containers);
    addView(new LogsView(m_containers, this));
    addView(new ImagesView(m_engine, this));
    addView(new VolumesView(m_engine, this));
    addView(new NetworksView(m_engine, this));
    // Deploy and take down the environment, and the releases its deploys recorded.
    m_deploy = new DeployView(m_engine, this);
    addView(m_deploy);
    m_releases = new ReleasesView(this);
    addView(m_releases);
    connect(m_deploy, &DeployView::deployFinished, m_releases, &ReleasesView::reload);
    connect(m_deploy, &DeployView::stageChanged, this, &MainWindow::updateEnvironmentActions);
    connect(m_engine, &EngineSession::stateChanged, this, &MainWindow::updateEnvironmentActions);
    connect(m_ui->actionDeploy, &QAction::triggered, this, [this] { runOnDeployPage(&DeployView::deploy); });
    connect(m_ui->actionRedeploy, &QAction::triggered, this, [this] { runOnDeployPage(&DeployView::deploy); });
    connect(m_ui->actionDown, &QAction::triggered, this, [this] { runOnDeployPage(&DeployView::takeDown); });

    connect(m_ui->actionOpenProject, &QAction::triggered, this, &MainWindow::chooseProject);
    connect(m_ui->actionReload, &QAction::triggered, m_controller, &ProjectController::reload);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionNextEnvironment, &QAction::triggered, this, [this] { stepEnvironment(1); });
    connect(m_ui->actionPreviousEnvironment, &QAction::triggered, this, [this] { stepEnvironment(-1); });
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->actionSettings, &QAction::triggered, this, [this] {
        // open(), not exec(): no nested event loop on the GUI thread.
        auto *dialog = new SettingsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this] { m_controller->setWatchFiles(SettingsDialog::reloadOnChange()); });
        dialog->open();
    });
    connect(m_ui->projectTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        if (current && !current->data(0, EnvironmentRole).toString().isEmpty())
            showEnvironment(current->data(0, EnvironmentRole).toString());
    });
    connect(m_controller, &ProjectController::loadingStarted, this,
            [this](const QString &path) { statusBar()->showMessage(tr("Loading %1…").arg(path)); });
    connect(m_controller, &ProjectController::filesChanged, this,
            [this] { statusBar()->showMessage(tr("Files changed on disk; reloading…")); });
    connect(m_controller, &ProjectController::projectLoaded, this, &MainWindow::onProjectLoaded);
    updateRecentMenu();
    updateEnvironmentActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::runOnDeployPage(void (DeployView::*action)())
{
    m_ui->viewTabs->setCurrentWidget(m_deploy);
    (m_deploy->*action)();
}

void MainWindow::updateEnvironmentActions()
{
    const bool idle = !m_deploy->isBusy();
    m_ui->actionDeploy->setEnabled(idle && m_deploy->canDeploy());
    m_ui->actionRedeploy->setEnabled(idle && m_deploy->canDeploy());
    m_ui->actionDown->setEnabled(idle && m_deploy->canTakeDown());
}

void MainWindow::addView(EnvironmentView *view)
{
    m_views.append(view);
    const int index = m_ui->viewTabs->addTab(view, view->title());
    if (index < 9) {
        auto *shortcut = new QAction(this);
        shortcut->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + index)));
        connect(shortcut, &QAction::triggered, this, [this, view] { m_ui->viewTabs->setCurrentWidget(view); });
        addAction(shortcut);
    }
    connect(view, &EnvironmentView::openLocationRequested, this, &MainWindow::showLocation);
    connect(view, &EnvironmentView::filesEdited, m_controller, &ProjectController::reload);
    connect(view, &EnvironmentView::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
}

void MainWindow::openProject(const QString &path)
{
    RecentProjects::add(path);
    updateRecentMenu();
    m_controller->open(path);
}

void MainWindow::chooseProject()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Project"), m_controller->path());
    if (!dir.isEmpty())
        openProject(dir);
}

void MainWindow::updateRecentMenu()
{
    m_ui->menuRecent->clear();
    const QStringList recent = RecentProjects::list();
    for (const QString &path : recent)
        m_ui->menuRecent->addAction(path, this, [this, path] { openProject(path); });
    if (!recent.isEmpty()) {
        m_ui->menuRecent->addSeparator();
        m_ui->menuRecent->addAction(tr("Clear List"), this, [this] {
            RecentProjects::clear();
            updateRecentMenu();
        });
    }
    m_ui->menuRecent->setEnabled(!recent.isEmpty());
}

void MainWindow::onProjectLoaded()
{
    const QString previous = m_environment;
    const QSignalBlocker blocker(m_ui->projectTree);
    m_ui->projectTree->clear();
    const auto &project = m_controller->project();
    if (!project) {
        setWindowTitle(tr("Stagehand"));
        m_environment.clear();
        showEnvironment(QString());
        statusBar()->showMessage(tr("The project could not be opened"));
        return;
    }
    setWindowTitle(tr("%1 — Stagehand").arg(project->name));
    auto *root = new QTreeWidgetItem(m_ui->projectTree, {project->name});
    root->setToolTip(0, project->projectFile.isEmpty() ? project->directory : project->projectFile);
    QTreeWidgetItem *select = nullptr;
    for (const EnvironmentSpec &env : project->environments) {
        auto *item = new QTreeWidgetItem(root, {env.name});
        item->setData(0, EnvironmentRole, env.name);
        item->setToolTip(0, env.composeFiles.join(QLatin1Char('\n')));
        const ResolvedEnvironment *resolved = m_controller->environment(env.name);
        if (resolved && !resolved->ok())
            item->setText(0, tr("%1 (errors)").arg(env.name));
        if (!select || env.name == previous)
            select = item;
    }
    m_ui->projectTree->expandAll();
    if (select) {
        m_ui->projectTree->setCurrentItem(select);
        showEnvironment(select->data(0, EnvironmentRole).toString());
    }
    statusBar()->showMessage(tr("%n environment(s)", nullptr, int(project->environments.size())), 5000);
}

void MainWindow::selectEnvironment(const QString &name)
{
    for (QTreeWidgetItemIterator it(m_ui->projectTree); *it; ++it) {
        if ((*it)->data(0, EnvironmentRole).toString() == name) {
            m_ui->projectTree->setCurrentItem(*it);
            return;
        }
    }
}

void MainWindow::stepEnvironment(int delta)
{
    const auto &project = m_controller->project();
    if (!project || project->environments.isEmpty())
        return;
    const QStringList names = project->environmentNames();
    const qsizetype index = std::max<qsizetype>(0, names.indexOf(m_environment));
    selectEnvironment(names.at((index + delta + names.size()) % names.size()));
}

void MainWindow::showEnvironment(const QString &name)
{
    m_environment = name;
    const auto &project = m_controller->project();
    m_engine->setEnvironment(project && !name.isEmpty() ? project->environment(name) : nullptr);
    const EnvironmentSnapshot snapshot = m_controller->snapshot(name);
    for (EnvironmentView *view : std::as_const(m_views))
        view->showEnvironment(snapshot);
    updateEnvironmentActions();
    int errors = 0, warnings = 0;
    for (const Diagnostic &d : snapshot.findings) {
        errors += d.severity == Diagnostic::Severity::Error;
        warnings += d.severity == Diagnostic::Severity::Warning;
    }
    m_findingsLabel->setText(tr("%1 errors, %2 warnings").arg(errors).arg(warnings));
    for (int i = 0; i < m_ui->viewTabs->count(); ++i) {
        if (auto *findings = qobject_cast<FindingsView *>(m_ui->viewTabs->widget(i)))
            m_ui->viewTabs->setTabText(i, findings->count() ? tr("Findings (%1)").arg(findings->count()) : tr("Findings"));
    }
    if (!snapshot.environment) {
        for (int i = 0; i < m_ui->viewTabs->count(); ++i) {
            if (qobject_cast<FindingsView *>(m_ui->viewTabs->widget(i)))
                m_ui->viewTabs->setCurrentIndex(i);
        }
    }
}

void MainWindow::showLocation(const SourceLocation &location)
{
    auto *viewer = new SourceViewerDialog(this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->showLocation(location);
    viewer->show();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Stagehand"),
                       tr("<b>Stagehand %1</b><p>Check, deploy, verify, back up, watch, roll back and promote a "
                          "multi-service staging environment on Docker.</p>")
                           .arg(QStringLiteral(STAGEHAND_VERSION)));
}

} // namespace stagehand
