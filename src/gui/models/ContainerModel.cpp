#include "models/ContainerModel.h"

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "engine/EngineCall.h"
#include "models/ContainerColumns.h"
#include "models/ContainerStatsTracker.h"

#include <QTimer>

#include <algorithm>

namespace stagehand {
namespace {

bool changesState(const QString &action)
{
    static const QSet<QString> actions{QStringLiteral("create"), QStringLiteral("start"),   QStringLiteral("restart"),
                                       QStringLiteral("stop"),   QStringLiteral("die"),     QStringLiteral("kill"),
                                       QStringLiteral("pause"),  QStringLiteral("unpause"), QStringLiteral("rename"),
                                       QStringLiteral("update"), QStringLiteral("oom")};
    return actions.contains(action) || action.startsWith(QLatin1String("health_status"));
}

} // namespace

struct ContainerModel::Node {
    Kind kind = Kind::Project;
    QString key;        // project, service or container id
    bool other = false; // the "Other containers" group
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    ContainerInfo info;

    int row() const
    {
        if (!parent)
            return 0;
        const auto it = std::find_if(parent->children.cbegin(), parent->children.cend(),
                                     [this](const std::unique_ptr<Node> &n) { return n.get() == this; });
        return int(it - parent->children.cbegin());
    }
    template <typename F> void forEachContainer(F f) const
    {
        for (const auto &child : children) {
            if (child->kind == Kind::Container)
                f(child->info);
            else
                child->forEachContainer(f);
        }
    }
};

ContainerModel::ContainerModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_stats(new ContainerStatsTracker(this))
    , m_uptimeTimer(new QTimer(this))
{
    connect(m_stats, &ContainerStatsTracker::sampleReceived, this, &ContainerModel::onSample);
    // Uptime is derived from StartedAt and the clock: repaint it now and then (no engine request).
    m_uptimeTimer->setInterval(15000);
    connect(m_uptimeTimer, &QTimer::timeout, this, [this] {
        for (Node *node : std::as_const(m_byId)) {
            if (node->info.startedAt.isValid())
                emitRowChanged(node, Uptime, Uptime);
        }
    });
    m_uptimeTimer->start();
}

ContainerModel::~ContainerModel()
{
    delete m_events;
}

void ContainerModel::setClient(DockerClient *client)
{
    ++m_generation;
    delete m_events;
    m_events = nullptr;
    m_stats->setClient(client);
    m_client = client;
    clear();
    if (!client)
        return;
    EventOptions options;
    options.filters.insert(QStringLiteral("type"), {QStringLiteral("container")});
    m_events = client->events(options, nullptr);
    // started: first time and after every resume; the list after it misses no event.
    connect(m_events, &EngineStream::started, this, &ContainerModel::reconcile);
    connect(m_events, &EngineStream::eventReceived, this, &ContainerModel::onEvent);
}

DockerClient *ContainerModel::client() const
{
    return m_client;
}

void ContainerModel::setStatsScope(const QString &project, int cap)
{
    m_statsProject = project;
    m_statsCap = cap;
    updateStatsScope();
}

QStringList ContainerModel::statsTracked() const
{
    return m_stats->tracked();
}

void ContainerModel::clear()
{
    beginResetModel();
    m_root->children.clear();
    m_byId.clear();
    endResetModel();
    m_inspecting.clear();
    m_inspectAgain.clear();
    m_destroyed.clear();
    m_loaded = false;
}

void ContainerModel::reconcile()
{
    if (!m_client)
        return;
    const quint64 generation = m_generation;
    whenDone(this, m_client->listContainers(true), [this, generation](const EngineResult<QList<ContainerSummary>> &result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            Q_EMIT engineError(result.error.toString());
            return;
        }
        QSet<QString> seen;
        for (const ContainerSummary &summary : *result) {
            seen.insert(summary.id);
            if (m_destroyed.contains(summary.id))
                continue;
            const Node *before = m_byId.value(summary.id);
            const bool knewStart = before && before->info.startedAt.isValid() && before->info.state == summary.state;
            upsert(ContainerInfo::fromSummary(summary));
            if (summary.state == u"running" && !knewStart)
                inspect(summary.id); // StartedAt and the health as inspect says
        }
        const QStringList ids = m_byId.keys();
        for (const QString &id : ids) {
            if (!seen.contains(id) && !m_inspecting.contains(id))
                remove(id);
        }
        m_loaded = true;
        Q_EMIT loaded();
    });
}

