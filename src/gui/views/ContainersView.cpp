#include "views/ContainersView.h"

#include "detail/ContainerDetailWidget.h"
#include "engine/EngineSession.h"
#include "models/ContainerDelegate.h"
#include "models/ContainerFilterProxyModel.h"
#include "models/ContainerModel.h"
#include "ui_ContainersView.h"

#include <QHeaderView>
#include <QSplitter>

namespace stagehand {

ContainersView::ContainersView(EngineSession *session, QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::ContainersView>())
    , m_session(session)
    , m_model(new ContainerModel(this))
    , m_proxy(new ContainerFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_ui->engineBanner->setSession(session);
    m_proxy->setSourceModel(m_model);
    QTreeView *tree = m_ui->containersTree;
    tree->setModel(m_proxy);
    tree->setItemDelegate(new ContainerDelegate(this));
    tree->sortByColumn(ContainerModel::Name, Qt::AscendingOrder);
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(ContainerModel::Image, QHeaderView::Stretch);
    m_ui->containersSplitter->setStretchFactor(0, 3);
    m_ui->containersSplitter->setStretchFactor(1, 2);

    connect(m_ui->containerFilter, &QLineEdit::textChanged, m_proxy, &ContainerFilterProxyModel::setFilterText);
    connect(m_ui->containerStateFilter, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_proxy->setStateFilter(ContainerFilterProxyModel::StateFilter(index)); });
    connect(m_ui->showAllContainers, &QCheckBox::toggled, this, &ContainersView::applyScope);
    // New groups open, so a container shows as soon as it is there.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this, tree](const QModelIndex &under, int first, int last) {
        for (int row = first; row <= last; ++row)
            tree->expandRecursively(m_proxy->index(row, 0, under));
        if (!m_fitted)
            fitColumns();
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, tree, &QTreeView::expandAll);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, tree, [tree] { tree->expandAll(); });
    connect(tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { Q_EMIT containerSelected(current.data(ContainerModel::IdRole).toString()); });
    connect(tree, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(ContainerModel::IdRole).toString();
        if (!id.isEmpty())
            Q_EMIT containerActivated(id);
    });
    connect(m_model, &ContainerModel::containersChanged, this, [this] {
        updateSummary();
        Q_EMIT environmentContainersChanged(environmentContainers());
    });
    connect(m_model, &ContainerModel::loaded, this, &ContainersView::updateSummary);
    connect(m_model, &ContainerModel::engineError, this, &EnvironmentView::statusMessage);
    connect(session, &EngineSession::clientChanged, this, [this](DockerClient *client) {
        m_model->setClient(client);
        rebuildDetail(client);
        Q_EMIT clientChanged(client);
    });
    connect(session, &EngineSession::stateChanged, this, &ContainersView::updateSummary);
    connect(this, &ContainersView::containerSelected, this, &ContainersView::showDetail);
    m_model->setClient(session->client());
    rebuildDetail(session->client());
    applyScope();
}

ContainersView::~ContainersView() = default;

QWidget *ContainersView::detailPane() const
{
    return m_ui->containerDetailPane;
}

void ContainersView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    QString project;
    if (snapshot.environment && snapshot.environment->model)
        project = snapshot.environment->model->name;
    if (project.isEmpty() && snapshot.project && snapshot.environment) {
        if (const EnvironmentSpec *spec = snapshot.project->environment(snapshot.environment->environment))
            project = spec->projectName;
    }
    if (project == m_project)
        return;
    m_project = project;
    applyScope();
    Q_EMIT environmentContainersChanged(environmentContainers());
}

QList<ContainerSummary> ContainersView::environmentContainers() const
{
    return m_project.isEmpty() ? QList<ContainerSummary>() : m_model->containers(m_project);
}

