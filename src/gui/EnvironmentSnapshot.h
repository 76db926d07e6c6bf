#pragma once

#include "analysis/PortCheck.h"
#include "model/Project.h"
#include "project/EnvironmentResolver.h"
#include "util/Diagnostic.h"

#include <memory>

namespace stagehand {

// What the views know about one environment of the open project: the project, the resolved
// environment (null when the project could not be read) and what the analyses found.
struct EnvironmentSnapshot {
    const Project *project = nullptr;
    const ResolvedEnvironment *environment = nullptr;
    Diagnostics findings; // load problems first, then analysis findings (lint, ports)
    std::shared_ptr<const PortCheckResult> ports; // the whole project's port check (all environments)
};

} // namespace stagehand
