#include "views/PortMapView.h"

#include "analysis/PortEditor.h"
#include "models/PortMapDelegate.h"
#include "models/PortMapFilterProxyModel.h"
#include "models/PortMapModel.h"
#include "ui_PortMapView.h"
#include "widgets/ChangePreviewDialog.h"

#include <QHeaderView>
#include <QMessageBox>

namespace stagehand {

PortMapView::PortMapView(QWidget *parent)
    : EnvironmentView(parent)
    , confirmEdit([](QWidget *owner, const PortEdit &edit) {
        return ChangePreviewDialog::confirm(owner, {tr("Change a Port"), edit.description, edit.file, edit.line,
                                                     ChangePreviewDialog::lineOf(edit.originalText, edit.line),
                                                     ChangePreviewDialog::lineOf(edit.newText, edit.line)});
    })
    , m_ui(std::make_unique<Ui::PortMapView>())
    , m_model(new PortMapModel(this))
    , m_proxy(new PortMapFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_ui->portMapView->setModel(m_proxy);
    m_ui->portMapView->setItemDelegate(new PortMapDelegate(this));
    m_ui->portMapView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_ui->portMapView->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto swatch = [](int state, const QString &label) {
        return QStringLiteral("<span style='background:%1'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2&nbsp;&nbsp;")
            .arg(PortMapDelegate::stateColour(state).name(), label.toHtmlEscaped());
    };
    m_ui->legend->setText(swatch(int(PortMap::Cell::State::Taken), tr("taken by the environment"))
                          + swatch(int(PortMap::Cell::State::External), tr("held by the host or another container"))
                          + swatch(int(PortMap::Cell::State::Conflict), tr("conflict")));
    connect(m_ui->conflictsOnly, &QCheckBox::toggled, m_proxy, &PortMapFilterProxyModel::setConflictsOnly);
    connect(m_ui->portMapView->selectionModel(), &QItemSelectionModel::currentChanged, this, &PortMapView::updateSelection);
    connect(m_ui->applySuggestion, &QPushButton::clicked, this, &PortMapView::applySuggestion);
    connect(m_ui->portMapView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const PortMap::Cell *cell = m_model->cellAt(m_proxy->mapToSource(index));
        if (cell && cell->suggestion)
            applySuggestion();
        else if (cell && cell->location.isValid())
            Q_EMIT openLocationRequested(cell->location);
    });
}

PortMapView::~PortMapView() = default;

void PortMapView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    m_result = snapshot.ports;
    m_model->setPortMap(m_result ? PortMap::build(*m_result) : PortMap{});
    const int conflicts = m_model->conflictCount();
    QString summary;
    if (!m_result) {
        summary = tr("No port check: the project could not be read.");
    } else {
        summary = conflicts ? tr("%n port(s) in conflict.", nullptr, conflicts) : tr("No port conflicts.");
        summary += QLatin1Char(' ')
                   + tr("%1 published ports, %2 host listeners and %3 container ports checked.")
                         .arg(m_result->publishedPorts)
                         .arg(m_result->hostListeners)
                         .arg(m_result->containerPorts);
        for (const QString &note : m_result->notes)
            summary += QLatin1Char(' ') + note + QLatin1Char('.');
    }
    m_ui->portSummary->setText(summary);
    updateSelection();
}

void PortMapView::updateSelection()
{
    const PortMap::Cell *cell = m_model->cellAt(m_proxy->mapToSource(m_ui->portMapView->currentIndex()));
    m_ui->applySuggestion->setEnabled(cell && cell->suggestion.has_value());
    if (cell && cell->suggestion)
        m_ui->applySuggestion->setText(tr("Move %1 to %2…").arg(cell->suggestion->service).arg(cell->suggestion->port));
    else
        m_ui->applySuggestion->setText(tr("Apply Suggestion…"));
}

void PortMapView::applySuggestion()
{
    const PortMap::Cell *cell = m_model->cellAt(m_proxy->mapToSource(m_ui->portMapView->currentIndex()));
    if (!cell || !cell->suggestion || !m_result)
        return;
    const PortSuggestion suggestion = *cell->suggestion;
    const PortEditor editor(m_result->setVariables.value(suggestion.environment));
    const PortEdit edit = editor.prepare(suggestion);
    if (!edit.ok()) {
        QMessageBox::warning(this, tr("Change a Port"), edit.error);
        return;
    }
    if (!confirmEdit(this, edit))
        return;
    QString error;
    if (!PortEditor::write(edit, &error)) {
        QMessageBox::warning(this, tr("Change a Port"), tr("The file was not changed: %1").arg(error));
        return;
    }
    Q_EMIT statusMessage(tr("%1: %2").arg(edit.file, edit.description));
    Q_EMIT filesEdited();
}

} // namespace stagehand
