#include "views/DeployView.h"

#include "docker/ComposeMatcher.h"
#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "engine/EngineCall.h"
#include "engine/EngineSession.h"
#include "models/DeployDelegate.h"
#include "models/DeployFilterProxyModel.h"
#include "models/DeployModel.h"
#include "models/FindingsDelegate.h"
#include "models/FindingsFilterProxyModel.h"
#include "models/FindingsModel.h"
#include "models/PlanDelegate.h"
#include "models/PlanFilterProxyModel.h"
#include "models/PlanModel.h"
#include "ui_DeployView.h"
#include "widgets/TeardownDialog.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>

#include <algorithm>

namespace stagehand {
namespace {

constexpr int MaxLogLines = 5000;
enum Page { DeployPage, PlanPage, ProblemsPage };

QColor serviceColour(int index)
{
    static const QColor colours[] = {{0x1f, 0x6f, 0xb4}, {0x2e, 0x8b, 0x57}, {0xa0, 0x52, 0x2d}, {0x8e, 0x44, 0xad},
                                     {0xc0, 0x39, 0x2b}, {0x16, 0x8a, 0x8a}, {0xb7, 0x95, 0x0b}, {0x5d, 0x6d, 0x7e}};
    return colours[std::max(0, index) % int(std::size(colours))];
}

} // namespace

DeployView::DeployView(EngineSession *session, QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::DeployView>())
    , m_session(session)
    , m_model(new DeployModel(this))
    , m_proxy(new DeployFilterProxyModel(this))
    , m_planModel(new PlanModel(this))
    , m_planProxy(new PlanFilterProxyModel(this))
    , m_problemsModel(new FindingsModel(this))
    , m_problemsProxy(new FindingsFilterProxyModel(this))
{
    setObjectName(QStringLiteral("deployView"));
    m_ui->setupUi(this);
    m_ui->engineBanner->setSession(session);

    // The deploy: phases and services.
    m_proxy->setSourceModel(m_model);
    QTreeView *tree = m_ui->deployTree;
    tree->setModel(m_proxy);
    tree->setItemDelegate(new DeployDelegate(this));
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(DeployModel::State, QHeaderView::Stretch);
    tree->header()->setMinimumSectionSize(fontMetrics().horizontalAdvance(u'M') * 4);
    connect(m_proxy, &QAbstractItemModel::modelReset, tree, &QTreeView::expandAll);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, tree, [tree] { tree->expandAll(); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, tree, [this, tree](const QModelIndex &under, int first, int last) {
        for (int row = first; row <= last; ++row)
            tree->expand(m_proxy->index(row, 0, under));
        if (under.isValid())
            tree->expand(under);
    });
    connect(m_ui->hideUnchangedCheck, &QCheckBox::toggled, m_proxy, &DeployFilterProxyModel::setHideUnchanged);

    // The plan.
    m_planProxy->setSourceModel(m_planModel);
    m_ui->planView->setModel(m_planProxy);
    m_ui->planView->setItemDelegate(new PlanDelegate(this));
    m_ui->planView->setObjectName(QStringLiteral("planView"));
    connect(m_ui->planShowUnchanged, &QCheckBox::toggled, this, [this](bool show) {
        m_planProxy->setShowUnchanged(show);
        m_ui->planView->expandAll();
    });
    connect(m_ui->applyPlanButton, &QPushButton::clicked, this, &DeployView::applyPlan);
    connect(m_ui->discardPlanButton, &QPushButton::clicked, this, &DeployView::cancel);

    // Problems that keep a deploy from starting.
    m_problemsProxy->setSourceModel(m_problemsModel);
    m_ui->problemsView->setModel(m_problemsProxy);
    m_ui->problemsView->setItemDelegate(new FindingsDelegate(this));
    m_ui->problemsView->verticalHeader()->hide();
    m_ui->problemsView->horizontalHeader()->setSectionResizeMode(FindingsModel::Message, QHeaderView::Stretch);
    m_ui->problemsView->sortByColumn(FindingsModel::Severity, Qt::AscendingOrder);
    connect(m_ui->problemsView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const Diagnostic *problem = m_problemsModel->findingAt(m_problemsProxy->mapToSource(index).row());
            problem && problem->location.isValid())
            Q_EMIT openLocationRequested(problem->location);
    });
    connect(m_ui->problemsCloseButton, &QPushButton::clicked, this, [this] { showPage(DeployPage); });

    // The log of the services waited on.
    m_ui->deployLog->setMaximumBlockCount(MaxLogLines);
    m_ui->deployLog->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->logServiceCombo->addItem(tr("All services"), QString());
    connect(m_ui->logServiceCombo, &QComboBox::currentIndexChanged, this, &DeployView::rebuildLog);
    connect(m_ui->clearLogButton, &QToolButton::clicked, this, [this] {
        m_log.clear();
        m_ui->deployLog->clear();
    });
    m_ui->deploySplitter->setStretchFactor(0, 3);
    m_ui->deploySplitter->setStretchFactor(1, 2);

    m_ui->deployProgress->setRange(0, 1);
    m_ui->deployProgress->setValue(0);
    m_ui->deployProgress->setFormat(QString());
    // The status line is as tall as its text at the width it gets, which is known once laid out.
    m_ui->deployStatusArea->viewport()->installEventFilter(this);

    connect(m_ui->deployButton, &QPushButton::clicked, this, &DeployView::deploy);
    connect(m_ui->downButton, &QPushButton::clicked, this, &DeployView::takeDown);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &DeployView::cancel);
    connect(session, &EngineSession::stateChanged, this, &DeployView::updateActions);
    connect(session, &EngineSession::clientChanged, this, [this] {
        // The old client goes away: nothing may go on using it.
        stopFollowingHealth();
        switch (m_stage) {
        case Stage::Deploying:
            if (m_job)
                m_job->cancel();
            break;
        case Stage::Planning:
        case Stage::Reviewing:
            cancel();
            break;
        case Stage::Confirming:
            if (m_teardownDialog)
                m_teardownDialog->reject();
            break;
        case Stage::TearingDown:
            if (m_teardown) {
                m_teardown->disconnect(this);
                m_teardown->deleteLater();
            }
            setStage(Stage::Idle);
            setStatus(tr("The engine changed while %1 was being taken down; look at the Containers page for what is left.")
                          .arg(m_active.environment),
                      true);
            break;
        case Stage::Idle:
            break;
        }
        updateActions();
    });
    resetForTarget();
    updateActions();
}

