#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Filters the services table by free text (name, image, ports, dependencies) and sorts it.
class ServiceFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceFilterProxyModel)

public:
    explicit ServiceFilterProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace stagehand
