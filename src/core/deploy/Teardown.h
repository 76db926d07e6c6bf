#pragma once

#include "docker/EngineError.h"
#include "model/ComposeModel.h"
#include "model/DeployPhase.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace stagehand {

class DockerClient;
struct ContainerSummary;

struct TeardownResult {
    bool ok = true;
    QString message; // why not
    QStringList removedContainers;
    QStringList removedNetworks;
    QStringList removedVolumes;
    QStringList keptVolumes; // the project's volumes, left because they were not asked for
};

// `down`: stops an environment's containers in reverse dependency order (a service stops once the
// services that depend on it have stopped; each with its stop grace period, which the container
// carries as its StopTimeout), removes them (every container with the project's label: services,
// orphans and one-offs), then the project's networks, and its volumes only when asked.
// Asynchronous, on the client's thread.
class Teardown final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Teardown)

public:
    explicit Teardown(DockerClient *client, QObject *parent = nullptr);
    ~Teardown() override;

    void start(const ComposeModel &model, const QList<DeployPhase> &phases, bool removeVolumes);

Q_SIGNALS:
    void step(const QString &text);
    void finished(const stagehand::TeardownResult &result);

private:
    void stopReady();
    void removeContainers();
    void removeNetworks();
    void removeVolumes();
    void fail(const QString &what, const EngineError &error);
    void done();

    QPointer<DockerClient> m_client;
    QString m_project;
    bool m_removeVolumes = false;
    QHash<QString, QStringList> m_waitFor;       // service -> the running services that must stop first
    QHash<QString, QStringList> m_containers;    // service -> its containers' ids (orphans under their own names)
    QHash<QString, QString> m_names;             // container id -> name
    QStringList m_stopped;
    QStringList m_stopping;
    TeardownResult m_result;
    int m_pending = 0;
    bool m_finished = false;
};

} // namespace stagehand
