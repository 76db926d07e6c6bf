#pragma once

#include "compose/YamlNode.h"

namespace stagehand {

// Merges Compose files the way `docker compose -f a.yaml -f b.yaml` does (the specification's
// merge rules): mappings merge key by key, scalars are replaced, command/entrypoint/healthcheck.test
// are replaced, environment/labels/args/sysctls merge by variable name, depends_on/networks by
// service or network, volumes/devices by container path, secrets/configs by source, ports/expose/dns
// and other lists append without duplicates; `!reset` removes a value and `!override` replaces it whole.
class OverrideMerger {
public:
    // Rewrites short forms whose merge is keyed (environment lists, depends_on lists, ...) as mappings.
    // Done on every file before merging so that each file merges like with like.
    static void normalize(YamlNode &root);
    // Merges `override` into `base`; both normalized.
    static void merge(YamlNode &base, const YamlNode &override);
};

} // namespace stagehand
