#pragma once

#include "docker/ContainerSummary.h"
#include "docker/EngineEvent.h"
#include "docker/StatsSample.h"
#include "models/ContainerColumns.h"
#include "models/ContainerInfo.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <memory>
#include <vector>

class QTimer;

namespace stagehand {

class ContainerStatsTracker;
class DockerClient;
class EngineStream;

// The engine's containers as a tree: Compose project -> service -> container, and the containers
// without Compose labels in an "Other containers" group (container rows directly under it).
//
// Fed by the engine, not by polling: one GET /containers/json?all=1 when the events stream (filtered
// to type=container) has started, then each event updates its container (an inspect after create,
// start, die, health_status, ...; destroy removes it); whenever the stream starts again after the
// engine was gone (resumed), a fresh list reconciles the rows. CPU and memory come from stats streams,
// only for the running containers in the stats scope (one Compose project, at most statsCap() of
// them) and closed when a container stops. Group rows sum their containers' CPU and memory.
class ContainerModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerModel)

public:
    enum Column { Name, State, Health, Ports, Image, Uptime, Cpu, Memory, ColumnCount };
    enum class Kind { Project, Service, Container };
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind as int
        IdRole,                      // container id
        StateRole,                   // container state ("running"); groups: "running" if any runs
        HealthRole,
        ProjectRole, // Compose project (empty for "Other containers")
        ServiceRole,
        CpuRole,         // double percent, invalid without stats
        MemoryUsageRole, // qint64 bytes, invalid without stats
        MemoryLimitRole,
        StartedAtRole,
        SortRole,       // what the proxy sorts by
        SearchTextRole, // what the text filter looks in
    };
    static constexpr int DefaultStatsCap = 24;

    explicit ContainerModel(QObject *parent = nullptr);
    ~ContainerModel() override;

    // Starts following this engine (null: empty).
    void setClient(DockerClient *client);
    DockerClient *client() const;
    // Containers of this Compose project get stats streams (empty: any running container), at most cap.
    void setStatsScope(const QString &project, int cap = DefaultStatsCap);
    QStringList statsTracked() const;

    bool isLoaded() const { return m_loaded; } // the first list arrived
    int containerCount() const { return int(m_byId.size()); }
    const ContainerInfo *container(const QString &id) const;
    const ContainerInfo *container(const QModelIndex &index) const;
    QModelIndex indexOfContainer(const QString &id, int column = 0) const;
    QModelIndex indexOfProject(const QString &project) const;
    // The containers of a Compose project (all when project is null), as list entries.
    QList<ContainerSummary> containers(const QString &project = QString()) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();            // after each full list (first load and each reconcile)
    void containersChanged(); // a container was added, removed or changed state
    void engineError(const QString &message);

private:
    struct Node;

    void clear();
    void reconcile();
    void onEvent(const EngineEvent &event);
    void inspect(const QString &id);
    void upsert(ContainerInfo info);
    void remove(const QString &id);
    void onSample(const QString &id, const StatsSample &sample);
    void updateStatsScope();
    Node *groupFor(const ContainerInfo &info, bool create);
    QModelIndex indexOf(const Node *node, int column = 0) const;
    void emitRowChanged(const Node *node, int first = 0, int last = ColumnCount - 1);
    void removeNode(Node *node);
    ContainerGroupTotals totals(const Node *node) const;

    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_byId;
    QPointer<DockerClient> m_client;
    EngineStream *m_events = nullptr;
    ContainerStatsTracker *m_stats;
    QTimer *m_uptimeTimer;
    quint64 m_generation = 0;
    bool m_loaded = false;
    QSet<QString> m_inspecting;   // an inspect is in flight
    QSet<QString> m_inspectAgain; // an event came while it was
    QSet<QString> m_destroyed;    // destroy seen: late inspect results are dropped
    QString m_statsProject;
    int m_statsCap = DefaultStatsCap;
};

} // namespace stagehand
