#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Filters findings by the lowest severity shown and by free text; sorts errors first.
class FindingsFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsFilterProxyModel)

public:
    explicit FindingsFilterProxyModel(QObject *parent = nullptr);

    // 0 errors only, 1 errors and warnings, 2 everything.
    void setMaximumSeverity(int severity);
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int m_maximumSeverity = 2;
    QString m_text;
};

} // namespace stagehand
