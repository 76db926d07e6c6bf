#include "views/ServicesView.h"

#include "models/ServiceDelegate.h"
#include "models/ServiceFilterProxyModel.h"
#include "models/ServiceTableModel.h"
#include "ui_ServicesView.h"

#include <QHeaderView>

namespace stagehand {

ServicesView::ServicesView(QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::ServicesView>())
    , m_model(new ServiceTableModel(this))
    , m_proxy(new ServiceFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_ui->servicesView->setModel(m_proxy);
    m_ui->servicesView->setItemDelegate(new ServiceDelegate(this));
    m_ui->servicesView->horizontalHeader()->setStretchLastSection(true);
    m_ui->servicesView->verticalHeader()->hide();
    m_ui->servicesView->sortByColumn(ServiceTableModel::Name, Qt::AscendingOrder);
    connect(m_ui->serviceFilter, &QLineEdit::textChanged, m_proxy, &ServiceFilterProxyModel::setFilterText);
    connect(m_ui->servicesView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const Service *service = m_model->serviceAt(m_proxy->mapToSource(index).row()))
            Q_EMIT openLocationRequested(service->location);
    });
}

ServicesView::~ServicesView() = default;

void ServicesView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    if (snapshot.environment && snapshot.environment->model)
        m_model->setEnvironment(*snapshot.environment->model);
    else
        m_model->clear();
    // Fit columns to their contents, but keep long health checks from pushing the rest out of view.
    m_ui->servicesView->resizeColumnsToContents();
    const int widest = std::max(180, m_ui->servicesView->viewport()->width() / 4);
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_ui->servicesView->setColumnWidth(column, std::min(m_ui->servicesView->columnWidth(column), widest));
}

} // namespace stagehand
