#pragma once

#include "deploy/DeployPlan.h"
#include "deploy/ServiceRollout.h"
#include "docker/EngineError.h"
#include "docker/EngineEvent.h"
#include "model/ComposeModel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <chrono>

class QTimer;

namespace stagehand {

class DeployPreparation;
class DockerClient;
class EngineStream;
class HealthProbe;
struct ContainerBlueprint;
struct PlanAction;

struct DeployOptions {
    std::chrono::milliseconds timeout{std::chrono::minutes(15)}; // the whole deploy
    // Per service, from its work beginning to its gate. 0: what the engine would need to call it
    // unhealthy (start_period + retries x (interval + timeout), with the engine's defaults), + 30 s.
    std::chrono::milliseconds serviceTimeout{0};
    int probeCadenceMs = 250; // Stagehand's start-up probe, while a gate waits on a healthcheck
    int logTailLines = 20;    // kept per service for a failure's message
};

// Carries out a DeployPlan on the engine: networks, volumes, images (pull or build), removals
// (DeployPreparation), then the services in dependency order with as much parallelism as the graph and the phases allow.
// A service starts when every service it needs has reached what it needs (started, healthy,
// completed) and every service of the earlier phases is ready. Container state comes from the
// engine's events (die, health_status); a gate on a healthcheck also runs Stagehand's HealthProbe,
// so it opens as soon as the service's own check passes. While a gate waits, the service's logs and
// probe output are relayed (logLine). Lives on the client's thread; never blocks.
//
// A failure (a gate that fails or times out, an engine error, the engine going away) stops the
// deploy: nothing new is started, and finished() names the service, the condition and its last
// health output. cancel() stops at once. Either way, what exists carries the project's labels, so
// the next plan sees it and a new `up` finishes the job.
class Deployer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Deployer)

public:
    explicit Deployer(DockerClient *client, QObject *parent = nullptr);
    ~Deployer() override;

    void start(const DeployPlan &plan, const ComposeModel &model, const DeployOptions &options = {});
    void cancel();
    bool isRunning() const { return m_running; }
    QList<ServiceRollout> services() const;
    // The plan as carried out: images built or pulled have their IDs filled in.
    const DeployPlan &plan() const { return m_plan; }
    static std::chrono::milliseconds defaultServiceTimeout(const Service &service);

Q_SIGNALS:
    void serviceChanged(const stagehand::ServiceRollout &service);
    void logLine(const QString &service, const QString &line);
    void step(const QString &text); // "creating network demo-dev_demo-network", "pulling postgres:15 (3/7 layers)"
    void progressChanged(int done, int total);
    void finished(const stagehand::DeployOutcome &outcome);

private:
    struct Gate; // one container waited on

    void listen();
    void schedule();
    void startService(const QString &service);
    void runContainer(const QString &service, const PlanAction &action);
    void createContainer(const QString &service, const ContainerBlueprint &blueprint);
    void connectAndCopy(const QString &service, const ContainerBlueprint &blueprint, const QString &id, int network = 0);
    void startContainer(const QString &service, const QString &id);
    void awaitGate(const QString &service, const QString &id, bool alreadyRunning);
    void gateOpened(const QString &service, const QString &id, const QString &how);
    void gateFailed(const QString &service, const QString &why);
    void failWith(const QString &service, const QString &why, const QString &logTail);
    void containerDied(const QString &service, const QString &id, int exitCode);
    void onEvent(const EngineEvent &event);
    void followLogs(const QString &service, const QString &id);
    void engineFailed(const QString &service, const QString &what, const EngineError &error);
    void setState(const QString &service, ServiceRollout::State state, const QString &detail = {});
    void advance(int steps = 1);
    void finish(DeployOutcome::Result result, const QString &message = {}, const QString &service = {});
    QString lastOutput(const QString &service) const;
    ContainerBlueprint blueprint(const QString &service, int number) const;
    bool prerequisitesMet(const QString &service, QStringList *waitingOn, QString *blockedBy) const;

    QPointer<DockerClient> m_client;
    DeployPlan m_plan;
    ComposeModel m_model;
    DeployOptions m_options;
    QHash<QString, ServiceRollout> m_services;
    QHash<QString, QList<Gate *>> m_gates;          // per service, the containers still waited on
    QHash<QString, int> m_pendingContainers;         // per service, containers not yet through their gate
    QHash<QString, EngineStream *> m_logStreams;     // per container id
    QHash<QString, QStringList> m_logTails;          // per service
    QHash<QString, QString> m_containerService;      // container id -> service
    QHash<QString, QTimer *> m_serviceTimers;
    EngineStream *m_events = nullptr;
    QTimer *m_overall = nullptr;
    DeployPreparation *m_preparation = nullptr; // networks, volumes, images, removals
    QElapsedTimer m_clock;
    int m_done = 0;
    int m_total = 0;
    bool m_running = false;
    bool m_engineLost = false;
    bool m_failing = false; // a gate failed: the message is being put together
};

} // namespace stagehand
