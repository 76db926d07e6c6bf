#include "deploy/Deployer.h"

#include "deploy/CopyArchive.h"
#include "deploy/DeployPreparation.h"
#include "deploy/HealthProbe.h"
#include "docker/ComposeMatcher.h"
#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "docker/WhenFinished.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace stagehand {

using Kind = PlanAction::Kind;
using Resource = PlanAction::Resource;
using State = ServiceRollout::State;
using Readiness = DependencyGraph::Readiness;

struct Deployer::Gate {
    QString id;
    QString service;
    HealthProbe *probe = nullptr;
};

namespace {

QString secondsText(qint64 ms)
{
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10000 ? 1 : 0);
}

QString oneLine(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes).trimmed();
    text.replace(u'\n', QStringLiteral(" | "));
    return text.left(400);
}

} // namespace

Deployer::Deployer(DockerClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_overall(new QTimer(this))
    , m_preparation(new DeployPreparation(client, this))
{
    connect(m_preparation, &DeployPreparation::step, this, &Deployer::step);
    connect(m_preparation, &DeployPreparation::logLine, this, &Deployer::logLine);
    connect(m_preparation, &DeployPreparation::advanced, this, [this] { advance(); });
    connect(m_preparation, &DeployPreparation::failed, this,
            [this](const QString &what, const EngineError &error) { engineFailed({}, what, error); });
    connect(m_preparation, &DeployPreparation::finished, this, [this] {
        m_plan.images = m_preparation->images(); // with the IDs of what was built or pulled
        schedule();
    });
    m_overall->setSingleShot(true);
    connect(m_overall, &QTimer::timeout, this, [this] {
        QStringList waiting;
        for (const QString &service : m_plan.graph.order()) {
            if (!m_services.value(service).isDone())
                waiting.append(service);
        }
        const QString why = QStringLiteral("the deploy's timeout (%1) ran out").arg(secondsText(m_options.timeout.count()));
        // Name the first service still at its gate, with its health output.
        for (const QString &service : std::as_const(waiting)) {
            if (!m_gates.value(service).isEmpty())
                return gateFailed(service, QStringLiteral("not %1 when %2")
                                               .arg(DependencyGraph::readinessName(m_plan.graph.readiness(service)), why));
        }
        finish(DeployOutcome::Result::Failed, QStringLiteral("%1; not ready: %2").arg(why, waiting.join(QStringLiteral(", "))),
               waiting.value(0));
    });
}

Deployer::~Deployer()
{
    if (m_running)
        finish(DeployOutcome::Result::Cancelled, QStringLiteral("cancelled"));
}

std::chrono::milliseconds Deployer::defaultServiceTimeout(const Service &service)
{
    using namespace std::chrono;
    // The engine's defaults: interval 30 s, timeout 30 s, retries 3, start period 0.
    nanoseconds budget = seconds(30);
    if (service.healthcheck && !service.healthcheck->disable) {
        const Healthcheck &h = *service.healthcheck;
        const nanoseconds interval = h.interval.value_or(seconds(30));
        const nanoseconds timeout = h.timeout.value_or(seconds(30));
        budget += h.startPeriod.value_or(nanoseconds(0)) + (interval + timeout) * h.retries.value_or(3);
    } else {
        budget += seconds(60);
    }
    return std::max(duration_cast<milliseconds>(budget), milliseconds(minutes(1)));
}

QList<ServiceRollout> Deployer::services() const
{
    QList<ServiceRollout> out;
    for (const QString &service : m_plan.graph.order())
        out.append(m_services.value(service));
    return out;
}

void Deployer::start(const DeployPlan &plan, const ComposeModel &model, const DeployOptions &options)
{
    Q_ASSERT(!m_running);
    m_plan = plan;
    m_model = model;
    m_options = options;
    m_running = true;
    m_failing = false;
    m_engineLost = false;
    m_clock.start();
    m_services.clear();
    m_total = 0;
    m_done = 0;
    for (const QString &service : m_plan.graph.order()) {
        ServiceRollout rollout;
        rollout.service = service;
        rollout.phase = m_plan.graph.phaseOf(service);
        rollout.readiness = m_plan.graph.readiness(service);
        m_services.insert(service, rollout);
        ++m_total;
    }
    m_total += DeployPreparation::steps(m_plan);
    Q_EMIT progressChanged(0, m_total);
    if (m_options.timeout.count() > 0)
        m_overall->start(m_options.timeout);
    if (!m_client)
        return finish(DeployOutcome::Result::Failed, QStringLiteral("no engine"));
    listen();
}

void Deployer::cancel()
{
    finish(DeployOutcome::Result::Cancelled, QStringLiteral("cancelled"));
}

// The project's container events, before the first change: no die or health_status is missed.
void Deployer::listen()
{
    EventOptions events;
    events.filters.insert(QStringLiteral("type"), {QStringLiteral("container")});
    events.filters.insert(QStringLiteral("label"), {ComposeMatcher::projectLabel() + u'=' + m_plan.project});
    m_events = m_client->events(events, this);
    // Any call that finds the engine gone (a probe, an event stream) makes the client Unreachable:
    // what the deploy then sees of its containers is the outage, not their failure.
    connect(m_client, &DockerClient::stateChanged, m_events, [this](DockerClient::State state) {
        if (state == DockerClient::State::Unreachable)
            engineFailed({}, QStringLiteral("lost the engine during the deploy"), m_client->lastError());
    });
    connect(m_events, &EngineStream::eventReceived, this, &Deployer::onEvent);
    connect(m_events, &EngineStream::interrupted, this, [this](const EngineError &error) {
        engineFailed({}, QStringLiteral("lost the engine during the deploy"), error);
    });
    connect(m_events, &EngineStream::finished, this, [this](const EngineError &error) {
        if (m_running)
            engineFailed({}, QStringLiteral("the engine's event stream ended"), error);
    });
    // Only the first start: the stream emits started() again after each resume.
    connect(m_events, &EngineStream::started, this, [this] { m_preparation->start(m_plan, m_model); }, Qt::SingleShotConnection);
}

bool Deployer::prerequisitesMet(const QString &service, QStringList *waitingOn, QString *blockedBy) const
{
    bool met = true;
    const QList<ServiceDependency> dependencies = m_plan.graph.dependencies(service);
    for (const QString &other : m_plan.graph.prerequisites(service)) {
        const ServiceRollout &rollout = m_services[other];
        const auto edge = std::find_if(dependencies.begin(), dependencies.end(),
                                       [&](const ServiceDependency &d) { return d.service == other; });
        const bool sameOrLaterPhase = m_plan.graph.phaseOf(other) >= m_plan.graph.phaseOf(service);
        if (rollout.state == State::Failed || rollout.state == State::Skipped) {
            if (edge != dependencies.end() && !edge->required && sameOrLaterPhase)
                continue; // required: false
            *blockedBy = other;
            return false;
        }
        bool ok = rollout.state == State::Ready;
        if (!ok && edge != dependencies.end() && sameOrLaterPhase && edge->condition == ServiceDependency::Condition::Started)
            ok = rollout.state == State::Probing; // started is enough
        if (!ok) {
            met = false;
            waitingOn->append(other);
        }
    }
    return met;
}

void Deployer::schedule()
{
    if (!m_running || m_failing)
        return;
    bool allDone = true;
    for (const QString &service : m_plan.graph.order()) {
        ServiceRollout &rollout = m_services[service];
        if (rollout.state != State::Pending && rollout.state != State::Waiting) {
            allDone = allDone && rollout.isDone();
            continue;
        }
        allDone = false;
        QStringList waitingOn;
        QString blockedBy;
        if (!prerequisitesMet(service, &waitingOn, &blockedBy)) {
            if (!blockedBy.isEmpty()) {
                setState(service, State::Skipped, QStringLiteral("not started: %1 failed").arg(blockedBy));
                continue;
            }
            const QString detail = QStringLiteral("waiting on %1").arg(waitingOn.join(QStringLiteral(", ")));
            if (rollout.state != State::Waiting || rollout.detail != detail)
                setState(service, State::Waiting, detail);
            continue;
        }
        startService(service);
        if (!m_running)
            return;
    }
    if (allDone)
        finish(DeployOutcome::Result::Succeeded);
}

void Deployer::startService(const QString &service)
{
    ServiceRollout &rollout = m_services[service];
    rollout.startedMs = m_clock.elapsed();
    QList<PlanAction> actions = m_plan.containerActions(service);
    actions.erase(std::remove_if(actions.begin(), actions.end(), [](const PlanAction &a) { return a.kind == Kind::Remove; }),
                  actions.end());
    auto has = [&](Kind kind) { return std::any_of(actions.begin(), actions.end(), [&](const PlanAction &a) { return a.kind == kind; }); };
    rollout.action = has(Kind::Recreate) ? QStringLiteral("recreated")
        : has(Kind::Create)              ? QStringLiteral("created")
        : has(Kind::Restart)             ? QStringLiteral("restarted")
        : has(Kind::Start)               ? QStringLiteral("started")
                                         : QStringLiteral("unchanged");
    if (actions.isEmpty()) {
        setState(service, State::Ready, QStringLiteral("no container"));
        advance();
        return schedule();
    }
    m_pendingContainers.insert(service, int(actions.size()));
    const std::chrono::milliseconds limit =
        m_options.serviceTimeout.count() > 0 ? m_options.serviceTimeout : defaultServiceTimeout(m_model.services[service]);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, service, limit] {
        gateFailed(service, QStringLiteral("not %1 within %2 (its timeout)")
                                .arg(DependencyGraph::readinessName(m_plan.graph.readiness(service)), secondsText(limit.count())));
    });
    timer->start(limit);
    delete m_serviceTimers.take(service);
    m_serviceTimers.insert(service, timer);
    for (const PlanAction &action : std::as_const(actions)) {
        runContainer(service, action);
        if (!m_running)
            return;
    }
}

