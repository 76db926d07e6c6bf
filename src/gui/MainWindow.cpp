#include "MainWindow.h"

#include "ProjectController.h"
#include "models/ServiceTableModel.h"
#include "ui_MainWindow.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace stagehand {
namespace {
constexpr int EnvironmentRole = Qt::UserRole + 1;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_controller(new ProjectController(this))
    , m_services(new ServiceTableModel(this))
    , m_servicesProxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_servicesProxy->setSourceModel(m_services);
    m_servicesProxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_ui->servicesView->setModel(m_servicesProxy);
    m_ui->servicesView->horizontalHeader()->setStretchLastSection(true);
    m_ui->servicesView->verticalHeader()->hide();
    m_ui->servicesView->sortByColumn(ServiceTableModel::Name, Qt::AscendingOrder);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->mainSplitter->setSizes({220, 980});

    connect(m_ui->actionOpenProject, &QAction::triggered, this, &MainWindow::chooseProject);
    connect(m_ui->actionReload, &QAction::triggered, m_controller, &ProjectController::reload);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->projectTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        onEnvironmentSelected(current);
    });
    connect(m_controller, &ProjectController::loadingStarted, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Loading %1…").arg(path));
    });
    connect(m_controller, &ProjectController::projectLoaded, this, &MainWindow::onProjectLoaded);
}

MainWindow::~MainWindow() = default;

void MainWindow::openProject(const QString &path)
{
    m_controller->open(path);
}

void MainWindow::chooseProject()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Project"));
    if (!dir.isEmpty())
        openProject(dir);
}

void MainWindow::onProjectLoaded()
{
    m_ui->projectTree->clear();
    m_services->clear();
    const auto &project = m_controller->project();
    if (!project) {
        setWindowTitle(tr("Stagehand"));
        m_ui->diagnosticsList->clear();
        for (const Diagnostic &d : m_controller->projectDiagnostics())
            m_ui->diagnosticsList->addItem(d.toString());
        m_ui->viewTabs->setCurrentWidget(m_ui->problemsTab);
        statusBar()->showMessage(tr("The project could not be opened"));
        return;
    }
    setWindowTitle(tr("%1 — Stagehand").arg(project->name));
    auto *root = new QTreeWidgetItem(m_ui->projectTree, {project->name});
    QTreeWidgetItem *first = nullptr;
    for (const EnvironmentSpec &env : project->environments) {
        auto *item = new QTreeWidgetItem(root, {env.name});
        item->setData(0, EnvironmentRole, env.name);
        const ResolvedEnvironment *resolved = m_controller->environment(env.name);
        if (resolved && !resolved->ok())
            item->setText(0, tr("%1 (errors)").arg(env.name));
        if (!first)
            first = item;
    }
    m_ui->projectTree->expandAll();
    if (first)
        m_ui->projectTree->setCurrentItem(first);
    statusBar()->showMessage(tr("%n environment(s)", nullptr, int(project->environments.size())));
}

void MainWindow::onEnvironmentSelected(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString name = item->data(0, EnvironmentRole).toString();
    if (!name.isEmpty())
        showEnvironment(name);
}

void MainWindow::showEnvironment(const QString &name)
{
    const ResolvedEnvironment *env = m_controller->environment(name);
    m_ui->diagnosticsList->clear();
    if (!env)
        return;
    if (env->model)
        m_services->setEnvironment(*env->model);
    else
        m_services->clear();
    for (const Diagnostic &d : env->diagnostics)
        m_ui->diagnosticsList->addItem(d.toString());
    m_ui->viewTabs->setTabText(m_ui->viewTabs->indexOf(m_ui->problemsTab),
                               env->diagnostics.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(env->diagnostics.size()));
    m_ui->servicesView->resizeColumnsToContents();
    statusBar()->showMessage(tr("%1: %n service(s)", nullptr, env->model ? int(env->model->services.size()) : 0).arg(name));
}

} // namespace stagehand
