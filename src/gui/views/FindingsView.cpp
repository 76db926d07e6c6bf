#include "views/FindingsView.h"

#include "models/FindingsDelegate.h"
#include "models/FindingsFilterProxyModel.h"
#include "models/FindingsModel.h"
#include "lint/LintFixer.h"
#include "ui_FindingsView.h"
#include "widgets/ChangePreviewDialog.h"

#include <QFile>
#include <QHeaderView>
#include <QMessageBox>

namespace stagehand {

FindingsView::FindingsView(QWidget *parent)
    : EnvironmentView(parent)
    , confirmFix([](QWidget *owner, const LintFix &fix) {
        QFile file(fix.file);
        const QByteArray original = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        QByteArray fixed = original;
        if (!LintFixer::apply(fix, fixed))
            return false;
        return ChangePreviewDialog::confirm(owner, {tr("Apply a Fix"), fix.description, fix.file, fix.line,
                                                    ChangePreviewDialog::lineOf(QString::fromUtf8(original), fix.line),
                                                    ChangePreviewDialog::lineOf(QString::fromUtf8(fixed), fix.line)});
    })
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
    connect(m_ui->findingsView->selectionModel(), &QItemSelectionModel::currentChanged, this, &FindingsView::updateSelection);
    connect(m_ui->applyFix, &QPushButton::clicked, this, &FindingsView::applyFix);
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

const Diagnostic *FindingsView::currentFinding() const
{
    return m_model->findingAt(m_proxy->mapToSource(m_ui->findingsView->currentIndex()).row());
}

void FindingsView::updateSelection()
{
    const Diagnostic *finding = currentFinding();
    m_ui->findingHint->setText(finding && !finding->hint.isEmpty() ? tr("Hint: %1").arg(finding->hint) : QString());
    m_ui->applyFix->setEnabled(finding && m_composeModel && LintFixer::fixFor(*finding, *m_composeModel).has_value());
}

void FindingsView::applyFix()
{
    const Diagnostic *finding = currentFinding();
    if (!finding || !m_composeModel)
        return;
    const std::optional<LintFix> fix = LintFixer::fixFor(*finding, *m_composeModel);
    if (!fix || !confirmFix(this, *fix))
        return;
    QString error;
    if (!LintFixer::write({*fix}, &error)) {
        QMessageBox::warning(this, tr("Apply a Fix"), tr("The file was not changed: %1").arg(error));
        return;
    }
    Q_EMIT statusMessage(tr("%1: %2").arg(fix->file, fix->description));
    Q_EMIT filesEdited();
}

void FindingsView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    m_composeModel = snapshot.environment && snapshot.environment->model ? &*snapshot.environment->model : nullptr;
    m_model->setFindings(snapshot.findings);
    updateSelection();
    m_ui->findingsView->resizeColumnToContents(FindingsModel::Severity);
    m_ui->findingsView->resizeColumnToContents(FindingsModel::Location);
}

} // namespace stagehand
