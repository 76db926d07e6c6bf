#include "deploy/DependencyGraph.h"

#include <QSet>

#include <algorithm>

namespace stagehand {
namespace {

// Depth-first search for a cycle through the depends_on edges; the cycle's path when found.
class CycleFinder {
public:
    explicit CycleFinder(const QHash<QString, QList<ServiceDependency>> &edges)
        : m_edges(edges)
    {
    }

    QStringList find(const QStringList &services)
    {
        for (const QString &service : services) {
            if (visit(service))
                return m_cycle;
        }
        return {};
    }

private:
    bool visit(const QString &service)
    {
        const int state = m_state.value(service, 0);
        if (state == 2)
            return false;
        if (state == 1) {
            const qsizetype start = m_path.indexOf(service);
            m_cycle = m_path.mid(start);
            m_cycle.append(service);
            return true;
        }
        m_state.insert(service, 1);
        m_path.append(service);
        for (const ServiceDependency &dependency : m_edges.value(service)) {
            if (visit(dependency.service))
                return true;
        }
        m_path.removeLast();
        m_state.insert(service, 2);
        return false;
    }

    const QHash<QString, QList<ServiceDependency>> &m_edges;
    QHash<QString, int> m_state; // 0 unseen, 1 on the path, 2 done
    QStringList m_path;
    QStringList m_cycle;
};

} // namespace

DependencyGraph DependencyGraph::build(const ComposeModel &model, const QList<DeployPhase> &phases,
                                       const QStringList &selected, Diagnostics *diagnostics)
{
    DependencyGraph graph;
    Diagnostics found;

    // The services of the deploy: those asked for and, transitively, what they depend on.
    QStringList wanted = selected.isEmpty() ? model.services.keys() : selected;
    for (const QString &name : std::as_const(wanted)) {
        if (!model.services.contains(name))
            found.append(Diagnostic::error({}, QStringLiteral("no service '%1' in the environment's files").arg(name)));
    }
    QSet<QString> included;
    QStringList queue;
    for (const QString &name : std::as_const(wanted)) {
        if (model.services.contains(name) && !included.contains(name)) {
            included.insert(name);
            queue.append(name);
        }
    }
    while (!queue.isEmpty()) {
        const Service &service = model.services[queue.takeFirst()];
        QList<ServiceDependency> edges;
        for (const ServiceDependency &dependency : service.dependsOn) {
            if (!model.services.contains(dependency.service)) {
                if (dependency.required) {
                    found.append(Diagnostic::error(dependency.location,
                                                   QStringLiteral("service '%1' depends on '%2', which is not defined")
                                                       .arg(service.name, dependency.service)));
                } else {
                    found.append(Diagnostic::warning(dependency.location,
                                                     QStringLiteral("service '%1' depends on '%2' (required: false), which is not "
                                                                    "defined: not waited for")
                                                         .arg(service.name, dependency.service)));
                }
                continue;
            }
            edges.append(dependency);
            if (!included.contains(dependency.service)) {
                included.insert(dependency.service);
                queue.append(dependency.service);
            }
        }
        graph.m_dependencies.insert(service.name, edges);
    }

    // Readiness: healthy with a healthcheck that runs; completed when someone waits for that.
    for (const QString &name : std::as_const(included)) {
        const Service &service = model.services[name];
        const bool checked = service.healthcheck && !service.healthcheck->disable && !service.healthcheck->test.isEmpty()
            && service.healthcheck->test.first() != QLatin1String("NONE");
        graph.m_readiness.insert(name, checked ? Readiness::Healthy : Readiness::Running);
    }
    for (auto it = graph.m_dependencies.cbegin(); it != graph.m_dependencies.cend(); ++it) {
        for (const ServiceDependency &dependency : it.value()) {
            if (dependency.condition == ServiceDependency::Condition::CompletedSuccessfully)
                graph.m_readiness.insert(dependency.service, Readiness::Completed);
        }
    }

    // Phases: the project's, in order, then one for the services none of them names.
    QStringList serviceOrder = model.services.keys(); // the model's (sorted) order, for stable output
    for (const DeployPhase &phase : phases) {
        const int index = int(graph.m_phaseNames.size());
        graph.m_phaseNames.append(phase.name);
        for (const QString &name : phase.services) {
            if (!model.services.contains(name)) {
                found.append(Diagnostic::warning(phase.location, QStringLiteral("phase '%1' names '%2', which this environment "
                                                                                "does not define")
                                                                     .arg(phase.name, name)));
                continue;
            }
            if (graph.m_phaseOf.contains(name)) {
                found.append(Diagnostic::error(phase.location, QStringLiteral("service '%1' is in phase '%2' and in phase '%3'")
                                                                   .arg(name, graph.m_phaseNames.at(graph.m_phaseOf.value(name)),
                                                                        phase.name)));
                continue;
            }
            if (included.contains(name))
                graph.m_phaseOf.insert(name, index);
        }
    }
    bool unphased = false;
    for (const QString &name : std::as_const(serviceOrder)) {
        if (included.contains(name) && !graph.m_phaseOf.contains(name)) {
            if (!unphased) {
                graph.m_phaseNames.append(phases.isEmpty() ? QStringLiteral("services") : QStringLiteral("other services"));
                unphased = true;
            }
            graph.m_phaseOf.insert(name, int(graph.m_phaseNames.size() - 1));
        }
    }

    // A dependency on a service of a later phase can never be met.
    for (auto it = graph.m_dependencies.cbegin(); it != graph.m_dependencies.cend(); ++it) {
        for (const ServiceDependency &dependency : it.value()) {
            const int mine = graph.m_phaseOf.value(it.key());
            const int theirs = graph.m_phaseOf.value(dependency.service);
            if (theirs > mine) {
                found.append(Diagnostic::error(dependency.location,
                                               QStringLiteral("service '%1' (phase '%2') depends on '%3', which is in the later "
                                                              "phase '%4'")
                                                   .arg(it.key(), graph.m_phaseNames.at(mine), dependency.service,
                                                        graph.m_phaseNames.at(theirs))));
            }
        }
    }

    QStringList all;
    for (const QString &name : std::as_const(serviceOrder)) {
        if (included.contains(name))
            all.append(name);
    }
    const QStringList cycle = CycleFinder(graph.m_dependencies).find(all);
    if (!cycle.isEmpty()) {
        SourceLocation where;
        for (const ServiceDependency &dependency : graph.m_dependencies.value(cycle.at(0))) {
            if (dependency.service == cycle.value(1))
                where = dependency.location;
        }
        found.append(Diagnostic::error(where, QStringLiteral("dependency cycle: %1").arg(cycle.join(QStringLiteral(" -> ")))));
    }

    // Start order: phase by phase; within a phase, a service after what it depends on (Kahn's
    // algorithm, ties in the model's order).
    if (!hasErrors(found)) {
        QSet<QString> placed;
        for (int phase = 0; phase < graph.m_phaseNames.size(); ++phase) {
            QStringList pending;
            for (const QString &name : std::as_const(all)) {
                if (graph.m_phaseOf.value(name) == phase)
                    pending.append(name);
            }
            while (!pending.isEmpty()) {
                const auto ready = std::find_if(pending.begin(), pending.end(), [&](const QString &name) {
                    const QList<ServiceDependency> edges = graph.m_dependencies.value(name);
                    return std::all_of(edges.begin(), edges.end(),
                                       [&](const ServiceDependency &d) { return placed.contains(d.service); });
                });
                Q_ASSERT(ready != pending.end()); // no cycle
                placed.insert(*ready);
                graph.m_order.append(*ready);
                pending.erase(ready);
            }
        }
    }

    graph.m_valid = !hasErrors(found);
    if (diagnostics)
        diagnostics->append(found);
    return graph;
}

QStringList DependencyGraph::dependents(const QString &service, bool transitive) const
{
    QSet<QString> found{service};
    bool grew = true;
    while (grew) {
        grew = false;
        for (auto it = m_dependencies.cbegin(); it != m_dependencies.cend(); ++it) {
            if (found.contains(it.key()))
                continue;
            for (const ServiceDependency &dependency : it.value()) {
                if (dependency.service == service || (transitive && found.contains(dependency.service))) {
                    found.insert(it.key());
                    grew = true;
                    break;
                }
            }
        }
        if (!transitive)
            break;
    }
    QStringList out;
    for (const QString &name : m_order) {
        if (name != service && found.contains(name))
            out.append(name);
    }
    return out;
}

QStringList DependencyGraph::phaseServices(int phase) const
{
    QStringList out;
    for (const QString &name : m_order) {
        if (m_phaseOf.value(name) == phase)
            out.append(name);
    }
    return out;
}

QStringList DependencyGraph::prerequisites(const QString &service) const
{
    QStringList out;
    const int mine = phaseOf(service);
    for (const QString &name : m_order) {
        if (m_phaseOf.value(name) < mine)
            out.append(name);
    }
    for (const ServiceDependency &dependency : m_dependencies.value(service)) {
        if (!out.contains(dependency.service))
            out.append(dependency.service);
    }
    return out;
}

QStringList DependencyGraph::stopOrder() const
{
    QStringList out = m_order;
    std::reverse(out.begin(), out.end());
    return out;
}

QString DependencyGraph::readinessName(Readiness readiness)
{
    switch (readiness) {
    case Readiness::Running:
        return QStringLiteral("running");
    case Readiness::Healthy:
        return QStringLiteral("healthy");
    case Readiness::Completed:
        return QStringLiteral("completed");
    }
    return {};
}

} // namespace stagehand
