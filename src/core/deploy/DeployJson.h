#pragma once

#include "deploy/DeployPlan.h"
#include "deploy/ServiceRollout.h"
#include "deploy/Teardown.h"

#include <QJsonArray>
#include <QJsonObject>

namespace stagehand {

// The JSON shapes of `stagehand-cli up --format json` (dry run: the plan; else the outcome with its
// plan) and `down --format json`: part of the CLI's public interface.
class DeployJson {
public:
    // {"project", "environment", "changes", "foreign", "actions": [...], "problems": [...], "notes": [...]}
    static QJsonObject plan(const DeployPlan &plan, const QString &projectDirectory);
    // {"resource", "action", "service", "name", "container_id", "number", "reason", "drift"}
    static QJsonObject action(const PlanAction &action);
    // {"outcome", "message", "failed_service", "elapsed_ms", "release", "services": [...]}
    static QJsonObject outcome(const DeployOutcome &outcome, int release, const QStringList &phaseNames = {});
    // {"service", "phase", "readiness", "action", "state", "detail", "duration_ms", "containers", "probe_attempts"}
    static QJsonObject rollout(const ServiceRollout &rollout, const QString &phaseName);
    static QJsonObject teardown(const TeardownResult &result);
};

} // namespace stagehand