void Deployer::runContainer(const QString &service, const PlanAction &action)
{
    const QString id = action.containerId;
    switch (action.kind) {
    case Kind::Keep:
        m_services[service].containerIds.append(id);
        m_containerService.insert(id, service);
        awaitGate(service, id, true);
        break;
    case Kind::Start:
        m_services[service].containerIds.append(id);
        m_containerService.insert(id, service);
        startContainer(service, id);
        break;
    case Kind::Restart: {
        m_services[service].containerIds.append(id);
        m_containerService.insert(id, service);
        setState(service, State::Starting, QStringLiteral("restarting: %1").arg(action.reason));
        whenFinished(this, m_client->restartContainer(id), [this, service, id](const EngineStatus &status) {
            if (!m_running)
                return;
            if (!status.ok())
                return engineFailed(service, QStringLiteral("restarting %1").arg(service), status.error);
            awaitGate(service, id, false);
        });
        break;
    }
    case Kind::Create:
        setState(service, State::Creating, QStringLiteral("creating"));
        createContainer(service, blueprint(service, action.number));
        break;
    case Kind::Recreate: {
        setState(service, State::Creating, QStringLiteral("recreating: %1").arg(action.reason));
        const ContainerBlueprint bp = blueprint(service, action.number);
        // The old container goes first: it holds the name and the published ports.
        whenFinished(this, m_client->stopContainer(id), [this, service, id, bp](const EngineStatus &stopped) {
            if (!m_running)
                return;
            if (!stopped.ok() && stopped.error.isConnectionProblem())
                return engineFailed(service, QStringLiteral("stopping the old container of %1").arg(service), stopped.error);
            whenFinished(this, m_client->removeContainer(id, true), [this, service, bp](const EngineStatus &removed) {
                if (!m_running)
                    return;
                if (!removed.ok() && removed.error.httpStatus != 404)
                    return engineFailed(service, QStringLiteral("removing the old container of %1").arg(service), removed.error);
                createContainer(service, bp);
            });
        });
        break;
    }
    case Kind::Remove:
    case Kind::Pull:
    case Kind::Build:
        break;
    }
}

