#include "models/DeployModel.h"

#include <QTimer>

#include <algorithm>

namespace stagehand {
namespace {

using RolloutState = ServiceRollout::State;

constexpr quintptr PhaseId = 0; // internalId of phase rows; service rows carry their phase + 1

bool inProgress(const ServiceRollout &rollout)
{
    return rollout.state == RolloutState::Creating || rollout.state == RolloutState::Starting || rollout.state == RolloutState::Probing;
}

// The plan's intended action for a service's containers: the strongest of them.
QString plannedAction(const DeployPlan &plan, const QString &service, bool *changes)
{
    using Kind = PlanAction::Kind;
    const QList<PlanAction> actions = plan.containerActions(service);
    *changes = false;
    for (Kind kind : {Kind::Recreate, Kind::Create, Kind::Restart, Kind::Start, Kind::Keep}) {
        for (const PlanAction &action : actions) {
            if (action.kind == kind) {
                *changes = kind != Kind::Keep;
                return PlanAction::kindName(kind);
            }
        }
    }
    return {};
}

} // namespace

DeployModel::DeployModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_ticker(new QTimer(this))
{
    m_ticker->setInterval(200);
    connect(m_ticker, &QTimer::timeout, this, &DeployModel::tick);
}

DeployModel::~DeployModel() = default;

QString DeployModel::formatElapsed(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    if (ms < 60000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString DeployModel::stateText(const ServiceRollout &rollout)
{
    const QString &detail = rollout.detail;
    switch (rollout.state) {
    case RolloutState::Pending:
        return detail.isEmpty() ? tr("pending") : tr("pending: %1").arg(detail);
    case RolloutState::Waiting:
        return detail.isEmpty() ? tr("waiting") : detail; // "waiting on postgres, redis"
    case RolloutState::Creating:
        return detail.isEmpty() ? tr("creating") : detail; // "creating", "recreating: config changed"
    case RolloutState::Starting:
        return detail.isEmpty() ? tr("starting") : detail; // "starting", "restarting: ..."
    case RolloutState::Probing:
        return detail.isEmpty() ? tr("probing") : detail; // "probing its healthcheck"
    case RolloutState::Ready:
        return detail.isEmpty() ? tr("ready") : tr("ready: %1").arg(detail);
    case RolloutState::Failed:
        return detail.isEmpty() ? tr("failed") : tr("failed: %1").arg(detail);
    case RolloutState::Skipped:
        return detail.isEmpty() ? tr("skipped") : tr("skipped: %1").arg(detail);
    }
    return {};
}

void DeployModel::setPlan(const DeployPlan &plan)
{
    beginResetModel();
    forget();
    const QStringList names = plan.graph.phaseNames();
    m_phases.resize(size_t(names.size()));
    for (int phase = 0; phase < names.size(); ++phase) {
        PhaseNode &node = m_phases[size_t(phase)];
        node.name = names.at(phase);
        for (const QString &service : plan.graph.phaseServices(phase)) {
            ServiceNode entry;
            entry.rollout.service = service;
            entry.rollout.phase = phase;
            entry.rollout.readiness = plan.graph.readiness(service);
            entry.plannedAction = plannedAction(plan, service, &entry.plannedChange);
            node.services.push_back(std::move(entry));
        }
    }
    // Phases the selection left empty are of no interest.
    for (int phase = int(m_phases.size()) - 1; phase >= 0; --phase) {
        if (m_phases[size_t(phase)].services.empty())
            m_phases.erase(m_phases.begin() + phase);
    }
    for (int phase = 0; phase < int(m_phases.size()); ++phase) {
        for (int row = 0; row < int(m_phases[size_t(phase)].services.size()); ++row)
            m_where.insert(m_phases[size_t(phase)].services[size_t(row)].rollout.service, {phase, row});
    }
    endResetModel();
}

void DeployModel::clear()
{
    beginResetModel();
    forget();
    endResetModel();
}

void DeployModel::forget()
{
    m_ticker->stop();
    m_running = false;
    m_clock.invalidate();
    m_phases.clear();
    m_where.clear();
}

void DeployModel::start()
{
    m_clock.start();
    m_running = true;
    m_ticker->start();
}

void DeployModel::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_ticker->stop();
    for (PhaseNode &phase : m_phases) {
        for (ServiceNode &node : phase.services) {
            if (node.endedMs < 0 && node.rollout.startedMs >= 0 && m_clock.isValid())
                node.endedMs = m_clock.elapsed();
        }
    }
    tick();
}

void DeployModel::updateService(const ServiceRollout &rollout)
{
    const auto where = m_where.find(rollout.service);
    if (where == m_where.end())
        return;
    ServiceNode &node = m_phases[size_t(where->first)].services[size_t(where->second)];
    const bool wasDone = node.rollout.isDone();
    const QString previousAction = node.rollout.action;
    node.rollout = rollout;
    if (rollout.isDone() && !wasDone && m_clock.isValid())
        node.endedMs = m_clock.elapsed();
    if (!rollout.isDone())
        node.endedMs = -1;
    if (rollout.action.isEmpty())
        node.rollout.action = previousAction;
    const QModelIndex phase = index(where->first, 0);
    Q_EMIT dataChanged(index(where->second, 0, phase), index(where->second, ColumnCount - 1, phase));
    Q_EMIT dataChanged(phase, index(where->first, ColumnCount - 1));
}

void DeployModel::setContainerHealth(const QString &service, const QString &containerId, const QString &health)
{
    const auto where = m_where.find(service);
    if (where == m_where.end())
        return;
    ServiceNode &node = m_phases[size_t(where->first)].services[size_t(where->second)];
    if (node.health.value(containerId) == health && node.health.contains(containerId))
        return;
    node.health.insert(containerId, health);
    const QModelIndex phase = index(where->first, 0);
    const QModelIndex cell = index(where->second, Health, phase);
    Q_EMIT dataChanged(cell, cell);
}

QStringList DeployModel::services() const
{
    QStringList out;
    for (const PhaseNode &phase : m_phases) {
        for (const ServiceNode &node : phase.services)
            out.append(node.rollout.service);
    }
    return out;
}

QStringList DeployModel::phaseNames() const
{
    QStringList out;
    for (const PhaseNode &phase : m_phases)
        out.append(phase.name);
    return out;
}

const ServiceRollout *DeployModel::rollout(const QString &service) const
{
    const auto where = m_where.find(service);
    if (where == m_where.end())
        return nullptr;
    return &m_phases[size_t(where->first)].services[size_t(where->second)].rollout;
}

QModelIndex DeployModel::indexOfService(const QString &service, int column) const
{
    const auto where = m_where.find(service);
    if (where == m_where.end())
        return {};
    return index(where->second, column, index(where->first, 0));
}

QModelIndex DeployModel::indexOfPhase(int phase, int column) const
{
    return index(phase, column);
}

bool DeployModel::allDone() const
{
    for (const PhaseNode &phase : m_phases) {
        for (const ServiceNode &node : phase.services) {
            if (!node.rollout.isDone())
                return false;
        }
    }
    return !m_phases.empty();
}

int DeployModel::readyCount() const
{
    int ready = 0;
    for (const PhaseNode &phase : m_phases) {
        for (const ServiceNode &node : phase.services)
            ready += node.rollout.state == RolloutState::Ready;
    }
    return ready;
}

QModelIndex DeployModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_phases.size()) ? createIndex(row, column, PhaseId) : QModelIndex();
    if (parent.internalId() != PhaseId || parent.row() >= int(m_phases.size()))
        return {};
    const PhaseNode &phase = m_phases[size_t(parent.row())];
    return row < int(phase.services.size()) ? createIndex(row, column, quintptr(parent.row()) + 1) : QModelIndex();
}

