#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Filters the container tree (ContainerModel) and sorts it: free text (every word must appear in the
// container's name, image, project, service, ports, state or id), one Compose project, and a state.
// Project and service rows are shown when one of their containers is.
class ContainerFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerFilterProxyModel)

public:
    enum class StateFilter { Any, Running, Stopped, Unhealthy };
    Q_ENUM(StateFilter)

    explicit ContainerFilterProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    // Only this Compose project's containers; a null string: every container.
    void setProjectFilter(const QString &project);
    QString projectFilter() const { return m_project; }
    void setStateFilter(StateFilter state);
    StateFilter stateFilter() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QStringList m_words;
    QString m_project;
    StateFilter m_state = StateFilter::Any;
};

} // namespace stagehand
