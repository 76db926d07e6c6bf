#pragma once

#include "model/PortMapping.h"

#include <QString>

namespace stagehand {

// One host-port claim of a service: a published PortMapping, with the per-port mappings that the
// short syntax makes of one range ("8000-8002:8000-8002") joined back into one claim.
struct PublishedPort {
    QString service;
    PortMapping mapping; // published..publishedEnd: the host ports; location: the entry in the file
    // A host range mapped to one container port ("8000-8010:80"): the engine takes any one free
    // port of the range, so it needs one port, not all of them.
    bool anyOfRange = false;

    int first() const { return mapping.published; }
    int last() const { return qMax(mapping.published, mapping.publishedEnd); }
};

} // namespace stagehand