QModelIndex DeployModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == PhaseId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, PhaseId);
}

int DeployModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_phases.size());
    if (parent.column() != 0 || parent.internalId() != PhaseId || parent.row() >= int(m_phases.size()))
        return 0;
    return int(m_phases[size_t(parent.row())].services.size());
}

int DeployModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const DeployModel::ServiceNode *DeployModel::serviceAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == PhaseId)
        return nullptr;
    const size_t phase = size_t(index.internalId() - 1);
    if (phase >= m_phases.size() || size_t(index.row()) >= m_phases[phase].services.size())
        return nullptr;
    return &m_phases[phase].services[size_t(index.row())];
}

qint64 DeployModel::elapsedOf(const ServiceNode &node) const
{
    const ServiceRollout &r = node.rollout;
    if (r.startedMs < 0)
        return -1;
    if (r.state == RolloutState::Ready && r.durationMs > 0)
        return r.durationMs;
    if (node.endedMs >= 0)
        return std::max<qint64>(0, node.endedMs - r.startedMs);
    if (m_clock.isValid())
        return std::max<qint64>(0, m_clock.elapsed() - r.startedMs);
    return -1;
}

QString DeployModel::healthOf(const ServiceNode &node) const
{
    // The worst of its containers': unhealthy, then starting, then healthy.
    QString out;
    for (const QString &health : node.health) {
        if (health == u"unhealthy")
            return health;
        if (health == u"starting" || out.isEmpty())
            out = health;
    }
    return out;
}

