#pragma once

#include "analysis/PortClaimant.h"
#include "analysis/PortSuggestion.h"

#include <QList>
#include <QString>

#include <optional>

namespace stagehand {

// One service port that cannot be published as declared: the service that should move (the last
// service claimant) and everything already holding or claiming the port before it.
struct PortConflict {
    int port = 0;         // the first host port in conflict
    QString protocol;
    QString hostIp;       // the address the conflict is on ("0.0.0.0" for all interfaces)
    // Services first, in seniority order, the one that should move last among them; then host
    // processes, then containers.
    QList<PortClaimant> claimants;
    std::optional<PortSuggestion> suggestion; // absent only when no free port is left
};

} // namespace stagehand