DeployView::~DeployView()
{
    // A deploy still running stops where it is (everything it made carries the project's labels).
    if (m_job) {
        m_job->disconnect(this);
        m_job->deployer()->disconnect(this);
        m_job->cancel();
    }
}

bool DeployView::canDeploy() const
{
    return m_target && m_target->model && m_session->client() && m_session->state() == DockerClient::State::Connected;
}

bool DeployView::canTakeDown() const
{
    return canDeploy() && !m_target->composeProject.isEmpty();
}

TeardownDialog *DeployView::teardownDialog() const
{
    return m_teardownDialog;
}

QString DeployView::statusText() const
{
    return m_ui->deployStatus->text();
}

void DeployView::showEnvironment(const EnvironmentSnapshot &snapshot)
{
    std::optional<Target> target;
    if (snapshot.project && snapshot.environment) {
        Target t;
        t.project = snapshot.project->name;
        t.environment = snapshot.environment->environment;
        t.phases = snapshot.project->phases;
        t.model = snapshot.environment->model;
        t.envFileVariables = snapshot.environment->envFileVariables;
        if (hasErrors(snapshot.environment->diagnostics))
            t.errors = snapshot.environment->diagnostics;
        if (const EnvironmentSpec *spec = snapshot.project->environment(t.environment)) {
            t.envFile = spec->envFile;
            t.engineSetting = spec->engine;
            t.composeProject = spec->projectName;
        }
        if (t.model && !t.model->name.isEmpty())
            t.composeProject = t.model->name;
        target = std::move(t);
    }
    const bool same = target && m_target && target->project == m_target->project && target->environment == m_target->environment
        && target->composeProject == m_target->composeProject;
    m_target = std::move(target);
    // A running deploy keeps its environment; an idle page shows the new one (or, for the same
    // one reloaded, its services again unless a deploy's result is on show).
    if (!isBusy() && (!same || !m_showsDeploy))
        resetForTarget();
    updateActions();
}

