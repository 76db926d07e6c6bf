#include "analysis/PortAnalyzer.h"

#include "analysis/AddressScope.h"

#include <QSet>

#include <optional>

namespace stagehand {
namespace {

constexpr int MaxPort = 65535;
constexpr int FirstUnprivilegedPort = 1024;

struct Claim {
    PortClaimant claimant;
    AddressScope scope;
    int first = 0; // for a service with anyOfRange, narrowed to the port it gets once visited
    int last = 0;
    bool anyOfRange = false;
    qsizetype environment = -1; // index into the input's environments; -1: a listener or a container
    QString engine;             // a container's engine
    QString composeProject;     // a container's Compose project

    bool isService() const { return environment >= 0; }
};

bool shareHost(const EnvironmentPorts &a, const EnvironmentPorts &b)
{
    return a.environment == b.environment || a.sharesHostWith.contains(b.environment) || b.sharesHostWith.contains(a.environment);
}

bool rangesOverlap(int a1, int a2, int b1, int b2)
{
    return a1 <= b2 && b1 <= a2;
}

// Listeners held by docker-proxy for a port a reported container publishes are that container.
bool isProxyOfReportedContainer(const HostListener &listener, const QList<ContainerPublication> &containers)
{
    if (listener.process != QLatin1String("docker-proxy"))
        return false;
    const QString address = AddressScope::canonical(listener.address);
    for (const ContainerPublication &container : containers) {
        if (container.port == listener.port && container.protocol == listener.protocol
            && (container.hostIp.isEmpty() || AddressScope::canonical(container.hostIp) == address))
            return true;
    }
    return false;
}

class Analysis {
public:
    explicit Analysis(const PortAnalysisInput &input)
        : m_input(input)
    {
        collect();
    }

    QList<PortConflict> run()
    {
        QList<PortConflict> conflicts;
        for (qsizetype i = 0; i < m_claims.size(); ++i) {
            if (m_claims.at(i).isService())
                visit(i, conflicts);
        }
        return conflicts;
    }

private:
    void collect()
    {
        for (const HostListener &listener : m_input.listeners) {
            if (listener.port <= 0 || isProxyOfReportedContainer(listener, m_input.containers))
                continue;
            Claim claim;
            claim.claimant.kind = PortClaimant::Kind::HostProcess;
            claim.claimant.pid = listener.pid;
            claim.claimant.process = listener.process;
            claim.claimant.hostIp = AddressScope::canonical(listener.address);
            claim.claimant.port = claim.claimant.portEnd = listener.port;
            claim.claimant.protocol = listener.protocol;
            claim.scope = AddressScope::fromSocket(listener.address, listener.dualStack);
            claim.first = claim.last = listener.port;
            m_claims.append(claim);
        }
        for (const ContainerPublication &container : m_input.containers) {
            if (container.port <= 0)
                continue;
            Claim claim;
            claim.claimant.kind = PortClaimant::Kind::Container;
            claim.claimant.container = container.name.isEmpty() ? container.id.left(12) : container.name;
            claim.claimant.hostIp = container.hostIp;
            claim.claimant.port = claim.claimant.portEnd = container.port;
            claim.claimant.protocol = container.protocol;
            claim.scope = AddressScope::fromHostIp(container.hostIp);
            claim.first = claim.last = container.port;
            claim.engine = container.engine;
            claim.composeProject = container.composeProject;
            m_claims.append(claim);
        }
        for (qsizetype e = 0; e < m_input.environments.size(); ++e) {
            const EnvironmentPorts &environment = m_input.environments.at(e);
            for (const PublishedPort &port : environment.ports) {
                Claim claim;
                claim.claimant.kind = PortClaimant::Kind::Service;
                claim.claimant.environment = environment.environment;
                claim.claimant.service = port.service;
                claim.claimant.location = port.mapping.location;
                claim.claimant.hostIp = port.mapping.hostIp;
                claim.claimant.port = port.first();
                claim.claimant.portEnd = port.last();
                claim.claimant.protocol = port.mapping.protocol;
                claim.scope = AddressScope::fromHostIp(port.mapping.hostIp);
                claim.first = port.first();
                claim.last = port.last();
                claim.anyOfRange = port.anyOfRange;
                claim.environment = e;
                m_claims.append(claim);
            }
        }
    }

    // Whether `other`, visited before the service `self`, stands in the way of its ports.
    bool applies(const Claim &self, const Claim &other) const
    {
        const EnvironmentPorts &environment = m_input.environments.at(self.environment);
        switch (other.claimant.kind) {
        case PortClaimant::Kind::Service:
            return shareHost(environment, m_input.environments.at(other.environment));
        case PortClaimant::Kind::HostProcess:
            return environment.localEngine;
        case PortClaimant::Kind::Container:
            if (other.engine != environment.engine)
                return false;
            if (other.composeProject.isEmpty())
                return true;
            for (const EnvironmentPorts &candidate : m_input.environments) {
                if (candidate.projectName == other.composeProject && shareHost(environment, candidate))
                    return false; // the environment itself, or one its services already stand for
            }
            return true;
        }
        return false;
    }

    bool collides(const Claim &self, const Claim &other, int first, int last) const
    {
        return other.claimant.protocol == self.claimant.protocol && rangesOverlap(first, last, other.first, other.last)
               && other.scope.overlaps(self.scope);
    }