ContainerBlueprint Deployer::blueprint(const QString &service, int number) const
{
    const QList<ContainerBlueprint> blueprints = m_plan.blueprints.value(service);
    for (const ContainerBlueprint &bp : blueprints) {
        if (bp.number == number)
            return bp;
    }
    return blueprints.value(0);
}

void Deployer::createContainer(const QString &service, const ContainerBlueprint &blueprint)
{
    QJsonObject body = blueprint.createBody;
    if (!blueprint.networkModeService.isEmpty()) {
        const QStringList ids = m_services.value(blueprint.networkModeService).containerIds;
        if (ids.isEmpty())
            return gateFailed(service, QStringLiteral("network_mode service:%1: that service has no container").arg(blueprint.networkModeService));
        QJsonObject host = body.value(QLatin1String("HostConfig")).toObject();
        host.insert(QStringLiteral("NetworkMode"), QString(QStringLiteral("container:") + ids.first()));
        body.insert(QStringLiteral("HostConfig"), host);
    }
    whenFinished(this, m_client->createContainer(body, blueprint.name), [this, service, blueprint](const EngineResult<QString> &created) {
        if (!m_running)
            return;
        if (!created.ok())
            return engineFailed(service, QStringLiteral("creating container %1").arg(blueprint.name), created.error);
        const QString id = *created;
        m_services[service].containerIds.append(id);
        m_containerService.insert(id, service);
        connectAndCopy(service, blueprint, id);
    });
}

