#pragma once

#include "deploy/DeployPlan.h"
#include "deploy/EngineSnapshot.h"
#include "model/ComposeModel.h"

namespace stagehand {

struct PlanOptions {
    bool removeOrphans = false;
    bool checkHostPorts = true;                 // this host's listeners against the ports to publish
    qint64 minimumFreeBytes = 512LL * 1024 * 1024; // below this where the engine keeps its data: an error
};

// Computes a deploy plan from the environment's files (graph, blueprints, images) and what the
// engine holds (EngineSnapshot): what to create, recreate, start, restart, keep and remove, and
// the preflight problems that stop the deploy before its first change. Pure.
class PlanBuilder {
public:
    // plan holds the graph, the blueprints and the images (references, build or pull) on entry.
    static void build(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot, const PlanOptions &options);

private:
    static void planNetworks(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot);
    static void planVolumes(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot);
    static void planImages(DeployPlan &plan, const EngineSnapshot &snapshot);
    static void planContainers(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot,
                               const PlanOptions &options);
    static void checkPorts(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot);
    static void checkDisk(DeployPlan &plan, const EngineSnapshot &snapshot, const PlanOptions &options);
};

} // namespace stagehand
