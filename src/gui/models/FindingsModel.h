#pragma once

#include "util/Diagnostic.h"

#include <QAbstractTableModel>

namespace stagehand {

// Problems with an environment's files and what the analyses found (lint, ports): one row each.
class FindingsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsModel)

public:
    enum Column { Severity, Message, Location, Service, Rule, ColumnCount };
    enum Role { SeverityRole = Qt::UserRole + 1, LocationRole };

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(Diagnostics findings);
    const Diagnostic *findingAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Diagnostics m_findings;
};

} // namespace stagehand
