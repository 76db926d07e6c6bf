#pragma once

#include "util/SourceLocation.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace stagehand {

// A service's attachment to one network.
struct ServiceNetwork {
    QStringList aliases;
    QString ipv4Address;
    QString ipv6Address;
    std::optional<int> priority;
    QJsonObject other; // link_local_ips, mac_address, driver_opts, ... as written
    SourceLocation location; // where the service names the network
    bool isEmpty() const { return aliases.isEmpty() && ipv4Address.isEmpty() && ipv6Address.isEmpty() && !priority && other.isEmpty(); }
};

} // namespace stagehand
