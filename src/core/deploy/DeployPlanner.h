#pragma once

#include "deploy/DeployPlan.h"
#include "deploy/PlanBuilder.h"
#include "docker/EngineError.h"
#include "model/ComposeModel.h"
#include "model/DeployPhase.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace stagehand {

class DockerClient;
struct EngineSnapshot;

// What to deploy: one resolved environment, the project's phases, the services asked for.
struct DeployRequest {
    QString environment;            // the environment's name (dev, staging, ...)
    ComposeModel model;             // resolved (EnvironmentResolver)
    QList<DeployPhase> phases;      // the project's
    QStringList services;           // empty: all
    PlanOptions options;
};

// Computes a DeployPlan for a request: reads what the engine holds (the project's containers by
// their labels, networks, volumes, images, whether missing images can be pulled, other
// containers' ports, free disk space) and, for a local engine, this host's listeners; then lets
// PlanBuilder decide. Asynchronous, on the client's thread; the host scan runs on the thread
// pool. Changes nothing. Emits finished() once: with the plan, or with the engine error that kept
// it from reading the engine.
class DeployPlanner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployPlanner)

public:
    explicit DeployPlanner(DockerClient *client, QObject *parent = nullptr);
    ~DeployPlanner() override;

    void plan(const DeployRequest &request);

    // The graph, blueprints and images of a request, with the problems found in the files alone.
    static DeployPlan prepare(const DeployRequest &request);

Q_SIGNALS:
    void finished(const stagehand::DeployPlan &plan, const stagehand::EngineError &error);

private:
    void readEngine();
    void inspectContainers();
    void checkImages();
    void done();
    void fail(const EngineError &error);
    void settle(); // one pending read finished

    QPointer<DockerClient> m_client;
    DeployRequest m_request;
    DeployPlan m_plan;
    std::unique_ptr<EngineSnapshot> m_snapshot;
    int m_pending = 0;
    int m_stage = 0;
    bool m_failed = false;
    bool m_running = false;
};

} // namespace stagehand
