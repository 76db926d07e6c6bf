#pragma once

#include "deploy/DeployPlan.h"
#include "deploy/DeployPlanner.h"
#include "deploy/Deployer.h"
#include "deploy/Release.h"
#include "docker/EngineError.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

namespace stagehand {

class DockerClient;

// Who deploys, for the release record.
struct ReleaseContext {
    QString project;          // the Stagehand project name
    QString envFile;          // the environment's env file (hashed into the release), or empty
    QMap<QString, QString> envFileVariables; // its values: scrubbed from the recorded configuration
    QString engine;           // the engine endpoint, as people read it
    bool record = true;       // false: no release is written (tests, dry runs)
    QString databasePath;     // empty: Database::defaultPath()
};

// One deploy from start to end, the same for the GUI and the CLI: plan (DeployPlanner), then, when
// asked, carry it out (Deployer) and record it as a release (ReleaseStore) with its images tagged
// stagehand/<compose project>/<service>:r<N> (the Compose project names the environment's stack on
// the engine; release numbers are per environment), so that a rollback never depends on a registry. A deploy that
// changes nothing records no release. On the client's thread; the release store is written on the
// thread pool.
class DeployJob final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployJob)

public:
    DeployJob(DockerClient *client, DeployRequest request, ReleaseContext context, DeployOptions options = {},
              QObject *parent = nullptr);
    ~DeployJob() override;

    // Reads the engine and computes the plan: planned().
    void plan();
    // Carries out the plan of plan() (which must have no errors): the deployer's signals, then finished().
    void execute();
    void cancel();

    const DeployPlan &currentPlan() const { return m_plan; }
    Deployer *deployer() const { return m_deployer; }
    bool isExecuting() const { return m_executing; }

Q_SIGNALS:
    void planned(const stagehand::DeployPlan &plan, const stagehand::EngineError &error);
    // release: the number recorded (0: none, as for a deploy that changed nothing); releaseError:
    // why the record could not be written (the deploy's own outcome is unaffected).
    void finished(const stagehand::DeployOutcome &outcome, int release, const QString &releaseError);

private:
    void beginRelease();
    void deployed(const DeployOutcome &outcome);
    void tagImages(const DeployOutcome &outcome);
    void recordEnd(const DeployOutcome &outcome);
    QString releaseTag(const QString &service) const;

    QPointer<DockerClient> m_client;
    DeployRequest m_request;
    ReleaseContext m_context;
    DeployOptions m_options;
    DeployPlanner *m_planner = nullptr;
    Deployer *m_deployer = nullptr;
    DeployPlan m_plan;
    std::optional<Release> m_release;
    QString m_releaseError;
    QSet<QString> m_tagged; // the release tags made
    bool m_executing = false;
    bool m_cancelRequested = false;
};

} // namespace stagehand
