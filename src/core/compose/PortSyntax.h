#pragma once

#include "model/PortMapping.h"

#include <QList>
#include <QString>

#include <optional>

namespace stagehand {

// The short port syntax: [HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL],
// with IPv6 host addresses in brackets ("[::1]:8080:80").
class PortSyntax {
public:
    // One mapping per container port; nullopt with *error set when the text is not a port.
    static std::optional<QList<PortMapping>> parse(const QString &text, QString *error);
};

} // namespace stagehand
