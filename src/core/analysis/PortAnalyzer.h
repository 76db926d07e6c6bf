#pragma once

#include "analysis/PortAnalysisInput.h"
#include "analysis/PortConflict.h"

#include <QList>

namespace stagehand {

// Finds the host ports the environments cannot publish as declared: a pure function of its input,
// with no I/O (the probes that gather host listeners and container publications are separate).
//
// Two claims collide when their protocols are equal, their port ranges overlap and their host
// addresses overlap (AddressScope). Services collide with services of the same environment and of
// environments that share its host (shares_host_with, read both ways); with the host's listeners
// when their engine is local; and with containers of their engine, except those of the environment
// itself (label com.docker.compose.project) and of environments sharing its host, which its
// services already stand for. A listener held by docker-proxy for a container the engine reports
// is that container. `expose`d ports publish nothing.
//
// Services are visited in seniority order (environments in input order, then declaration order);
// each service that collides with anything before it is one conflict, naming it and all it
// collides with, and it is the one told to move: to the nearest port (upwards first; a range keeps
// its width) that nothing it could collide with claims or listens on, at any address, with the
// same protocol, and that no earlier suggestion took. A suggestion stays on the same side of 1024
// as the port it replaces.
class PortAnalyzer {
public:
    static QList<PortConflict> analyze(const PortAnalysisInput &input);
};

} // namespace stagehand
