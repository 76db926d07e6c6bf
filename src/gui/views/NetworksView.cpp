#include "views/NetworksView.h"

#include "engine/EngineSession.h"
#include "models/NetworkModel.h"
#include "ui_NetworksView.h"

#include <QHeaderView>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

#include <algorithm>

namespace stagehand {

NetworksView::NetworksView(EngineSession *session, QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::NetworksView>())
    , m_model(new NetworkModel(this))
    , m_project(new QSortFilterProxyModel(this))
    , m_text(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_ui->engineBanner->setSession(session);
    m_project->setSourceModel(m_model);
    m_project->setFilterKeyColumn(NetworkModel::Project);
    m_text->setSourceModel(m_project);
    m_text->setFilterKeyColumn(-1);
    m_text->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_text->setSortRole(NetworkModel::SortRole);
    QTableView *table = m_ui->networksTable;
    table->setModel(m_text);
    table->verticalHeader()->hide();
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->sortByColumn(NetworkModel::Name, Qt::AscendingOrder);
    connect(m_ui->networkFilter, &QLineEdit::textChanged, m_text, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->networkEnvironmentOnly, &QCheckBox::toggled, this, &NetworksView::applyScope);
    connect(m_model, &NetworkModel::loaded, this, [this, table] {
        updateSummary();
        if (m_model->rowCount() > 0) { // fit the columns to what is there, within reason
            table->resizeColumnsToContents();
            for (int column = 0; column < m_model->columnCount(); ++column)
                table->setColumnWidth(column, std::min(table->columnWidth(column), 320));
        }
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &NetworksView::updateSummary);
    connect(m_model, &NetworkModel::engineError, this, &EnvironmentView::statusMessage);
    connect(session, &EngineSession::clientChanged, m_model, &NetworkModel::setClient);
    m_model->setClient(session->client());
    applyScope();
}

NetworksView::~NetworksView() = default;

void NetworksView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    m_composeProject.clear();
    if (snapshot.environment && snapshot.environment->model)
        m_composeProject = snapshot.environment->model->name;
    applyScope();
}

void NetworksView::applyScope()
{
    const bool only = m_ui->networkEnvironmentOnly->isChecked() && !m_composeProject.isEmpty();
    m_ui->networkEnvironmentOnly->setEnabled(!m_composeProject.isEmpty());
    m_project->setFilterRegularExpression(only ? QRegularExpression(u'^' + QRegularExpression::escape(m_composeProject) + u'$')
                                               : QRegularExpression());
    updateSummary();
}

} // namespace stagehand

namespace stagehand {

void NetworksView::updateSummary()
{
    m_ui->networksSummary->setText(tr("%1 networks shown of %2").arg(m_text->rowCount()).arg(m_model->rowCount()));
}

} // namespace stagehand