void ContainersView::rebuildDetail(DockerClient *client)
{
    // The detail holds streams of one client: a new engine gets a new detail.
    delete m_detail;
    m_detail = nullptr;
    if (client) {
        m_detail = new ContainerDetailWidget(client, m_ui->containerDetailPane);
        m_detail->setObjectName(QStringLiteral("containerDetail"));
        // Its tabs (three charts) would claim most of the height; the list keeps its share.
        m_detail->setMinimumHeight(m_detail->fontMetrics().height() * 12);
        m_ui->containerDetailLayout->addWidget(m_detail);
        connect(m_detail, &ContainerDetailWidget::errorOccurred, this,
                [this](const EngineError &error) { Q_EMIT statusMessage(error.toString()); });
    }
    showDetail(selectedContainer());
}

void ContainersView::showDetail(const QString &containerId)
{
    m_ui->containerDetailPlaceholder->setVisible(!m_detail || containerId.isEmpty());
    if (!m_detail)
        return;
    m_detail->setVisible(!containerId.isEmpty());
    m_detail->showContainer(containerId);
    if (!containerId.isEmpty() && !m_splitPlaced && isVisible()) {
        // The first detail shown gets half of the height; afterwards the user's split is kept.
        QSplitter *splitter = m_ui->containersSplitter;
        const int total = splitter->height();
        splitter->setSizes({total * 2 / 5, total - total * 2 / 5});
        m_splitPlaced = true;
    }
}

QString ContainersView::selectedContainer() const
{
    return m_ui->containersTree->currentIndex().data(ContainerModel::IdRole).toString();
}

bool ContainersView::showsAllContainers() const
{
    return m_ui->showAllContainers->isChecked() || m_project.isEmpty();
}

void ContainersView::setShowAllContainers(bool all)
{
    m_ui->showAllContainers->setChecked(all);
}

void ContainersView::applyScope()
{
    const bool all = showsAllContainers();
    m_ui->showAllContainers->setEnabled(!m_project.isEmpty());
    m_proxy->setProjectFilter(all ? QString() : m_project);
    // Stats streams for what is on screen: the environment's containers, or (all) the first few.
    m_model->setStatsScope(all ? QString() : m_project);
    m_ui->containersTree->expandAll();
    updateSummary();
}

void ContainersView::updateSummary()
{
    if (m_session->state() != DockerClient::State::Connected && !m_model->isLoaded()) {
        m_ui->containersSummary->setText(m_session->state() == DockerClient::State::Connecting
                                             ? tr("Connecting to %1…").arg(m_session->endpoint().toString())
                                             : tr("Not connected to a Docker engine."));
        return;
    }
    const QList<ContainerSummary> shown = showsAllContainers() ? m_model->containers() : environmentContainers();
    const auto running =
        std::count_if(shown.cbegin(), shown.cend(), [](const ContainerSummary &c) { return c.state == u"running"; });
    if (showsAllContainers()) {
        m_ui->containersSummary->setText(tr("%n container(s) on %1, %2 running", nullptr, int(shown.size()))
                                             .arg(m_session->endpoint().toString())
                                             .arg(running));
    } else if (shown.isEmpty()) {
        m_ui->containersSummary->setText(
            tr("No containers of Compose project %1 on %2 — deploy the environment, or show all containers.")
                .arg(m_project, m_session->endpoint().toString()));
    } else {
        m_ui->containersSummary->setText(
            tr("%n container(s) of Compose project %1, %2 running", nullptr, int(shown.size())).arg(m_project).arg(running));
    }
}

void ContainersView::fitColumns()
{
    QTreeView *tree = m_ui->containersTree;
    const QFontMetrics fm = tree->fontMetrics();
    const int em = fm.horizontalAdvance(u'M');
    tree->setColumnWidth(ContainerModel::Name, 22 * em);
    tree->setColumnWidth(ContainerModel::State, 10 * em);
    tree->setColumnWidth(ContainerModel::Health, 8 * em);
    tree->setColumnWidth(ContainerModel::Ports, 18 * em);
    tree->setColumnWidth(ContainerModel::Uptime, 7 * em);
    tree->setColumnWidth(ContainerModel::Cpu, 6 * em);
    tree->setColumnWidth(ContainerModel::Memory, 15 * em);
    m_fitted = true;
}

} // namespace stagehand
