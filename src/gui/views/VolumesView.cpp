#include "views/VolumesView.h"

#include "engine/EngineSession.h"
#include "models/VolumeModel.h"
#include "ui_VolumesView.h"

#include <QHeaderView>
#include <QLocale>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

#include <algorithm>

namespace stagehand {

VolumesView::VolumesView(EngineSession *session, QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::VolumesView>())
    , m_model(new VolumeModel(this))
    , m_project(new QSortFilterProxyModel(this))
    , m_text(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_ui->engineBanner->setSession(session);
    m_project->setSourceModel(m_model);
    m_project->setFilterKeyColumn(VolumeModel::Project);
    m_text->setSourceModel(m_project);
    m_text->setFilterKeyColumn(-1);
    m_text->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_text->setSortRole(VolumeModel::SortRole);
    QTableView *table = m_ui->volumesTable;
    table->setModel(m_text);
    table->verticalHeader()->hide();
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->sortByColumn(VolumeModel::Name, Qt::AscendingOrder);
    connect(m_ui->volumeFilter, &QLineEdit::textChanged, m_text, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->volumeEnvironmentOnly, &QCheckBox::toggled, this, &VolumesView::applyScope);
    connect(m_model, &VolumeModel::loaded, this, [this, table] {
        updateSummary();
        if (m_model->rowCount() > 0) { // fit the columns to what is there, within reason
            table->resizeColumnsToContents();
            for (int column = 0; column < m_model->columnCount(); ++column)
                table->setColumnWidth(column, std::min(table->columnWidth(column), 320));
        }
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &VolumesView::updateSummary);
    connect(m_model, &VolumeModel::engineError, this, &EnvironmentView::statusMessage);
    connect(session, &EngineSession::clientChanged, m_model, &VolumeModel::setClient);
    m_model->setClient(session->client());
    applyScope();
}

VolumesView::~VolumesView() = default;

void VolumesView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    m_composeProject.clear();
    if (snapshot.environment && snapshot.environment->model)
        m_composeProject = snapshot.environment->model->name;
    applyScope();
}

void VolumesView::applyScope()
{
    const bool only = m_ui->volumeEnvironmentOnly->isChecked() && !m_composeProject.isEmpty();
    m_ui->volumeEnvironmentOnly->setEnabled(!m_composeProject.isEmpty());
    m_project->setFilterRegularExpression(only ? QRegularExpression(u'^' + QRegularExpression::escape(m_composeProject) + u'$')
                                               : QRegularExpression());
    updateSummary();
}

} // namespace stagehand

namespace stagehand {

void VolumesView::updateSummary()
{
    int unused = 0;
    for (const VolumeRow &row : m_model->rows())
        unused += row.containers.isEmpty();
    m_ui->volumesSummary->setText(
        tr("%1 volumes shown of %2, %3 unused").arg(m_text->rowCount()).arg(m_model->rowCount()).arg(unused));
}

} // namespace stagehand