void DeployView::resetForTarget()
{
    stopFollowingHealth();
    ++m_generation;
    m_showsDeploy = false;
    m_outcome.reset();
    m_release = 0;
    m_log.clear();
    m_ui->deployLog->clear();
    m_ui->deployProgress->setRange(0, 1);
    m_ui->deployProgress->setValue(0);
    m_ui->deployProgress->setFormat(QString());
    showPage(DeployPage);
    if (m_target && m_target->model) {
        // The environment's phases and services as a deploy would take them (the graph is cheap to build).
        DeployPlan services;
        Diagnostics ignored;
        services.project = m_target->model->name;
        services.environment = m_target->environment;
        services.graph = DependencyGraph::build(*m_target->model, m_target->phases, {}, &ignored);
        m_model->setPlan(services);
        setStatus(tr("Deploy plans first: what would change is shown before anything changes."));
    } else {
        m_model->clear();
        setStatus(m_target ? tr("The environment's files could not be read: see Findings.") : tr("No environment selected."));
    }
    fitColumns();
}

void DeployView::updateActions()
{
    const bool idle = m_stage == Stage::Idle;
    m_ui->deployButton->setEnabled(idle && canDeploy());
    m_ui->downButton->setEnabled(idle && canTakeDown());
    m_ui->cancelButton->setEnabled(m_stage == Stage::Planning || m_stage == Stage::Reviewing || m_stage == Stage::Deploying);
    m_ui->removeOrphansCheck->setEnabled(idle);
    QString why;
    if (!m_target)
        why = tr("Open a project and select an environment.");
    else if (!m_target->model)
        why = tr("The environment's files could not be read: see Findings.");
    else if (!m_session->client() || m_session->state() != DockerClient::State::Connected)
        why = tr("Not connected to the environment's Docker engine.");
    m_ui->deployButton->setToolTip(why.isEmpty() ? tr("Plan the deploy: what would change is shown before anything changes") : why);
    m_ui->downButton->setToolTip(
        why.isEmpty() ? tr("Stop and remove the environment's containers and networks (asks first)") : why);
    const Target *shown = isBusy() ? &m_active : (m_target ? &*m_target : nullptr);
    if (shown) {
        QString text = tr("%1 — Compose project %2 on %3").arg(shown->environment, shown->composeProject, m_session->endpoint().toString());
        if (isBusy() && m_target && m_target->environment != m_active.environment)
            text = tr("%1 (selected: %2)").arg(text, m_target->environment);
        m_ui->deployTarget->setText(text);
        m_ui->deployTarget->setToolTip(text);
    } else {
        m_ui->deployTarget->clear();
    }
}

void DeployView::setStage(Stage stage)
{
    if (stage == m_stage)
        return;
    m_stage = stage;
    updateActions();
    Q_EMIT stageChanged(stage);
}

void DeployView::showPage(int page)
{
    m_ui->deployStack->setCurrentIndex(page);
}

void DeployView::setStatus(const QString &text, bool failure)
{
    QLabel *label = m_ui->deployStatus;
    label->setText(text);
    QPalette palette = this->palette();
    if (failure)
        palette.setColor(QPalette::WindowText, QColor(0xb7, 0x1c, 0x1c));
    label->setPalette(palette);
    fitStatus();
}

void DeployView::fitStatus()
{
    // As tall as the text (a failure's whole message), up to a dozen lines; then it scrolls.
    QScrollArea *area = m_ui->deployStatusArea;
    QLabel *label = m_ui->deployStatus;
    const int width = std::max(100, area->viewport()->width());
    const int needed = label->heightForWidth(width);
    const int lines = label->fontMetrics().lineSpacing();
    const int height = std::clamp(needed > 0 ? needed : lines + 4, lines + 4, lines * 12 + 4);
    if (area->height() != height)
        area->setFixedHeight(height);
    area->setVerticalScrollBarPolicy(needed > height ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
}

bool DeployView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->deployStatusArea->viewport() && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &DeployView::fitStatus, Qt::QueuedConnection); // not from inside its own resize
    return EnvironmentView::eventFilter(watched, event);
}