bool DeployModel::changed(const ServiceNode &node) const
{
    const QString &action = node.rollout.action;
    if (!action.isEmpty())
        return action != u"unchanged";
    return node.plannedChange;
}

ServiceRollout::State DeployModel::phaseState(const PhaseNode &phase) const
{
    bool anyFailed = false, allReady = true, allDoneHere = true, anyActive = false, anyWaiting = false;
    for (const ServiceNode &node : phase.services) {
        const RolloutState s = node.rollout.state;
        anyFailed = anyFailed || s == RolloutState::Failed;
        allReady = allReady && s == RolloutState::Ready;
        allDoneHere = allDoneHere && node.rollout.isDone();
        anyActive = anyActive || inProgress(node.rollout);
        anyWaiting = anyWaiting || s == RolloutState::Waiting;
    }
    if (anyFailed)
        return RolloutState::Failed;
    if (allReady)
        return RolloutState::Ready;
    if (allDoneHere)
        return RolloutState::Skipped;
    if (anyActive)
        return RolloutState::Probing;
    if (anyWaiting)
        return RolloutState::Waiting;
    // Some ready, the rest pending: the phase is under way.
    for (const ServiceNode &node : phase.services) {
        if (node.rollout.state == RolloutState::Ready)
            return RolloutState::Probing;
    }
    return RolloutState::Pending;
}

QVariant DeployModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (const ServiceNode *node = serviceAt(index))
        return serviceData(*node, index.column(), role);
    return phaseData(index.row(), index.column(), role);
}