    void visit(qsizetype index, QList<PortConflict> &conflicts)
    {
        Claim &self = m_claims[index];
        QList<qsizetype> before;
        for (qsizetype j = 0; j < index; ++j) {
            if (applies(self, m_claims.at(j)))
                before.append(j);
        }
        const auto blockersOf = [&](int first, int last) {
            QList<qsizetype> blockers;
            for (qsizetype j : before) {
                if (collides(self, m_claims.at(j), first, last))
                    blockers.append(j);
            }
            return blockers;
        };

        if (self.anyOfRange) {
            for (int p = self.first; p <= self.last; ++p) {
                if (blockersOf(p, p).isEmpty()) {
                    self.first = self.last = p; // the engine takes the first free port of the range
                    return;
                }
            }
        }
        const QList<qsizetype> blockers = blockersOf(self.first, self.last);
        if (blockers.isEmpty())
            return;
        if (!m_input.focus.isEmpty() && self.claimant.environment != m_input.focus) {
            bool involvesFocus = false;
            for (qsizetype j : blockers)
                involvesFocus = involvesFocus || (m_claims.at(j).isService() && m_claims.at(j).claimant.environment == m_input.focus);
            if (!involvesFocus)
                return;
        }
        conflicts.append(conflict(self, blockers));
    }

    PortConflict conflict(const Claim &self, const QList<qsizetype> &blockers)
    {
        PortConflict result;
        result.protocol = self.claimant.protocol;
        result.port = MaxPort + 1;
        // The address reported: the mover's own when it names one; else where it meets the widest
        // blocker ("::" when either side is IPv6 only, else "0.0.0.0"); else the blocker's address.
        const auto ipv6Only = [](const AddressScope &scope) { return scope.coversIPv6() && !scope.coversIPv4(); };
        QString hostIp = self.scope.isSpecific() ? self.scope.displayAddress() : QString();
        QString specificBlocker;
        QList<PortClaimant> services, processes, containers;
        const auto add = [](QList<PortClaimant> &list, const PortClaimant &claimant) {
            for (const PortClaimant &existing : list) {
                if (existing.sameParty(claimant))
                    return;
            }
            list.append(claimant);
        };
        for (qsizetype j : blockers) {
            const Claim &other = m_claims.at(j);
            result.port = qMin(result.port, qMax(self.first, other.first));
            if (hostIp.isEmpty() && !other.scope.isSpecific())
                hostIp = ipv6Only(self.scope) || ipv6Only(other.scope) ? QStringLiteral("::") : QStringLiteral("0.0.0.0");
            if (specificBlocker.isEmpty() && other.scope.isSpecific())
                specificBlocker = other.scope.displayAddress();
            switch (other.claimant.kind) {
            case PortClaimant::Kind::Service: add(services, other.claimant); break;
            case PortClaimant::Kind::HostProcess: add(processes, other.claimant); break;
            case PortClaimant::Kind::Container: add(containers, other.claimant); break;
            }
        }
        result.hostIp = !hostIp.isEmpty() ? hostIp : !specificBlocker.isEmpty() ? specificBlocker : self.scope.displayAddress();
        services.append(self.claimant);
        result.claimants = services + processes + containers;
        result.suggestion = suggest(self);
        return result;
    }

    // The ports `self` could not move to: those of everything it could collide with (at any
    // address), as declared, and those suggested before to services it could collide with.
    QSet<int> takenFor(const Claim &self) const
    {
        QSet<int> taken;
        const auto add = [&taken](int first, int last) {
            for (int p = first; p <= last; ++p)
                taken.insert(p);
        };
        for (const Claim &other : m_claims) {
            if (&other == &self || other.claimant.protocol != self.claimant.protocol || !applies(self, other))
                continue;
            add(other.claimant.port, other.claimant.portEnd);
        }
        for (const Moved &moved : m_moved) {
            if (moved.suggestion.protocol == self.claimant.protocol
                && shareHost(m_input.environments.at(self.environment), m_input.environments.at(moved.environment)))
                add(moved.suggestion.port, moved.suggestion.portEnd);
        }
        return taken;
    }

    std::optional<PortSuggestion> suggest(const Claim &self)
    {
        const int from = self.claimant.port;
        const int fromEnd = self.claimant.portEnd;
        const int width = fromEnd - from;
        const QSet<int> taken = takenFor(self);
        const auto windowFree = [&](int start) {
            if (start < 1 || start + width > MaxPort || (from >= FirstUnprivilegedPort && start < FirstUnprivilegedPort))
                return false;
            for (int p = start; p <= start + width; ++p) {
                if (taken.contains(p))
                    return false;
            }
            return true;
        };
        for (int distance = 1; distance <= MaxPort; ++distance) {
            for (const int start : {from + distance, from - distance}) {
                if (!windowFree(start))
                    continue;
                PortSuggestion suggestion;
                suggestion.environment = self.claimant.environment;
                suggestion.service = self.claimant.service;
                suggestion.port = start;
                suggestion.portEnd = start + width;
                suggestion.fromPort = from;
                suggestion.fromPortEnd = fromEnd;
                suggestion.protocol = self.claimant.protocol;
                suggestion.hostIp = self.claimant.hostIp;
                suggestion.location = self.claimant.location;
                m_moved.append({self.environment, suggestion});
                return suggestion;
            }
        }
        return std::nullopt;
    }

    const PortAnalysisInput &m_input;
    struct Moved {
        qsizetype environment = -1;
        PortSuggestion suggestion;
    };

    QList<Claim> m_claims; // listeners, containers, then services in seniority order
    QList<Moved> m_moved;  // the suggestions made so far
};

} // namespace

QList<PortConflict> PortAnalyzer::analyze(const PortAnalysisInput &input)
{
    return Analysis(input).run();
}

} // namespace stagehand