void Deployer::connectAndCopy(const QString &service, const ContainerBlueprint &blueprint, const QString &id, int network)
{
    if (!m_running)
        return;
    // One step at a time: the extra networks, then the files, then start.
    if (network < blueprint.extraNetworks.size()) {
        const NetworkAttachment attachment = blueprint.extraNetworks.at(network);
        const QJsonObject body{{QStringLiteral("Container"), id}, {QStringLiteral("EndpointConfig"), attachment.endpoint}};
        whenFinished(this,
                     m_client->request("POST", QStringLiteral("/networks/%1/connect").arg(attachment.network), {},
                                       QJsonDocument(body).toJson(QJsonDocument::Compact)),
                     [this, service, blueprint, id, network](const EngineResult<QJsonDocument> &result) {
                         if (!m_running)
                             return;
                         if (!result.ok())
                             return engineFailed(service,
                                                 QStringLiteral("connecting %1 to network %2")
                                                     .arg(service, blueprint.extraNetworks.at(network).network),
                                                 result.error);
                         connectAndCopy(service, blueprint, id, network + 1);
                     });
        return;
    }
    if (blueprint.copies.isEmpty())
        return startContainer(service, id);
    QString error;
    const QByteArray tar = CopyArchive::tar(blueprint.copies, &error);
    if (tar.isEmpty())
        return gateFailed(service, QStringLiteral("could not pack its secrets and configs: %1").arg(error));
    auto *buffer = new QBuffer(this);
    buffer->setData(tar);
    buffer->open(QIODevice::ReadOnly);
    whenFinished(this, m_client->putArchive(id, QStringLiteral("/"), buffer), [this, service, id, buffer](const EngineStatus &status) {
        buffer->deleteLater();
        if (!m_running)
            return;
        if (!status.ok())
            return engineFailed(service, QStringLiteral("putting the secrets and configs of %1 in place").arg(service), status.error);
        startContainer(service, id);
    });
}

void Deployer::startContainer(const QString &service, const QString &id)
{
    setState(service, State::Starting, QStringLiteral("starting"));
    whenFinished(this, m_client->startContainer(id), [this, service, id](const EngineStatus &status) {
        if (!m_running)
            return;
        if (!status.ok())
            return engineFailed(service, QStringLiteral("starting %1").arg(service), status.error);
        awaitGate(service, id, false);
    });
}

