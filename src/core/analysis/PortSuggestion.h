#pragma once

#include "util/SourceLocation.h"

#include <QString>

namespace stagehand {

// Where a conflicting service's port should move: the nearest port (or run of ports, for a range)
// that nothing considered claims and nothing on the host listens on.
struct PortSuggestion {
    QString environment;
    QString service;
    int port = 0;            // the new first host port
    int portEnd = 0;         // the new last host port (== port unless a range)
    int fromPort = 0;        // the host port(s) the file declares now
    int fromPortEnd = 0;
    QString protocol;
    QString hostIp;
    SourceLocation location; // the port entry to edit (PortEditor)
};

} // namespace stagehand