void ContainerModel::onEvent(const EngineEvent &event)
{
    if (event.type != u"container" || event.actorId.isEmpty())
        return;
    if (event.action == u"destroy") {
        m_destroyed.insert(event.actorId);
        remove(event.actorId);
        return;
    }
    if (!changesState(event.action))
        return; // exec_*, attach, resize, top, archive-path, ...
    if (event.action == u"die") {
        // Stopped: its stats stream closes now, and stays closed until inspect says how it is.
        if (Node *node = m_byId.value(event.actorId); node && node->info.state == u"running") {
            node->info.state = QStringLiteral("exited");
            node->info.startedAt = {};
            emitRowChanged(node);
        }
        m_stats->untrack(event.actorId);
        updateStatsScope();
    }
    inspect(event.actorId);
}

void ContainerModel::inspect(const QString &id)
{
    if (!m_client)
        return;
    if (m_inspecting.contains(id)) {
        m_inspectAgain.insert(id);
        return;
    }
    m_inspecting.insert(id);
    const quint64 generation = m_generation;
    whenDone(this, m_client->inspectContainer(id), [this, generation, id](const EngineResult<ContainerDetails> &result) {
        if (generation != m_generation)
            return;
        m_inspecting.remove(id);
        if (result.ok())
            upsert(ContainerInfo::fromDetails(*result));
        else if (result.error.httpStatus == 404)
            remove(id);
        if (m_inspectAgain.remove(id))
            inspect(id);
    });
}

void ContainerModel::upsert(ContainerInfo info)
{
    if (info.id.isEmpty() || m_destroyed.contains(info.id))
        return;
    if (Node *existing = m_byId.value(info.id)) {
        const ContainerInfo &old = existing->info;
        if (old.hasStats && info.isRunning()) {
            info.hasStats = true;
            info.cpuPercent = old.cpuPercent;
            info.memoryUsage = old.memoryUsage;
            info.memoryLimit = old.memoryLimit;
        }
        if (!info.startedAt.isValid() && info.isRunning() && old.isRunning())
            info.startedAt = old.startedAt; // a list entry has no StartedAt
        if (old.project() == info.project() && old.service() == info.service()) {
            const bool changed = old.state != info.state || old.health != info.health || old.name != info.name;
            existing->info = std::move(info);
            emitRowChanged(existing);
            if (changed)
                Q_EMIT containersChanged();
            updateStatsScope();
            return;
        }
        m_byId.remove(info.id);
        removeNode(existing);
    }
    Node *holder = groupFor(info, true);
    const int row = int(holder->children.size());
    beginInsertRows(indexOf(holder), row, row);
    auto node = std::make_unique<Node>();
    node->kind = Kind::Container;
    node->key = info.id;
    node->parent = holder;
    node->info = std::move(info);
    Node *raw = node.get();
    holder->children.push_back(std::move(node));
    m_byId.insert(raw->key, raw);
    endInsertRows();
    emitRowChanged(holder);
    Q_EMIT containersChanged();
    updateStatsScope();
}

void ContainerModel::remove(const QString &id)
{
    Node *node = m_byId.take(id);
    m_stats->untrack(id);
    if (!node)
        return;
    removeNode(node);
    Q_EMIT containersChanged();
    updateStatsScope();
}

void ContainerModel::removeNode(Node *node)
{
    Node *parent = node->parent;
    const int row = node->row();
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
    if (parent != m_root.get() && parent->children.empty())
        removeNode(parent);
    else
        emitRowChanged(parent);
}

ContainerModel::Node *ContainerModel::groupFor(const ContainerInfo &info, bool create)
{
    const QString project = info.project();
    const bool other = project.isEmpty();
    auto find = [](Node *parent, const QString &key, Kind kind, bool otherGroup) -> Node * {
        for (const auto &child : parent->children) {
            if (child->kind == kind && child->key == key && child->other == otherGroup)
                return child.get();
        }
        return nullptr;
    };
    auto add = [this](Node *parent, const QString &key, Kind kind, bool otherGroup) {
        const int row = int(parent->children.size());
        beginInsertRows(indexOf(parent), row, row);
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->key = key;
        node->other = otherGroup;
        node->parent = parent;
        Node *raw = node.get();
        parent->children.push_back(std::move(node));
        endInsertRows();
        return raw;
    };
    Node *group = find(m_root.get(), project, Kind::Project, other);
    if (!group && !create)
        return nullptr;
    if (!group)
        group = add(m_root.get(), project, Kind::Project, other);
    if (other)
        return group;
    Node *service = find(group, info.service(), Kind::Service, false);
    if (!service && create)
        service = add(group, info.service(), Kind::Service, false);
    return service;
}