void Deployer::awaitGate(const QString &service, const QString &id, bool alreadyRunning)
{
    const Readiness readiness = m_plan.graph.readiness(service);
    if (readiness == Readiness::Running)
        return gateOpened(service, id, alreadyRunning ? QStringLiteral("running (unchanged)") : QStringLiteral("running"));
    if (readiness == Readiness::Completed && alreadyRunning)
        return gateOpened(service, id, QStringLiteral("completed (unchanged)"));

    auto *gate = new Gate{id, service, nullptr};
    m_gates[service].append(gate);
    if (readiness == Readiness::Healthy) {
        const Service &definition = m_model.services[service];
        gate->probe = new HealthProbe(m_client, id, *definition.healthcheck, this);
        gate->probe->setCadence(m_options.probeCadenceMs);
        connect(gate->probe, &HealthProbe::passed, this, [this, service, id](const ExecResult &, int attempts) {
            m_services[service].probeAttempts = attempts;
            gateOpened(service, id, QStringLiteral("healthy (Stagehand's probe passed, check %1)").arg(attempts));
        });
        connect(gate->probe, &HealthProbe::attempted, this, [this, service](const ExecResult &result) {
            ServiceRollout &rollout = m_services[service];
            const QString output = oneLine(result.standardOutput + result.standardError);
            ++rollout.probeAttempts;
            if (output != rollout.lastProbeOutput || result.exitCode != rollout.lastProbeExitCode)
                Q_EMIT logLine(service, QStringLiteral("probe: exit code %1%2").arg(result.exitCode).arg(output.isEmpty() ? QString() : QStringLiteral(": ") + output));
            rollout.lastProbeOutput = output;
            rollout.lastProbeExitCode = result.exitCode;
        });
        setState(service, State::Probing, QStringLiteral("probing its healthcheck"));
    } else {
        setState(service, State::Probing, QStringLiteral("waiting for it to complete"));
    }
    if (!alreadyRunning)
        followLogs(service, id);

    // Where it stands now: it may be healthy already, or have ended before the events stream told.
    whenFinished(this, m_client->inspectContainer(id), [this, service, id, readiness, gate](const EngineResult<ContainerDetails> &details) {
        if (!m_running || !m_gates.value(service).contains(gate))
            return;
        if (!details.ok())
            return engineFailed(service, QStringLiteral("inspecting %1").arg(service), details.error);
        if (readiness == Readiness::Completed) {
            if (!details->running && details->status == QLatin1String("exited")) {
                if (details->exitCode == 0)
                    return gateOpened(service, id, QStringLiteral("completed"));
                return gateFailed(service, QStringLiteral("exited with code %1").arg(details->exitCode));
            }
            return;
        }
        if (details->health == QLatin1String("healthy"))
            return gateOpened(service, id, QStringLiteral("healthy"));
        if (!details->running)
            return gateFailed(service, QStringLiteral("its container is %1 (exit code %2)").arg(details->status).arg(details->exitCode));
        if (gate->probe)
            gate->probe->start();
    });
}

void Deployer::gateOpened(const QString &service, const QString &id, const QString &how)
{
    if (!m_running || m_failing)
        return;
    QList<Gate *> &gates = m_gates[service];
    for (qsizetype i = gates.size() - 1; i >= 0; --i) {
        if (gates.at(i)->id == id) {
            Gate *gate = gates.takeAt(i);
            if (gate->probe) {
                gate->probe->stop();
                gate->probe->deleteLater();
            }
            delete gate;
        }
    }
    if (EngineStream *stream = m_logStreams.take(id))
        stream->deleteLater();
    int &pending = m_pendingContainers[service];
    if (--pending > 0)
        return;
    ServiceRollout &rollout = m_services[service];
    rollout.durationMs = m_clock.elapsed() - rollout.startedMs;
    if (QTimer *timer = m_serviceTimers.take(service))
        timer->deleteLater();
    setState(service, State::Ready, how);
    spdlog::info("deploy {}: {} ready in {} ms ({})", m_plan.project.toStdString(), service.toStdString(), rollout.durationMs,
                 how.toStdString());
    advance();
    schedule();
}

void Deployer::gateFailed(const QString &service, const QString &why)
{
    if (!m_running || m_failing)
        return;
    m_failing = true; // nothing new starts; the message waits for the service's last log lines
    m_overall->stop();
    for (QTimer *timer : std::as_const(m_serviceTimers))
        timer->stop();
    for (const QList<Gate *> &gates : std::as_const(m_gates)) {
        for (Gate *gate : gates) {
            if (gate->probe)
                gate->probe->stop();
        }
    }
    const QString id = m_services.value(service).containerIds.value(0);
    if (id.isEmpty())
        return failWith(service, why, lastOutput(service));
    LogOptions options;
    options.tail = QString::number(m_options.logTailLines);
    EngineStream *stream = m_client->logs(id, options, this);
    auto lines = std::make_shared<QStringList>();
    connect(stream, &EngineStream::logReceived, this, [lines](const LogChunk &chunk) {
        lines->append(QString::fromUtf8(chunk.data).split(u'\n', Qt::SkipEmptyParts));
    });
    auto done = [this, service, why, lines, stream] {
        stream->disconnect(this);
        stream->deleteLater();
        failWith(service, why, lines->isEmpty() ? lastOutput(service) : lines->mid(std::max<qsizetype>(0, lines->size() - m_options.logTailLines)).join(u'\n'));
    };
    connect(stream, &EngineStream::finished, this, done);
    QTimer::singleShot(3000, stream, done); // an engine that does not answer does not hold the message back
}

