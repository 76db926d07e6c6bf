#pragma once

#include "model/ComposeModel.h"
#include "model/DeployPhase.h"
#include "model/ServiceDependency.h"
#include "util/Diagnostic.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace stagehand {

// The order in which an environment's services come up: the depends_on edges (with their
// conditions) and the project's phases, ordered barriers where every service of a phase is ready
// before any service of the next one starts. Services no phase names form a last, unnamed phase.
// Pure; built once per deploy. Cycles, dependencies on services that do not exist, phases naming
// unknown services and dependencies that point into a later phase are errors, found before
// anything starts.
class DependencyGraph {
public:
    // What a service must reach before the services waiting on it may start.
    enum class Readiness {
        Running,   // its container started
        Healthy,   // its healthcheck passed (Stagehand's probe or the engine's)
        Completed, // it ran to its end with exit code 0 (a one-shot: migrations, seeding)
    };

    // selected: the services asked for (empty: all); their dependencies are included, as
    // `docker compose up SERVICE` does. Errors go to *diagnostics (and isValid() is false).
    static DependencyGraph build(const ComposeModel &model, const QList<DeployPhase> &phases,
                                 const QStringList &selected, Diagnostics *diagnostics);

    bool isValid() const { return m_valid; }
    // The services of the deploy in a start order: phases in order, dependencies first within one.
    QStringList order() const { return m_order; }
    bool contains(const QString &service) const { return m_phaseOf.contains(service); }
    // The depends_on entries of a service that are part of the deploy.
    QList<ServiceDependency> dependencies(const QString &service) const { return m_dependencies.value(service); }
    // Services whose depends_on names this one; with transitive, theirs too (in start order).
    QStringList dependents(const QString &service, bool transitive = false) const;
    int phaseOf(const QString &service) const { return m_phaseOf.value(service, -1); }
    QStringList phaseNames() const { return m_phaseNames; }
    QStringList phaseServices(int phase) const;
    // What "ready" means for a service: healthy when it has a healthcheck; completed when a
    // dependent waits for its successful completion; else running.
    Readiness readiness(const QString &service) const { return m_readiness.value(service, Readiness::Running); }
    // The services a service waits for before it may start: its dependencies (each to the
    // condition named) and every service of the earlier phases (each to its readiness).
    QStringList prerequisites(const QString &service) const;
    // Reverse start order, for `down`.
    QStringList stopOrder() const;

    static QString readinessName(Readiness readiness);

private:
    bool m_valid = false;
    QStringList m_order;
    QStringList m_phaseNames;
    QHash<QString, int> m_phaseOf;
    QHash<QString, QList<ServiceDependency>> m_dependencies;
    QHash<QString, Readiness> m_readiness;
};

} // namespace stagehand
