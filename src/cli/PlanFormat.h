#pragma once

#include "deploy/DeployPlan.h"
#include "deploy/ServiceRollout.h"

#include <QString>

namespace stagehand::cli {

// The text forms of `up`: the plan, a service's progress line, the outcome's table.
class PlanFormat {
public:
    // "3 to create, 1 to recreate, 5 unchanged" and a row per action that is not Keep (all with verbose).
    static QString plan(const DeployPlan &plan, bool verbose);
    static QString summary(const DeployPlan &plan);
    static QString progress(qint64 elapsedMs, const ServiceRollout &rollout);
    static QString outcome(const DeployOutcome &outcome, const QStringList &phaseNames);
};

} // namespace stagehand::cli
