#pragma once

#include "deploy/DeployPlan.h"
#include "deploy/ServiceRollout.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>

#include <vector>

class QTimer;

namespace stagehand {

// One deploy as a tree: the plan's phases as top-level rows, their services under them, in start
// order. setPlan() lays the rows out from the plan's graph (every service pending, with the action
// the plan intends); updateService() takes each Deployer::serviceChanged(); setContainerHealth()
// the engine's health of a service's containers once known. While the deploy runs (start() to
// finish()) a 200 ms timer refreshes the elapsed column of the services in progress.
//
// Phase rows sum up their services: the state of the least advanced (failed wins), how many are
// ready, and the time from the first service's start to the last one's end.
class DeployModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployModel)

public:
    enum Column { Name, State, Action, Elapsed, Health, ColumnCount };
    enum class Kind { Phase, Service };
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind as int
        StateRole,                   // ServiceRollout::State as int (phases: their summary state)
        ServiceRole,                 // the service's name (empty for phases)
        PhaseRole,                   // the phase's index
        ChangedRole,                 // the deploy changes the service's containers (phases: one of its services)
        ActionDoneRole,              // the action column says what was done (else what the plan intends)
        ReadyFractionRole,           // phases: the share of its services that are ready, 0..1
        HealthRole,                  // the engine's health of its containers ("healthy", ...; "none": no healthcheck; "" unknown)
        InProgressRole,              // work began and the gate has not opened yet
    };

    explicit DeployModel(QObject *parent = nullptr);
    ~DeployModel() override;

    // Lays the rows out from the graph (phases, services in start order) with the plan's intended
    // actions; every service pending. A plan without actions (only a graph) is fine: the actions are blank.
    void setPlan(const DeployPlan &plan);
    void clear();
    // The deploy began now: the elapsed column counts from here and ticks until finish().
    void start();
    void finish();
    bool isRunning() const { return m_running; }
    void updateService(const ServiceRollout &rollout);
    // The engine's health ("healthy", "unhealthy", "starting"; "none": it has no healthcheck) of one container of a service.
    void setContainerHealth(const QString &service, const QString &containerId, const QString &health);

    QStringList services() const;            // in start order
    QStringList phaseNames() const;
    const ServiceRollout *rollout(const QString &service) const;
    QModelIndex indexOfService(const QString &service, int column = 0) const;
    QModelIndex indexOfPhase(int phase, int column = 0) const;
    // Every service has reached the end of its gate (ready, failed or skipped).
    bool allDone() const;
    int readyCount() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "0.4 s", "12.3 s", "1 min 05 s", "1 h 02 min"
    static QString formatElapsed(qint64 ms);
    // What a service's state reads as: "waiting on postgres, redis", "ready: healthy (...)", "failed: ...".
    static QString stateText(const ServiceRollout &rollout);

private:
    // Drops the plan and the deploy's state (inside a model reset).
    void forget();
    struct ServiceNode {
        ServiceRollout rollout;
        QString plannedAction; // "create", "recreate", "keep", ... (the plan's, for its containers)
        bool plannedChange = false;
        qint64 endedMs = -1;   // the model's clock when it was done (for failed and skipped services)
        QHash<QString, QString> health; // container id -> the engine's health
    };
    struct PhaseNode {
        QString name;
        std::vector<ServiceNode> services;
    };

    const ServiceNode *serviceAt(const QModelIndex &index) const;
    QVariant serviceData(const ServiceNode &node, int column, int role) const;
    QVariant phaseData(int phase, int column, int role) const;
    qint64 elapsedOf(const ServiceNode &node) const; // -1: not begun
    ServiceRollout::State phaseState(const PhaseNode &phase) const;
    QString healthOf(const ServiceNode &node) const;
    bool changed(const ServiceNode &node) const;
    void tick();

    std::vector<PhaseNode> m_phases;
    QHash<QString, QPair<int, int>> m_where; // service -> (phase, row)
    QElapsedTimer m_clock;
    QTimer *m_ticker;
    bool m_running = false;
};

} // namespace stagehand
