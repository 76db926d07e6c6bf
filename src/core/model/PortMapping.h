#pragma once

#include "util/SourceLocation.h"

#include <QString>

namespace stagehand {

// One published or container port, in the Compose long form. A short-syntax range such as
// "8000-8002:8000-8002" becomes one PortMapping per port; a host range mapped to one container
// port ("8000-8010:80") stays one mapping with publishedEnd > published.
struct PortMapping {
    int target = 0;
    int published = 0;     // 0: not published on the host (the engine picks a port)
    int publishedEnd = 0;  // == published unless a host range
    QString hostIp;        // empty: all interfaces
    QString protocol = QStringLiteral("tcp");
    QString mode;          // "ingress" / "host" when given
    QString name;
    QString appProtocol;
    SourceLocation location;

    bool isPublished() const { return published > 0; }
    bool isRange() const { return publishedEnd > published; }
};

} // namespace stagehand