void Deployer::failWith(const QString &service, const QString &why, const QString &logTail)
{
    if (!m_running)
        return;
    const ServiceRollout &rollout = m_services.value(service);
    // Who waits for it, and for what.
    QStringList waiting;
    for (const QString &dependent : m_plan.graph.dependents(service)) {
        for (const ServiceDependency &dependency : m_plan.graph.dependencies(dependent)) {
            if (dependency.service == service)
                waiting.append(QStringLiteral("%1 (%2)").arg(dependent, ServiceDependency::conditionName(dependency.condition)));
        }
    }
    QString message = QStringLiteral("service '%1' failed its gate (%2): %3")
                          .arg(service, DependencyGraph::readinessName(m_plan.graph.readiness(service)), why);
    if (!waiting.isEmpty())
        message += QStringLiteral("; needed by %1").arg(waiting.join(QStringLiteral(", ")));
    if (rollout.probeAttempts > 0)
        message += QStringLiteral("\nthe last of %1 health checks Stagehand ran: exit code %2%3")
                       .arg(rollout.probeAttempts)
                       .arg(rollout.lastProbeExitCode)
                       .arg(rollout.lastProbeOutput.isEmpty() ? QString() : QStringLiteral(": ") + rollout.lastProbeOutput);
    if (!logTail.isEmpty())
        message += QStringLiteral("\nlast log lines of %1:\n%2").arg(service, logTail);
    setState(service, State::Failed, why);
    finish(DeployOutcome::Result::Failed, message, service);
}

// A gated container died. An engine shutting down stops its containers first, so a death is looked
// at again a moment later: an engine gone by then is the failure, not the container.
void Deployer::containerDied(const QString &service, const QString &id, int exitCode)
{
    QTimer::singleShot(1000, this, [this, service, id, exitCode] {
        if (!m_running || m_failing)
            return;
        whenFinished(this, m_client->inspectContainer(id), [this, service, id, exitCode](const EngineResult<ContainerDetails> &details) {
            if (!m_running || m_failing)
                return;
            if (!details.ok() && details.error.isConnectionProblem())
                return engineFailed(service, QStringLiteral("the engine went away while %1 was starting").arg(service), details.error);
            if (details.ok() && details->running)
                return; // its restart policy started it again: the gate goes on
            const int code = details.ok() ? details->exitCode : exitCode;
            if (m_plan.graph.readiness(service) == Readiness::Completed)
                return gateFailed(service, QStringLiteral("exited with code %1").arg(code));
            gateFailed(service, QStringLiteral("its container exited with code %1 before it was ready").arg(code));
        });
    });
}

void Deployer::onEvent(const EngineEvent &event)
{
    if (!m_running || m_failing)
        return;
    const QString service = m_containerService.value(event.actorId);
    if (service.isEmpty())
        return;
    const QList<Gate *> gates = m_gates.value(service);
    const bool waited = std::any_of(gates.begin(), gates.end(), [&](const Gate *g) { return g->id == event.actorId; });
    if (event.action == QLatin1String("die")) {
        const int exitCode = event.attribute(QStringLiteral("exitCode")).toInt();
        if (!waited)
            return;
        if (m_plan.graph.readiness(service) == Readiness::Completed && exitCode == 0)
            return gateOpened(service, event.actorId, QStringLiteral("completed"));
        return containerDied(service, event.actorId, exitCode);
    }
    if (!event.action.startsWith(QLatin1String("health_status")))
        return;
    const QString status = event.action.section(u':', 1).trimmed();
    Q_EMIT logLine(service, QStringLiteral("engine: health status %1").arg(status));
    if (!waited)
        return;
    if (status == QLatin1String("healthy"))
        return gateOpened(service, event.actorId, QStringLiteral("healthy (the engine's check)"));
    if (status == QLatin1String("unhealthy")) {
        const QString id = event.actorId;
        whenFinished(this, m_client->inspectContainer(id), [this, service](const EngineResult<ContainerDetails> &details) {
            QString last;
            if (details.ok()) {
                const QJsonArray log = details->raw.value(QLatin1String("State")).toObject().value(QLatin1String("Health")).toObject().value(QLatin1String("Log")).toArray();
                if (!log.isEmpty()) {
                    const QJsonObject entry = log.last().toObject();
                    last = QStringLiteral("; the engine's last check: exit code %1: %2")
                               .arg(entry.value(QLatin1String("ExitCode")).toInt())
                               .arg(oneLine(entry.value(QLatin1String("Output")).toString().toUtf8()));
                }
            }
            gateFailed(service, QStringLiteral("the engine reports it unhealthy%1").arg(last));
        });
    }
}

