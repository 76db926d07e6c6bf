#include "views/ReleasesView.h"

#include "deploy/ReleaseStore.h"
#include "models/DeployModel.h"
#include "models/ReleaseDelegate.h"
#include "models/ReleaseFilterProxyModel.h"
#include "models/ReleaseModel.h"
#include "models/ReleaseServiceModel.h"
#include "store/Database.h"
#include "ui_ReleasesView.h"
#include "util/AsyncTask.h"

#include <QHeaderView>
#include <QLocale>
#include <QSortFilterProxyModel>

#include <algorithm>

namespace stagehand {

ReleasesView::ReleasesView(QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::ReleasesView>())
    , m_model(new ReleaseModel(this))
    , m_proxy(new ReleaseFilterProxyModel(this))
    , m_services(new ReleaseServiceModel(this))
    , m_servicesProxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("releasesPage"));
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    QTreeView *list = m_ui->releasesView;
    list->setModel(m_proxy);
    list->setItemDelegate(new ReleaseDelegate(this));
    list->sortByColumn(ReleaseModel::Number, Qt::DescendingOrder);
    list->header()->setStretchLastSection(true);
    m_servicesProxy->setSourceModel(m_services);
    m_servicesProxy->setSortRole(ReleaseServiceModel::SortRole);
    QTreeView *services = m_ui->releaseServicesView;
    services->setModel(m_servicesProxy);
    services->setItemDelegate(new ReleaseDelegate(this));
    services->header()->setStretchLastSection(false);
    services->header()->setSectionResizeMode(ReleaseServiceModel::Image, QHeaderView::Stretch);
    m_ui->releasesSplitter->setStretchFactor(0, 3);
    m_ui->releasesSplitter->setStretchFactor(1, 2);

    connect(m_ui->releaseFilter, &QLineEdit::textChanged, m_proxy, &ReleaseFilterProxyModel::setFilterText);
    connect(m_ui->releaseOutcomeFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        static const char *const outcomes[] = {"", "succeeded", "failed", "cancelled", "running"};
        m_proxy->setOutcomeFilter(QString::fromLatin1(outcomes[std::clamp(index, 0, 4)]));
    });
    connect(m_ui->refreshReleases, &QPushButton::clicked, this, &ReleasesView::reload);
    connect(list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReleasesView::showSelected);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ReleasesView::showSelected);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ReleasesView::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ReleasesView::updateSummary);
    showSelected();
}

ReleasesView::~ReleasesView() = default;

void ReleasesView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    const QString project = snapshot.project ? snapshot.project->name : QString();
    const QString environment = snapshot.environment ? snapshot.environment->environment : QString();
    if (project == m_project && environment == m_environment)
        return;
    m_project = project;
    m_environment = environment;
    m_model->setReleases({});
    reload();
}

ReleasesView::Loaded ReleasesView::load(const QString &databasePath, const QString &project, const QString &environment)
{
    // On a worker thread: the Database is opened, used and closed here.
    Loaded out;
    Database db;
    const bool opened = databasePath.isEmpty() ? db.open(&out.error) : db.open(databasePath, &out.error);
    out.path = db.path();
    if (!opened)
        return out;
    out.releases = ReleaseStore(db).list(project, environment, -1, &out.error);
    return out;
}

void ReleasesView::reload()
{
    const quint64 generation = ++m_generation;
    if (m_project.isEmpty() || m_environment.isEmpty()) {
        m_loading = false;
        m_error.clear();
        m_model->setReleases({});
        updateSummary();
        Q_EMIT loaded();
        return;
    }
    m_loading = true;
    updateSummary();
    runAsync(
        this, [path = m_databasePath, project = m_project, environment = m_environment] { return load(path, project, environment); },
        [this, generation](const Loaded &result) {
            if (generation != m_generation)
                return; // the environment changed, or another reload is under way
            showLoaded(result);
        });
}

void ReleasesView::showLoaded(const Loaded &result)
{
    m_loading = false;
    m_error = result.error;
    m_storePath = result.path;
    const int selected = selectedRelease();
    m_model->setReleases(result.releases);
    if (selected > 0)
        selectRelease(selected);
    else if (m_proxy->rowCount() > 0 && !m_ui->releasesView->currentIndex().isValid())
        m_ui->releasesView->setCurrentIndex(m_proxy->index(0, 0)); // the newest
    if (!m_fitted && m_model->rowCount() > 0) {
        // Fit the columns to the header and what is there, with room for the sort arrow; the message takes the rest.
        QTreeView *list = m_ui->releasesView;
        const int em = list->fontMetrics().horizontalAdvance(u'M');
        for (int column = 0; column < ReleaseModel::Message; ++column) {
            list->resizeColumnToContents(column);
            list->setColumnWidth(column, std::min(list->columnWidth(column) + 2 * em, 20 * em));
        }
        m_fitted = true;
    }
    showSelected();
    updateSummary();
    Q_EMIT loaded();
}

int ReleasesView::selectedRelease() const
{
    const QModelIndex current = m_ui->releasesView->currentIndex();
    return current.isValid() ? current.data(ReleaseModel::NumberRole).toInt() : 0;
}

void ReleasesView::selectRelease(int number)
{
    const int row = m_model->rowOfNumber(number);
    if (row >= 0)
        m_ui->releasesView->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
}

void ReleasesView::showSelected()
{
    const QModelIndex current = m_ui->releasesView->currentIndex();
    const Release *release = current.isValid() ? m_model->releaseAt(m_proxy->mapToSource(current).row()) : nullptr;
    m_services->setServices(release ? release->services : QList<ServiceRelease>());
    if (!release) {
        m_ui->releaseDetail->setText(m_model->rowCount() > 0 ? tr("Select a release to see what it did to each service.") : QString());
        return;
    }
    QString text = tr("Release r%1 of %2, Compose project %3, on %4: %5, started %6, took %7; Stagehand %8.")
                       .arg(release->number)
                       .arg(release->environment, release->composeProject, release->engine, release->outcome,
                            QLocale().toString(release->startedAt.toLocalTime(), QLocale::LongFormat),
                            ReleaseModel::durationText(*release), release->stagehandVersion);
    if (!release->message.isEmpty())
        text += u'\n' + release->message;
    m_ui->releaseDetail->setText(text);
    QTreeView *services = m_ui->releaseServicesView;
    for (int column = 0; column < ReleaseServiceModel::ColumnCount; ++column) {
        if (column != ReleaseServiceModel::Image)
            services->resizeColumnToContents(column);
    }
}

void ReleasesView::updateSummary()
{
    QString text;
    if (m_project.isEmpty() || m_environment.isEmpty())
        text = tr("No environment selected.");
    else if (m_loading && m_model->rowCount() == 0)
        text = tr("Reading the releases of %1…").arg(m_environment);
    else if (!m_error.isEmpty())
        text = tr("The releases could not be read from %1: %2").arg(m_storePath.isEmpty() ? tr("the Stagehand store") : m_storePath, m_error);
    else if (m_model->rowCount() == 0)
        text = tr("No releases of %1 yet: each deploy that changes something is recorded as one.").arg(m_environment);
    else
        text = tr("%n release(s) of %1, %2 shown", nullptr, m_model->rowCount()).arg(m_environment).arg(m_proxy->rowCount());
    m_ui->releasesSummary->setText(text);
}

} // namespace stagehand
