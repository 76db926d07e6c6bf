#pragma once

#include "deploy/DeployPlan.h"
#include "docker/EngineError.h"
#include "model/ComposeModel.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace stagehand {

class DockerClient;

// The first part of a deploy, before any service: creates the plan's networks and volumes, pulls
// or builds its images (their IDs filled in, images()), and removes the containers the plan
// removes (orphans, surplus replicas); one kind after the other, the calls of a kind at once.
// On the client's thread. Ends with finished(), or failed() at the first error; stop() ends it
// silently.
class DeployPreparation final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployPreparation)

public:
    explicit DeployPreparation(DockerClient *client, QObject *parent = nullptr);
    ~DeployPreparation() override;

    void start(const DeployPlan &plan, const ComposeModel &model);
    void stop() { m_running = false; }
    // The plan's images, with the IDs of those built or pulled.
    QHash<QString, PlannedImage> images() const { return m_images; }
    // The steps a plan's preparation takes (for an overall progress count).
    static int steps(const DeployPlan &plan);

Q_SIGNALS:
    void step(const QString &text);
    void logLine(const QString &service, const QString &line); // build output
    void advanced();                                            // one step done
    void failed(const QString &what, const stagehand::EngineError &error);
    void finished();

private:
    void createResources();
    void fetchImages();
    void removeContainers();
    // A kind of calls at once: next() once every begun() call has ended().
    void beginStage(std::function<void()> next);
    void begun() { ++m_pending; }
    void ended();
    void fail(const QString &what, const EngineError &error);

    QPointer<DockerClient> m_client;
    DeployPlan m_plan;
    ComposeModel m_model;
    QHash<QString, PlannedImage> m_images;
    std::function<void()> m_next;
    int m_pending = 0;
    bool m_running = false;
};

} // namespace stagehand