void Deployer::followLogs(const QString &service, const QString &id)
{
    LogOptions options;
    options.follow = true;
    EngineStream *stream = m_client->logs(id, options, this);
    m_logStreams.insert(id, stream);
    connect(stream, &EngineStream::logReceived, this, [this, service](const LogChunk &chunk) {
        QString line = QString::fromUtf8(chunk.data);
        while (line.endsWith(u'\n') || line.endsWith(u'\r'))
            line.chop(1);
        QStringList &tail = m_logTails[service];
        tail.append(line);
        while (tail.size() > m_options.logTailLines)
            tail.removeFirst();
        Q_EMIT logLine(service, line);
    });
}

QString Deployer::lastOutput(const QString &service) const
{
    return m_logTails.value(service).join(u'\n');
}

void Deployer::engineFailed(const QString &service, const QString &what, const EngineError &error)
{
    if (!m_running)
        return;
    QString message = QStringLiteral("%1: %2").arg(what, error.toString());
    m_engineLost = error.isConnectionProblem();
    if (error.isConnectionProblem())
        message += QStringLiteral("\nthe engine went away mid-deploy; what was made carries the project's labels, so running the "
                                  "deploy again finishes the job");
    if (!service.isEmpty())
        setState(service, State::Failed, what);
    finish(DeployOutcome::Result::Failed, message, service);
}

void Deployer::setState(const QString &service, State state, const QString &detail)
{
    ServiceRollout &rollout = m_services[service];
    rollout.state = state;
    rollout.detail = detail;
    Q_EMIT serviceChanged(rollout);
}

void Deployer::advance(int steps)
{
    m_done = std::min(m_total, m_done + steps);
    Q_EMIT progressChanged(m_done, m_total);
}

void Deployer::finish(DeployOutcome::Result result, const QString &message, const QString &service)
{
    if (!m_running)
        return;
    m_running = false;
    m_preparation->stop();
    m_overall->stop();
    for (QTimer *timer : std::as_const(m_serviceTimers))
        timer->deleteLater();
    m_serviceTimers.clear();
    for (const QList<Gate *> &gates : std::as_const(m_gates)) {
        for (Gate *gate : gates) {
            if (gate->probe) {
                gate->probe->stop();
                gate->probe->deleteLater();
            }
            delete gate;
        }
    }
    m_gates.clear();
    for (EngineStream *stream : std::as_const(m_logStreams))
        stream->deleteLater();
    m_logStreams.clear();
    if (m_events) {
        m_events->disconnect(this);
        m_events->deleteLater();
        m_events = nullptr;
    }
    DeployOutcome outcome;
    outcome.result = result;
    outcome.message = message;
    outcome.failedService = service;
    outcome.elapsedMs = m_clock.elapsed();
    outcome.engineLost = m_engineLost;
    for (const QString &name : m_plan.graph.order()) {
        ServiceRollout &rollout = m_services[name];
        if (!rollout.isDone()) {
            const bool notStarted = rollout.state == State::Pending || rollout.state == State::Waiting;
            rollout.state = State::Skipped;
            if (result == DeployOutcome::Result::Cancelled)
                rollout.detail = QStringLiteral("cancelled");
            else if (notStarted && !service.isEmpty() && m_plan.graph.prerequisites(name).contains(service))
                rollout.detail = QStringLiteral("not started: %1 failed").arg(service);
            else
                rollout.detail = notStarted ? QStringLiteral("not started: the deploy stopped")
                                            : QStringLiteral("not finished: the deploy stopped");
            Q_EMIT serviceChanged(rollout);
        }
        outcome.services.append(rollout);
    }
    spdlog::info("deploy {}: {} in {} ms{}", m_plan.project.toStdString(), DeployOutcome::resultName(result).toStdString(),
                 outcome.elapsedMs, message.isEmpty() ? std::string() : ": " + message.section(u'\n', 0, 0).toStdString());
    Q_EMIT finished(outcome);
}

} // namespace stagehand
