#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Filters the releases list by outcome ("" for any) and free text (number, outcome, message,
// services, images, release tags), and sorts it (newest first unless the user sorts otherwise).
class ReleaseFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseFilterProxyModel)

public:
    explicit ReleaseFilterProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setOutcomeFilter(const QString &outcome);
    QString outcomeFilter() const { return m_outcome; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_outcome;
};

} // namespace stagehand
