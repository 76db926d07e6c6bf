#pragma once

#include "util/SourceLocation.h"

#include <QString>

namespace stagehand {

// One party to a port conflict: a service of an environment, a host process, or a container
// outside the environments checked.
struct PortClaimant {
    enum class Kind { Service, HostProcess, Container };

    Kind kind = Kind::Service;
    QString environment;     // Service
    QString service;         // Service
    SourceLocation location; // Service: the port entry in the compose file
    qint64 pid = 0;          // HostProcess; 0: unknown
    QString process;         // HostProcess; empty: unknown
    QString container;       // Container: its name
    QString hostIp;          // as claimed ("" for a service: all interfaces)
    int port = 0;            // first host port claimed
    int portEnd = 0;         // last host port claimed (== port for one port)
    QString protocol;

    // "staging/api", "pid 4242 (python3)", "container web-1"
    QString describe() const;
    // Same party (the same service entry, process or container), whatever the address.
    bool sameParty(const PortClaimant &other) const;
};

} // namespace stagehand
