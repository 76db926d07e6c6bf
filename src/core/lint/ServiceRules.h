#pragma once

#include "lint/LintContext.h"
#include "util/Diagnostic.h"

namespace stagehand {

// The rules about a resolved environment's services: image-latest, healthcheck-missing,
// depends-on-cycle, resources-missing and debug-outside-dev. Each needs the model: they find
// nothing in an environment that did not load.
class ServiceRules {
public:
    static void imageTags(const LintContext &context, Diagnostics &findings);
    static void healthchecks(const LintContext &context, Diagnostics &findings);
    static void dependencyCycles(const LintContext &context, Diagnostics &findings);
    static void resourceLimits(const LintContext &context, Diagnostics &findings);
    static void debugSettings(const LintContext &context, Diagnostics &findings);

    // "latest" or "" (no tag) for an image that floats; empty optional for a pinned one (a tag or a digest).
    static std::optional<QString> floatingTag(const QString &image);
    // A service that runs once and exits (a migration, a seed job): nothing to limit for long.
    static bool isOneShot(const ComposeModel &model, const Service &service);
    // What a variable set to this value turns on that is meant for development; empty if nothing.
    static QString debugSetting(const QString &name, const QString &value);
};

} // namespace stagehand
