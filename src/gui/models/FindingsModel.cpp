#include "models/FindingsModel.h"

#include <QFileInfo>

namespace stagehand {

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FindingsModel::setFindings(Diagnostics findings)
{
    beginResetModel();
    m_findings = std::move(findings);
    endResetModel();
}

const Diagnostic *FindingsModel::findingAt(int row) const
{
    return row >= 0 && row < m_findings.size() ? &m_findings.at(row) : nullptr;
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Diagnostic &d = m_findings.at(index.row());
    switch (role) {
    case SeverityRole:
        return int(d.severity);
    case LocationRole:
        return QVariant::fromValue(d.location.toString());
    case Qt::ToolTipRole:
        return d.hint.isEmpty() ? d.toString() : d.toString() + QLatin1Char('\n') + tr("Hint: %1").arg(d.hint);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity:
            switch (d.severity) {
            case Diagnostic::Severity::Error: return tr("Error");
            case Diagnostic::Severity::Warning: return tr("Warning");
            case Diagnostic::Severity::Info: return tr("Info");
            }
            return {};
        case Message: return d.message;
        case Location: {
            SourceLocation shown = d.location;
            shown.file = QFileInfo(shown.file).fileName();
            return shown.toString();
        }
        case Service: return d.service;
        case Rule: return d.rule;
        default: return {};
        }
    default:
        return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity: return tr("Severity");
    case Message: return tr("Message");
    case Location: return tr("Location");
    case Service: return tr("Service");
    case Rule: return tr("Rule");
    default: return {};
    }
}

} // namespace stagehand