void ContainerModel::onSample(const QString &id, const StatsSample &sample)
{
    Node *node = m_byId.value(id);
    if (!node)
        return;
    ContainerInfo &info = node->info;
    if (sample.hasPreviousCpu)
        info.cpuPercent = sample.cpuPercent;
    info.memoryUsage = sample.memoryUsage;
    info.memoryLimit = sample.memoryLimit;
    info.hasStats = true;
    emitRowChanged(node, Cpu, Memory);
}

void ContainerModel::updateStatsScope()
{
    QList<const ContainerInfo *> candidates;
    for (const Node *node : std::as_const(m_byId)) {
        const ContainerInfo &c = node->info;
        if (c.state == u"running" && (m_statsProject.isEmpty() || c.project() == m_statsProject))
            candidates.append(&c);
    }
    std::sort(candidates.begin(), candidates.end(), [](const ContainerInfo *a, const ContainerInfo *b) {
        return std::pair(a->project(), a->name) < std::pair(b->project(), b->name);
    });
    QStringList wanted;
    for (const ContainerInfo *c : std::as_const(candidates)) {
        if (wanted.size() >= m_statsCap)
            break;
        wanted.append(c->id);
    }
    m_stats->setTracked(wanted);
    for (Node *node : std::as_const(m_byId)) {
        if (node->info.hasStats && !m_stats->isTracked(node->key)) {
            node->info.hasStats = false;
            node->info.cpuPercent = 0;
            node->info.memoryUsage = node->info.memoryLimit = 0;
            emitRowChanged(node, Cpu, Memory);
        }
    }
}

QModelIndex ContainerModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

void ContainerModel::emitRowChanged(const Node *node, int first, int last)
{
    for (; node && node != m_root.get(); node = node->parent)
        Q_EMIT dataChanged(indexOf(node, first), indexOf(node, last));
}

const ContainerInfo *ContainerModel::container(const QString &id) const
{
    const Node *node = m_byId.value(id);
    return node ? &node->info : nullptr;
}

const ContainerInfo *ContainerModel::container(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const auto *node = static_cast<const Node *>(index.internalPointer());
    return node->kind == Kind::Container ? &node->info : nullptr;
}

QModelIndex ContainerModel::indexOfContainer(const QString &id, int column) const
{
    return indexOf(m_byId.value(id), column);
}

QModelIndex ContainerModel::indexOfProject(const QString &project) const
{
    for (const auto &child : m_root->children) {
        if (child->key == project && child->other == project.isEmpty())
            return indexOf(child.get());
    }
    return {};
}

QList<ContainerSummary> ContainerModel::containers(const QString &project) const
{
    QList<ContainerSummary> out;
    for (const Node *node : std::as_const(m_byId)) {
        if (project.isNull() || node->info.project() == project)
            out.append(node->info.toSummary());
    }
    std::sort(out.begin(), out.end(), [](const ContainerSummary &a, const ContainerSummary &b) { return a.name() < b.name(); });
    return out;
}

QModelIndex ContainerModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *p = parent.isValid() ? static_cast<const Node *>(parent.internalPointer()) : m_root.get();
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex ContainerModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const auto *node = static_cast<const Node *>(child.internalPointer());
    return indexOf(node->parent);
}

int ContainerModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *p = parent.isValid() ? static_cast<const Node *>(parent.internalPointer()) : m_root.get();
    return int(p->children.size());
}

int ContainerModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ContainerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case State:
        return tr("State");
    case Health:
        return tr("Health");
    case Ports:
        return tr("Ports");
    case Image:
        return tr("Image");
    case Uptime:
        return tr("Uptime");
    case Cpu:
        return tr("CPU");
    case Memory:
        return tr("Memory");
    default:
        return {};
    }
}

QVariant ContainerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const auto *node = static_cast<const Node *>(index.internalPointer());
    if (role == KindRole)
        return int(node->kind);
    if (node->kind == Kind::Container)
        return ContainerColumns::containerData(node->info, index.column(), role);
    return ContainerColumns::groupData(totals(node), index.column(), role);
}

ContainerGroupTotals ContainerModel::totals(const Node *node) const
{
    ContainerGroupTotals g;
    g.project = node->kind == Kind::Project;
    g.other = node->other;
    g.key = node->key;
    g.projectKey = g.project ? node->key : node->parent->key;
    node->forEachContainer([&g](const ContainerInfo &c) { g.add(c); });
    return g;
}

} // namespace stagehand
