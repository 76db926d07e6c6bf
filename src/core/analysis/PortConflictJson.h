#pragma once

#include "analysis/PortConflict.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace stagehand {

// The JSON of `stagehand-cli ports --format json`, part of the CLI's public interface:
//   [{"port": 8001, "protocol": "tcp", "host_ip": "0.0.0.0",
//     "claimants": [{"environment": "staging", "service": "api"}, {"pid": 4242, "process": "python3"},
//                   {"container": "name"}],
//     "suggestion": {"environment": "staging", "service": "chromadb", "port": 8002}}]
// A host process whose owner is not visible has "pid": null and "process": null; a suggestion
// for a range of ports adds "port_end"; "suggestion" is null when no free port is left.
class PortConflictJson {
public:
    static QJsonArray toJson(const QList<PortConflict> &conflicts);
    static QJsonObject toJson(const PortConflict &conflict);
    static QJsonObject toJson(const PortClaimant &claimant);
};

} // namespace stagehand
