#include "analysis/PortClaimant.h"

namespace stagehand {

QString PortClaimant::describe() const
{
    switch (kind) {
    case Kind::Service:
        return environment + u'/' + service;
    case Kind::HostProcess:
        if (pid <= 0)
            return QStringLiteral("a host process (owner not visible)");
        return QStringLiteral("pid %1 (%2)").arg(pid).arg(process.isEmpty() ? QStringLiteral("?") : process);
    case Kind::Container:
        return QStringLiteral("container ") + container;
    }
    return {};
}

bool PortClaimant::sameParty(const PortClaimant &other) const
{
    if (kind != other.kind)
        return false;
    switch (kind) {
    case Kind::Service:
        return environment == other.environment && service == other.service && location == other.location;
    case Kind::HostProcess:
        return pid == other.pid && process == other.process && (pid > 0 || hostIp == other.hostIp);
    case Kind::Container:
        return container == other.container;
    }
    return false;
}

} // namespace stagehand
