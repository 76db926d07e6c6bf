#include "deploy/Teardown.h"

#include "deploy/DependencyGraph.h"
#include "docker/ComposeMatcher.h"
#include "docker/DockerClient.h"
#include "docker/WhenFinished.h"

namespace stagehand {

Teardown::Teardown(DockerClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

Teardown::~Teardown() = default;

void Teardown::start(const ComposeModel &model, const QList<DeployPhase> &phases, bool removeVolumes)
{
    m_project = model.name;
    m_removeVolumes = removeVolumes;
    // Who must stop before whom: the reverse of the start order's waits.
    Diagnostics ignored;
    const DependencyGraph graph = DependencyGraph::build(model, phases, {}, &ignored);
    if (graph.isValid()) {
        for (const QString &service : graph.order()) {
            m_waitFor.insert(service, graph.dependents(service));
            // Later phases stop before earlier ones.
            for (const QString &other : graph.order()) {
                if (graph.phaseOf(other) > graph.phaseOf(service) && !m_waitFor[service].contains(other))
                    m_waitFor[service].append(other);
            }
        }
    }
    if (!m_client)
        return fail(QStringLiteral("connecting"), EngineError{EngineError::Kind::Unreachable, 0, QStringLiteral("no engine"), {}});
    whenFinished(this, m_client->listContainers(true, ComposeMatcher::filters(m_project)),
                 [this](const EngineResult<QList<ContainerSummary>> &listed) {
                     if (!listed.ok())
                         return fail(QStringLiteral("listing the project's containers"), listed.error);
                     for (const ContainerSummary &container : *listed) {
                         // One-offs and orphans have no place in the graph: they stop first.
                         const QString key = ComposeMatcher::isOneOff(container) || !m_waitFor.contains(container.composeService())
                             ? QStringLiteral("\x01") + container.name()
                             : container.composeService();
                         m_containers[key].append(container.id);
                         m_names.insert(container.id, container.name());
                     }
                     // Services with no container have nothing to stop.
                     for (const QString &service : m_waitFor.keys()) {
                         if (!m_containers.contains(service))
                             m_stopped.append(service);
                     }
                     stopReady();
                 });
}

void Teardown::stopReady()
{
    if (m_finished)
        return;
    for (auto it = m_containers.cbegin(); it != m_containers.cend(); ++it) {
        const QString key = it.key();
        if (m_stopped.contains(key) || m_stopping.contains(key))
            continue;
        const QStringList before = m_waitFor.value(key);
        if (!std::all_of(before.begin(), before.end(), [&](const QString &s) { return m_stopped.contains(s); }))
            continue;
        m_stopping.append(key);
        const QStringList ids = it.value();
        auto remaining = std::make_shared<int>(int(ids.size()));
        for (const QString &id : ids) {
            Q_EMIT step(QStringLiteral("stopping %1").arg(m_names.value(id)));
            whenFinished(this, m_client->stopContainer(id), [this, key, remaining, id](const EngineStatus &status) {
                if (m_finished)
                    return;
                if (!status.ok() && status.error.httpStatus != 304 && status.error.httpStatus != 404)
                    return fail(QStringLiteral("stopping %1").arg(m_names.value(id)), status.error);
                if (--*remaining > 0)
                    return;
                m_stopping.removeAll(key);
                m_stopped.append(key);
                stopReady();
            });
        }
    }
    const bool allStopped = std::all_of(m_containers.keyBegin(), m_containers.keyEnd(), [&](const QString &k) { return m_stopped.contains(k); });
    if (allStopped && m_stopping.isEmpty())
        removeContainers();
}

void Teardown::removeContainers()
{
    if (m_finished)
        return;
    m_pending = 1;
    auto settled = [this] {
        if (!m_finished && --m_pending == 0)
            removeNetworks();
    };
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        const QString id = it.key();
        const QString name = it.value();
        ++m_pending;
        Q_EMIT step(QStringLiteral("removing %1").arg(name));
        whenFinished(this, m_client->removeContainer(id, true), [this, name, settled](const EngineStatus &status) {
            if (m_finished)
                return;
            if (!status.ok() && status.error.httpStatus != 404)
                return fail(QStringLiteral("removing %1").arg(name), status.error);
            m_result.removedContainers.append(name);
            settled();
        });
    }
    settled();
}

void Teardown::removeNetworks()
{
    m_pending = 1;
    auto settled = [this] {
        if (!m_finished && --m_pending == 0)
            removeVolumes();
    };
    whenFinished(this, m_client->listNetworks(ComposeMatcher::filters(m_project)),
                 [this, settled](const EngineResult<QList<NetworkSummary>> &networks) {
                     if (!networks.ok())
                         return fail(QStringLiteral("listing the project's networks"), networks.error);
                     for (const NetworkSummary &network : *networks) {
                         ++m_pending;
                         const QString name = network.name;
                         Q_EMIT step(QStringLiteral("removing network %1").arg(name));
                         whenFinished(this, m_client->removeNetwork(network.id), [this, name, settled](const EngineStatus &status) {
                             if (m_finished)
                                 return;
                             if (!status.ok() && status.error.httpStatus != 404)
                                 return fail(QStringLiteral("removing network %1").arg(name), status.error);
                             m_result.removedNetworks.append(name);
                             settled();
                         });
                     }
                     settled();
                 });
}

void Teardown::removeVolumes()
{
    whenFinished(this, m_client->listVolumes(ComposeMatcher::filters(m_project)), [this](const EngineResult<QList<VolumeSummary>> &volumes) {
        if (!volumes.ok())
            return fail(QStringLiteral("listing the project's volumes"), volumes.error);
        if (!m_removeVolumes) {
            for (const VolumeSummary &volume : *volumes)
                m_result.keptVolumes.append(volume.name);
            return done();
        }
        m_pending = 1;
        auto settled = [this] {
            if (!m_finished && --m_pending == 0)
                done();
        };
        for (const VolumeSummary &volume : *volumes) {
            ++m_pending;
            const QString name = volume.name;
            Q_EMIT step(QStringLiteral("removing volume %1").arg(name));
            whenFinished(this, m_client->removeVolume(name), [this, name, settled](const EngineStatus &status) {
                if (m_finished)
                    return;
                if (!status.ok() && status.error.httpStatus != 404)
                    return fail(QStringLiteral("removing volume %1").arg(name), status.error);
                m_result.removedVolumes.append(name);
                settled();
            });
        }
        settled();
    });
}

void Teardown::fail(const QString &what, const EngineError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.ok = false;
    m_result.message = QStringLiteral("%1: %2").arg(what, error.toString());
    Q_EMIT finished(m_result);
}

void Teardown::done()
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.removedContainers.sort();
    m_result.removedNetworks.sort();
    m_result.removedVolumes.sort();
    Q_EMIT finished(m_result);
}

} // namespace stagehand
