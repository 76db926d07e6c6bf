#include "views/FindingsView.h"

#include "models/FindingsDelegate.h"
#include "models/FindingsFilterProxyModel.h"
#include "models/FindingsModel.h"
#include "ui_FindingsView.h"

#include <QHeaderView>

namespace stagehand {

FindingsView::FindingsView(QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::FindingsView>())
    , m_model(new FindingsModel(this))
    , m_proxy(new FindingsFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_ui->findingsView->setModel(m_proxy);
    m_ui->findingsView->setItemDelegate(new FindingsDelegate(this));
    m_ui->findingsView->verticalHeader()->hide();
    m_ui->findingsView->horizontalHeader()->setSectionResizeMode(FindingsModel::Message, QHeaderView::Stretch);
    m_ui->findingsView->sortByColumn(FindingsModel::Severity, Qt::AscendingOrder);
    m_ui->severityFilter->setCurrentIndex(2);
    connect(m_ui->severityFilter, &QComboBox::currentIndexChanged, m_proxy, &FindingsFilterProxyModel::setMaximumSeverity);
    connect(m_ui->findingsFilter, &QLineEdit::textChanged, m_proxy, &FindingsFilterProxyModel::setFilterText);
    connect(m_ui->findingsView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const Diagnostic *finding = m_model->findingAt(m_proxy->mapToSource(index).row()); finding && finding->location.isValid())
            Q_EMIT openLocationRequested(finding->location);
    });
}

FindingsView::~FindingsView() = default;

int FindingsView::count() const
{
    return m_model->rowCount();
}

void FindingsView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    m_model->setFindings(snapshot.findings);
    m_ui->findingsView->resizeColumnToContents(FindingsModel::Severity);
    m_ui->findingsView->resizeColumnToContents(FindingsModel::Location);
}

} // namespace stagehand