QVariant DeployModel::serviceData(const ServiceNode &node, int column, int role) const
{
    const ServiceRollout &r = node.rollout;
    switch (role) {
    case KindRole:
        return int(Kind::Service);
    case StateRole:
        return int(r.state);
    case ServiceRole:
        return r.service;
    case PhaseRole:
        return r.phase;
    case ChangedRole:
        return changed(node);
    case ActionDoneRole:
        return !r.action.isEmpty();
    case HealthRole:
        return healthOf(node);
    case InProgressRole:
        return inProgress(r);
    case Qt::ToolTipRole: {
        QStringList lines{tr("%1: %2").arg(r.service, stateText(r)),
                          tr("Ready means: %1").arg(DependencyGraph::readinessName(r.readiness))};
        if (r.probeAttempts > 0)
            lines.append(tr("Health checks run by Stagehand: %1, last exit code %2%3")
                             .arg(r.probeAttempts)
                             .arg(r.lastProbeExitCode)
                             .arg(r.lastProbeOutput.isEmpty() ? QString() : QStringLiteral(": ") + r.lastProbeOutput));
        for (const QString &id : r.containerIds)
            lines.append(tr("Container %1").arg(id.left(12)));
        return lines.join(u'\n');
    }
    case Qt::DisplayRole:
        switch (column) {
        case Name:
            return r.service;
        case State:
            // Before a deploy, the rows only show the environment's services: no state yet.
            return r.state == RolloutState::Pending && !m_clock.isValid() ? QString() : stateText(r);
        case Action:
            return r.action.isEmpty() ? node.plannedAction : r.action;
        case Elapsed: {
            const qint64 ms = elapsedOf(node);
            return ms < 0 ? QString() : formatElapsed(ms);
        }
        case Health: {
            const QString health = healthOf(node);
            return health == u"none" ? tr("no healthcheck") : health;
        }
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (column == Elapsed)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant DeployModel::phaseData(int phaseIndex, int column, int role) const
{
    const PhaseNode &phase = m_phases[size_t(phaseIndex)];
    int ready = 0;
    bool anyChanged = false;
    qint64 first = -1, last = -1;
    bool running = false;
    for (const ServiceNode &node : phase.services) {
        ready += node.rollout.state == RolloutState::Ready;
        anyChanged = anyChanged || changed(node);
        const qint64 elapsed = elapsedOf(node);
        if (elapsed < 0)
            continue;
        first = first < 0 ? node.rollout.startedMs : std::min(first, node.rollout.startedMs);
        last = std::max(last, node.rollout.startedMs + elapsed);
        running = running || !node.rollout.isDone();
    }
    const int total = int(phase.services.size());
    switch (role) {
    case KindRole:
        return int(Kind::Phase);
    case StateRole:
        return int(phaseState(phase));
    case PhaseRole:
        return phaseIndex;
    case ServiceRole:
        return QString();
    case ChangedRole:
        return anyChanged;
    case ReadyFractionRole:
        return total > 0 ? double(ready) / double(total) : 0.0;
    case InProgressRole:
        return running;
    case Qt::ToolTipRole:
        return tr("Phase %1 of %2: every service of a phase is ready before the next phase starts")
            .arg(phaseIndex + 1)
            .arg(m_phases.size());
    case Qt::DisplayRole:
        switch (column) {
        case Name:
            return phase.name;
        case State: {
            const RolloutState s = phaseState(phase);
            if (s == RolloutState::Failed)
                return tr("failed (%1 of %n ready)", nullptr, total).arg(ready);
            if (s == RolloutState::Pending)
                return m_clock.isValid() ? tr("pending") : QString();
            return tr("%1 of %n ready", nullptr, total).arg(ready);
        }
        case Elapsed:
            return first < 0 ? QString() : formatElapsed(last - first);
        default:
            return QString();
        }
    case Qt::TextAlignmentRole:
        if (column == Elapsed)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant DeployModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Phase / Service");
    case State: return tr("State");
    case Action: return tr("Action");
    case Elapsed: return tr("Elapsed");
    case Health: return tr("Engine health");
    default: return {};
    }
}

void DeployModel::tick()
{
    for (int phase = 0; phase < int(m_phases.size()); ++phase) {
        const QModelIndex parent = index(phase, 0);
        bool any = false;
        const auto &services = m_phases[size_t(phase)].services;
        for (int row = 0; row < int(services.size()); ++row) {
            if (services[size_t(row)].rollout.startedMs >= 0 && (!services[size_t(row)].rollout.isDone() || !m_running)) {
                const QModelIndex cell = index(row, Elapsed, parent);
                Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole});
                any = true;
            }
        }
        if (any) {
            const QModelIndex cell = index(phase, Elapsed);
            Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole});
        }
    }
}

} // namespace stagehand
