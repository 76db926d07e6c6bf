#pragma once

#include "deploy/DeployJob.h"
#include "deploy/Deployer.h"
#include "deploy/Teardown.h"
#include "views/EnvironmentView.h"

#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

namespace Ui {
class DeployView;
}

namespace stagehand {

class DeployFilterProxyModel;
class DeployModel;
class DockerClient;
class EngineSession;
class EngineStream;
class FindingsFilterProxyModel;
class FindingsModel;
class PlanFilterProxyModel;
class PlanModel;
class TeardownDialog;

// Deploys the selected environment on its engine, health-gated, as `stagehand-cli up` does, and
// takes it down as `down` does; both run on the GUI thread without blocking it (DeployJob,
// Teardown).
//
// Deploy plans first (DeployJob::plan()). A plan with errors is shown as a list of problems
// (file:line; activating one opens the file) and nothing changes. A plan that changes something is
// shown (the actions table, with the drift that makes a container be recreated) and waits for
// Apply or Cancel. A plan that changes nothing runs at once: it only checks the gates.
//
// While it runs, the tree shows the phases and their services (state and detail, action, elapsed
// time, the engine's health), the bar the overall progress, the status line each step and, at the
// end, the outcome (a failure's whole message: the service, the condition, its last health output),
// and the log pane the output of the services being waited on. Cancel stops at once. Each deploy
// that changes something is recorded as a release (deployFinished() says which).
//
// The environment a deploy or a teardown works on is the one selected when it began; selecting
// another one meanwhile changes what the next deploy will be, not the running one.
class DeployView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployView)

public:
    enum class Stage {
        Idle,
        Planning,    // reading the engine
        Reviewing,   // the plan is shown, waiting for Apply or Cancel
        Deploying,
        Confirming,  // the take-down dialog is open
        TearingDown,
    };
    Q_ENUM(Stage)

    explicit DeployView(EngineSession *session, QWidget *parent = nullptr);
    ~DeployView() override;

    QString title() const override { return tr("Deploy"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    Stage stage() const { return m_stage; }
    bool isBusy() const { return m_stage != Stage::Idle; }
    // An environment is selected, its files were read, and there is an engine client.
    bool canDeploy() const;
    bool canTakeDown() const;
    QString environment() const { return m_target ? m_target->environment : QString(); }

    DeployModel *model() const { return m_model; }
    DeployFilterProxyModel *proxy() const { return m_proxy; }
    PlanModel *planModel() const { return m_planModel; }
    // The last plan read (empty before the first).
    const DeployPlan &lastPlan() const { return m_plan; }
    std::optional<DeployOutcome> lastOutcome() const { return m_outcome; }
    int lastRelease() const { return m_release; }
    QString statusText() const;
    // The open take-down confirmation, if any.
    TeardownDialog *teardownDialog() const;

    // For each deploy from here on (timeouts, probe cadence); the defaults are the CLI's.
    void setDeployOptions(const DeployOptions &options) { m_options = options; }
    DeployOptions deployOptions() const { return m_options; }

    // Plans a deploy of the selected environment (Deploy and Redeploy).
    void deploy();
    // Carries out the plan shown for review.
    void applyPlan();
    // Asks, then takes the selected environment down.
    void takeDown();
    // Stops what runs: a plan being read or shown is dropped, a deploy stops where it is.
    void cancel();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void stageChanged(stagehand::DeployView::Stage stage);
    // A plan that changes something is shown, waiting for Apply or Cancel.
    void planShown(const stagehand::DeployPlan &plan);
    // release: the number recorded (0: none).
    void deployFinished(const stagehand::DeployOutcome &outcome, int release);
    void teardownFinished(const stagehand::TeardownResult &result);

private:
    // What a deploy or teardown needs of an environment, copied from the snapshot.
    struct Target {
        QString project;        // the Stagehand project's name
        QString environment;
        QString composeProject;
        QString envFile;
        QString engineSetting;
        QList<DeployPhase> phases;
        std::optional<ComposeModel> model;
        QMap<QString, QString> envFileVariables;
        Diagnostics errors; // what kept the files from being read
    };

    void setStage(Stage stage);
    void updateActions();
    void resetForTarget();
    void showPage(int page);
    void setStatus(const QString &text, bool failure = false);
    void onPlanned(const DeployPlan &plan, const EngineError &error);
    void showProblems(const Diagnostics &problems, const QString &summary);
    void showPlan(const DeployPlan &plan);
    void execute();
    void onServiceChanged(const ServiceRollout &rollout);
    void onDeployFinished(const DeployOutcome &outcome, int release, const QString &releaseError);
    void startTeardown(bool removeVolumes);
    void onTeardownFinished(const TeardownResult &result);
    void dropJob();
    void followHealth(DockerClient *client, const QString &composeProject);
    void stopFollowingHealth();
    void inspectHealth(const QString &service, const QStringList &containerIds);
    void appendLog(const QString &service, const QString &line);
    void appendLogBlock(const QString &service, const QString &line);
    void rebuildLog();
    void fitColumns();
    void fitStatus();

    std::unique_ptr<Ui::DeployView> m_ui;
    EngineSession *m_session;
    DeployModel *m_model;
    DeployFilterProxyModel *m_proxy;
    PlanModel *m_planModel;
    PlanFilterProxyModel *m_planProxy;
    FindingsModel *m_problemsModel;
    FindingsFilterProxyModel *m_problemsProxy;
    std::optional<Target> m_target; // the selected environment
    Target m_active;                // the one being deployed or taken down
    Stage m_stage = Stage::Idle;
    DeployOptions m_options;
    QPointer<DeployJob> m_job;
    QPointer<Teardown> m_teardown;
    QPointer<TeardownDialog> m_teardownDialog;
    QPointer<EngineStream> m_healthEvents;
    QSet<QString> m_healthFromEvents; // containers whose health came from an event (newer than an inspect)
    DeployPlan m_plan;
    std::optional<DeployOutcome> m_outcome;
    int m_release = 0;
    QList<QPair<QString, QString>> m_log; // (service, line); "" for Stagehand's own steps
    quint64 m_generation = 0;             // of the tree's rows: late inspect results of earlier ones are dropped
    bool m_showsDeploy = false;           // the tree shows a deploy (else the environment's services, not deployed from here)
    bool m_fitted = false;
};

} // namespace stagehand
