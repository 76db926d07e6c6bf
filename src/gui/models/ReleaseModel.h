#pragma once

#include "deploy/Release.h"

#include <QAbstractTableModel>

namespace stagehand {

// An environment's releases (ReleaseStore::list), newest first: number, start, duration, outcome,
// how many services the deploy changed, and the failure's message.
class ReleaseModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseModel)

public:
    enum Column { Number, Started, Duration, Outcome, Changed, Message, ColumnCount };
    enum Role {
        OutcomeRole = Qt::UserRole + 1, // "succeeded", "failed", "cancelled", "running" (also ReleaseServiceModel's)
        OutcomeBadgeRole,               // true on the cell that shows the outcome (ReleaseDelegate paints it)
        NumberRole,
        SortRole,
        SearchTextRole,
    };

    explicit ReleaseModel(QObject *parent = nullptr);

    // Replaces the list; releases that stay keep their rows (a refresh does not lose the selection).
    void setReleases(QList<Release> releases);
    const QList<Release> &releases() const { return m_releases; }
    const Release *releaseAt(int row) const;
    int rowOfNumber(int number) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "-" while running; else as the deploy tree shows times.
    static QString durationText(const Release &release);

private:
    QList<Release> m_releases;
};

} // namespace stagehand