void DeployView::fitColumns()
{
    QTreeView *tree = m_ui->deployTree;
    tree->expandAll();
    const int em = tree->fontMetrics().horizontalAdvance(u'M');
    // The longest service name of the environment shown fits (postgres-exporter), within reason.
    tree->resizeColumnToContents(DeployModel::Name);
    tree->setColumnWidth(DeployModel::Name, std::clamp(tree->columnWidth(DeployModel::Name) + em, 15 * em, 30 * em));
    if (m_fitted)
        return;
    tree->setColumnWidth(DeployModel::Action, 9 * em); // "unchanged", "recreated"
    tree->setColumnWidth(DeployModel::Elapsed, 7 * em);
    tree->setColumnWidth(DeployModel::Health, 12 * em);
    m_fitted = true;
}

// --- Deploy ---------------------------------------------------------------------------------------

void DeployView::deploy()
{
    if (m_stage != Stage::Idle || !canDeploy())
        return;
    m_active = *m_target;
    m_outcome.reset();
    m_release = 0;
    if (hasErrors(m_active.errors)) {
        showProblems(m_active.errors,
                     tr("The files of %1 have errors: nothing was changed. Fix them and deploy again.").arg(m_active.environment));
        return;
    }
    DeployRequest request;
    request.environment = m_active.environment;
    request.model = *m_active.model;
    request.phases = m_active.phases;
    request.options.removeOrphans = m_ui->removeOrphansCheck->isChecked();
    ReleaseContext context;
    context.project = m_active.project;
    context.envFile = m_active.envFile;
    context.envFileVariables = m_active.envFileVariables;
    context.engine = m_session->endpoint().toString();
    m_job = new DeployJob(m_session->client(), std::move(request), std::move(context), m_options, this);
    connect(m_job, &DeployJob::planned, this, &DeployView::onPlanned);
    setStage(Stage::Planning);
    m_ui->deployProgress->setRange(0, 0); // busy: reading the engine
    m_ui->deployProgress->setFormat(QString());
    setStatus(tr("Planning the deploy of %1: reading what the engine holds…").arg(m_active.environment));
    m_job->plan();
}

void DeployView::onPlanned(const DeployPlan &plan, const EngineError &error)
{
    if (m_stage != Stage::Planning)
        return;
    m_plan = plan;
    m_ui->deployProgress->setRange(0, 1);
    m_ui->deployProgress->setValue(0);
    if (error.isError()) {
        dropJob();
        setStage(Stage::Idle);
        setStatus(tr("The plan could not be made: reading the engine failed: %1").arg(error.toString()), true);
        return;
    }
    if (plan.hasErrors()) {
        dropJob();
        int errors = 0;
        for (const Diagnostic &d : plan.problems)
            errors += d.severity == Diagnostic::Severity::Error;
        showProblems(plan.problems, tr("The plan for %1 has %n problem(s) that keep it from starting: nothing was changed.", nullptr, errors)
                                        .arg(m_active.environment));
        return;
    }
    if (plan.changesAnything()) {
        showPlan(plan);
        return;
    }
    execute(); // nothing to change: it only checks the gates
}

void DeployView::showProblems(const Diagnostics &problems, const QString &summary)
{
    m_problemsModel->setFindings(problems);
    m_ui->problemsView->resizeColumnToContents(FindingsModel::Severity);
    m_ui->problemsView->resizeColumnToContents(FindingsModel::Location);
    m_ui->problemsSummary->setText(tr("Double-click a problem to open its file at the line; fix the files and deploy again."));
    showPage(ProblemsPage);
    setStage(Stage::Idle);
    setStatus(summary, true);
    Q_EMIT statusMessage(summary);
}

