#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace stagehand {

// A container's ports as `docker ps` prints them, e.g. "127.0.0.1:8080->80/tcp, 5432/tcp": from the
// list's Ports array ({IP, PrivatePort, PublicPort, Type}) or from inspect's NetworkSettings.Ports
// ({"80/tcp": [{"HostIp", "HostPort"}] or null}). The IPv6 twin of an IPv4 binding (0.0.0.0 and ::
// on the same port) is shown once; sorted by container port.
class ContainerPorts {
public:
    static QString fromList(const QJsonArray &ports);
    static QString fromInspect(const QJsonObject &networkSettingsPorts);
};

} // namespace stagehand
