#pragma once

#include "DockerCli.h"

#include <QList>
#include <QString>

namespace stagehand::test {

// A free IPv4 /24 for a test network: drawn at random from 10.128.0.0/9 (outside Docker's default
// address pools 172.17-31.x and 192.168.x, so the engine never picks it on its own), and
// overlapping no subnet of any network of the engine (IPAM), no address of a host interface and no
// host route, nor any /24 this process handed out before.
class FreeSubnet {
public:
    // An IPv4 network: address and prefix length.
    struct Range {
        quint32 base = 0;
        int prefix = 0;
        bool overlaps(const Range &other) const;
        static Range parse(const QString &cidr, bool *ok = nullptr); // "10.1.2.0/24"
    };

    // Draws a free /24 (isValid() is false if none was found, which never happens in practice).
    static FreeSubnet take(const DockerCli &docker = DockerCli());

    bool isValid() const { return m_valid; }
    QString cidr() const;                 // "10.147.3.0/24"
    QString gateway() const;              // "10.147.3.1"
    QString address(int hostPart) const;  // "10.147.3.<hostPart>"

    // What is in use now (for diagnostics and tests of this class).
    static QList<Range> dockerSubnets(const DockerCli &docker);
    static QList<Range> hostSubnets();

private:
    quint32 m_base = 0;
    bool m_valid = false;
};

} // namespace stagehand::test