void DeployView::showPlan(const DeployPlan &plan)
{
    m_planModel->setPlan(plan);
    QTreeView *view = m_ui->planView;
    view->expandAll();
    // Names are as long as the project's: fit them (within reason); the reasons take the rest.
    const int em = view->fontMetrics().horizontalAdvance(u'M');
    for (int column : {int(PlanModel::Resource), int(PlanModel::Action), int(PlanModel::Name)}) {
        view->resizeColumnToContents(column);
        view->setColumnWidth(column, std::min(view->columnWidth(column) + em, 40 * em));
    }
    m_ui->planSummary->setText(tr("Plan for %1 (Compose project %2): %3.").arg(plan.environment, plan.project, m_planModel->summary()));
    QStringList notes;
    if (plan.foreign)
        notes.append(tr("Containers made by another tool (docker-compose) are recreated once, so that Stagehand can follow them."));
    for (const QString &note : plan.notes)
        notes.append(tr("Note: %1").arg(note));
    for (const Diagnostic &d : plan.problems)
        notes.append(d.toString());
    m_ui->planNotes->setText(notes.join(u'\n'));
    m_ui->planNotes->setVisible(!notes.isEmpty());
    showPage(PlanPage);
    setStage(Stage::Reviewing);
    setStatus(tr("Review the plan: Apply carries it out, Cancel changes nothing."));
    m_ui->applyPlanButton->setFocus();
    Q_EMIT planShown(plan);
}

void DeployView::applyPlan()
{
    if (m_stage != Stage::Reviewing || !m_job)
        return;
    execute();
}

void DeployView::execute()
{
    DeployJob *job = m_job;
    ++m_generation;
    m_showsDeploy = true;
    m_model->setPlan(m_plan);
    fitColumns();
    // The log starts over with this deploy's services to follow.
    m_log.clear();
    m_ui->deployLog->clear();
    const QString followed = m_ui->logServiceCombo->currentData().toString();
    {
        const QSignalBlocker blocker(m_ui->logServiceCombo);
        m_ui->logServiceCombo->clear();
        m_ui->logServiceCombo->addItem(tr("All services"), QString());
        for (const QString &service : m_model->services())
            m_ui->logServiceCombo->addItem(service, service);
        m_ui->logServiceCombo->setCurrentIndex(std::max(0, m_ui->logServiceCombo->findData(followed)));
    }
    Deployer *deployer = job->deployer();
    connect(deployer, &Deployer::serviceChanged, this, &DeployView::onServiceChanged);
    connect(deployer, &Deployer::logLine, this, &DeployView::appendLog);
    connect(deployer, &Deployer::step, this, [this](const QString &text) {
        setStatus(text);
        appendLog(QString(), text);
    });
    connect(deployer, &Deployer::progressChanged, this, [this](int done, int total) {
        m_ui->deployProgress->setRange(0, std::max(1, total));
        m_ui->deployProgress->setValue(std::clamp(done, 0, std::max(1, total)));
        m_ui->deployProgress->setFormat(tr("%v of %m steps"));
    });
    connect(job, &DeployJob::finished, this, &DeployView::onDeployFinished);
    followHealth(m_session->client(), m_active.composeProject);
    showPage(DeployPage);
    setStage(Stage::Deploying);
    setStatus(m_plan.changesAnything() ? tr("Deploying %1…").arg(m_active.environment)
                                       : tr("Nothing to change in %1: checking every service's gate…").arg(m_active.environment));
    m_model->start();
    job->execute();
}

void DeployView::onServiceChanged(const ServiceRollout &rollout)
{
    m_model->updateService(rollout);
    if (rollout.state == ServiceRollout::State::Ready || rollout.state == ServiceRollout::State::Failed)
        inspectHealth(rollout.service, rollout.containerIds);
}

void DeployView::onDeployFinished(const DeployOutcome &outcome, int release, const QString &releaseError)
{
    m_model->finish();
    for (const ServiceRollout &rollout : outcome.services)
        m_model->updateService(rollout);
    m_outcome = outcome;
    m_release = release;
    const QString elapsed = DeployModel::formatElapsed(outcome.elapsedMs);
    QString text;
    switch (outcome.result) {
    case DeployOutcome::Result::Succeeded:
        if (release > 0)
            text = tr("Deployed %1 in %2: release r%3.").arg(m_active.environment, elapsed).arg(release);
        else if (!m_plan.changesAnything())
            text = tr("%1 is up to date: nothing changed, and every service passed its gate (%2).").arg(m_active.environment, elapsed);
        else
            text = tr("Deployed %1 in %2.").arg(m_active.environment, elapsed);
        break;
    case DeployOutcome::Result::Failed:
        text = tr("The deploy of %1 failed after %2: %3").arg(m_active.environment, elapsed, outcome.message);
        break;
    case DeployOutcome::Result::Cancelled:
        text = tr("The deploy of %1 was cancelled after %2. What it made carries the project's labels: deploying again "
                  "finishes the job.")
                   .arg(m_active.environment, elapsed);
        break;
    }
    if (!releaseError.isEmpty())
        text += u'\n' + tr("The release could not be recorded: %1").arg(releaseError);
    dropJob();
    setStage(Stage::Idle);
    setStatus(text, outcome.result == DeployOutcome::Result::Failed);
    Q_EMIT statusMessage(text.section(u'\n', 0, 0));
    Q_EMIT deployFinished(outcome, release);
}

