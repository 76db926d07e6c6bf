#pragma once

#include "deploy/ContainerBlueprint.h"
#include "docker/ContainerDetails.h"

#include <QStringList>

namespace stagehand {

// Differences between a running container and the blueprint it was created from, made after its
// creation (by `docker update`, `docker network disconnect`, ...): the container's labels say it
// matches the files, but it no longer does. Only what the blueprint sets is compared, so the
// engine's defaults and the image's own settings are never taken for drift. Pure.
class DriftDetector {
public:
    // One line per difference: "memory limit: 1073741824 in the files, 314572800 on the container".
    static QStringList compare(const ContainerBlueprint &blueprint, const ContainerDetails &container);
};

} // namespace stagehand