void DeployView::cancel()
{
    switch (m_stage) {
    case Stage::Planning:
    case Stage::Reviewing: {
        const bool reviewing = m_stage == Stage::Reviewing;
        dropJob();
        DeployOutcome outcome;
        outcome.result = DeployOutcome::Result::Cancelled;
        outcome.message = QStringLiteral("cancelled");
        m_outcome = outcome;
        m_ui->deployProgress->setRange(0, 1);
        m_ui->deployProgress->setValue(0);
        showPage(DeployPage);
        setStage(Stage::Idle);
        setStatus(reviewing ? tr("Cancelled: the plan was not applied; nothing was changed.")
                            : tr("Cancelled while planning; nothing was changed."));
        break;
    }
    case Stage::Deploying:
        if (m_job)
            m_job->cancel(); // finished() follows at once
        break;
    case Stage::Confirming:
        if (m_teardownDialog)
            m_teardownDialog->reject();
        break;
    case Stage::TearingDown: // the engine finishes what it was asked: nothing is left half-removed
    case Stage::Idle:
        break;
    }
}

void DeployView::dropJob()
{
    if (!m_job)
        return;
    m_job->disconnect(this);
    m_job->deployer()->disconnect(this);
    m_job->deleteLater();
    m_job = nullptr;
}

// --- The engine's health of the deployed containers -------------------------------------------------

void DeployView::followHealth(DockerClient *client, const QString &composeProject)
{
    stopFollowingHealth();
    if (!client || composeProject.isEmpty())
        return;
    EventOptions options;
    options.filters.insert(QStringLiteral("type"), {QStringLiteral("container")});
    options.filters.insert(QStringLiteral("label"), {ComposeMatcher::projectLabel() + u'=' + composeProject});
    m_healthEvents = client->events(options, this);
    const quint64 generation = m_generation;
    connect(m_healthEvents, &EngineStream::eventReceived, this, [this, generation](const EngineEvent &event) {
        if (generation != m_generation || !event.action.startsWith(QLatin1String("health_status")))
            return;
        m_healthFromEvents.insert(event.actorId);
        m_model->setContainerHealth(event.composeService(), event.actorId, event.action.section(u':', 1).trimmed());
    });
}

void DeployView::stopFollowingHealth()
{
    delete m_healthEvents;
    m_healthEvents = nullptr;
    m_healthFromEvents.clear();
}

void DeployView::inspectHealth(const QString &service, const QStringList &containerIds)
{
    DockerClient *client = m_session->client();
    if (!client)
        return;
    const quint64 generation = m_generation;
    for (const QString &id : containerIds) {
        whenDone(this, client->inspectContainer(id), [this, generation, service, id](const EngineResult<ContainerDetails> &details) {
            // An event is newer than an inspect that was asked for before it came.
            if (generation != m_generation || !details.ok() || m_healthFromEvents.contains(id))
                return;
            m_model->setContainerHealth(service, id, details->health.isEmpty() ? QStringLiteral("none") : details->health);
        });
    }
}

// --- Take down --------------------------------------------------------------------------------------

void DeployView::takeDown()
{
    if (m_stage != Stage::Idle || !canTakeDown())
        return;
    m_active = *m_target;
    auto *dialog = new TeardownDialog(m_session->client(), m_active.composeProject, m_active.environment, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_teardownDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (m_stage == Stage::Confirming)
            startTeardown(dialog->removeVolumes());
    });
    connect(dialog, &QDialog::rejected, this, [this] {
        if (m_stage == Stage::Confirming) {
            setStage(Stage::Idle);
            setStatus(tr("Not taken down: nothing was changed."));
        }
    });
    setStage(Stage::Confirming);
    dialog->open(); // not exec(): no nested event loop
}

void DeployView::startTeardown(bool removeVolumes)
{
    DockerClient *client = m_session->client();
    if (!client || !m_active.model) {
        setStage(Stage::Idle);
        setStatus(tr("Not connected to the environment's Docker engine."), true);
        return;
    }
    stopFollowingHealth();
    m_teardown = new Teardown(client, this);
    connect(m_teardown, &Teardown::step, this, [this](const QString &text) {
        setStatus(text);
        appendLog(QString(), text);
    });
    connect(m_teardown, &Teardown::finished, this, &DeployView::onTeardownFinished);
    setStage(Stage::TearingDown);
    m_ui->deployProgress->setRange(0, 0);
    m_ui->deployProgress->setFormat(QString());
    showPage(DeployPage);
    setStatus(tr("Taking down %1…").arg(m_active.environment));
    m_teardown->start(*m_active.model, m_active.phases, removeVolumes);
}

void DeployView::onTeardownFinished(const TeardownResult &result)
{
    if (m_teardown) {
        m_teardown->disconnect(this);
        m_teardown->deleteLater();
        m_teardown = nullptr;
    }
    setStage(Stage::Idle);
    // The tree no longer shows what runs: back to the environment's services.
    const QList<QPair<QString, QString>> log = m_log;
    resetForTarget();
    m_log = log;
    rebuildLog();
    m_ui->deployProgress->setRange(0, 1);
    m_ui->deployProgress->setValue(result.ok ? 1 : 0);
    QString text;
    if (result.ok) {
        text = tr("Took down %1: removed %n container(s)", nullptr, int(result.removedContainers.size())).arg(m_active.environment);
        text += tr(", %n network(s)", nullptr, int(result.removedNetworks.size()));
        if (!result.removedVolumes.isEmpty())
            text += tr(" and %n volume(s) (%1)", nullptr, int(result.removedVolumes.size())).arg(result.removedVolumes.join(QStringLiteral(", ")));
        text += u'.';
        if (!result.keptVolumes.isEmpty())
            text += u'\n' + tr("Kept the volumes %1 (tick “Also remove the volumes” to delete them).").arg(result.keptVolumes.join(QStringLiteral(", ")));
    } else {
        text = tr("Taking down %1 failed: %2").arg(m_active.environment, result.message);
    }
    setStatus(text, !result.ok);
    Q_EMIT statusMessage(text.section(u'\n', 0, 0));
    Q_EMIT teardownFinished(result);
}

// --- The log ----------------------------------------------------------------------------------------

void DeployView::appendLog(const QString &service, const QString &line)
{
    m_log.append({service, line});
    while (m_log.size() > MaxLogLines)
        m_log.removeFirst();
    const QString followed = m_ui->logServiceCombo->currentData().toString();
    if (followed.isEmpty() || followed == service)
        appendLogBlock(service, line);
}

void DeployView::appendLogBlock(const QString &service, const QString &line)
{
    QPlainTextEdit *log = m_ui->deployLog;
    QScrollBar *bar = log->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(log->document());
    cursor.movePosition(QTextCursor::End);
    if (!log->document()->isEmpty())
        cursor.insertBlock();
    QTextCharFormat prefix;
    prefix.setFontWeight(QFont::Bold);
    if (service.isEmpty()) {
        prefix.setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        cursor.insertText(QStringLiteral("› "), prefix);
        QTextCharFormat step;
        step.setFontItalic(true);
        step.setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        cursor.insertText(line, step);
    } else {
        prefix.setForeground(serviceColour(int(m_model->services().indexOf(service))));
        cursor.insertText(service + QStringLiteral(" | "), prefix);
        cursor.insertText(line, QTextCharFormat());
    }
    if (atEnd)
        bar->setValue(bar->maximum());
}

void DeployView::rebuildLog()
{
    m_ui->deployLog->clear();
    const QString followed = m_ui->logServiceCombo->currentData().toString();
    for (const auto &[service, line] : std::as_const(m_log)) {
        if (followed.isEmpty() || followed == service)
            appendLogBlock(service, line);
    }
}

} // namespace stagehand
