#pragma once

#include <QHostAddress>
#include <QString>

namespace stagehand {

// The host addresses one port binding covers, per address family, and whether two bindings of
// the same port and protocol would collide.
//
//  - a published port without host_ip: the engine binds 0.0.0.0 and :: (every address of both families)
//  - 0.0.0.0: every IPv4 address;  :: (published, or a V6ONLY socket): every IPv6 address
//  - a listening socket on :: without IPV6_V6ONLY (Linux's default, "dual-stack"): every address of both
//  - one address: only it, so 127.0.0.1 and 127.0.0.2 do not collide; IPv4-mapped IPv6 addresses
//    (::ffff:127.0.0.1) are the IPv4 address
class AddressScope {
public:
    AddressScope() = default; // covers nothing

    // A Compose host_ip (or an engine's binding address): empty means all interfaces.
    static AddressScope fromHostIp(const QString &hostIp);
    // A socket's local address; dualStack: an IPv6 wildcard that takes IPv4 too.
    static AddressScope fromSocket(const QString &address, bool dualStack);

    bool overlaps(const AddressScope &other) const;
    bool coversNothing() const { return m_v4 == Cover::None && m_v6 == Cover::None; }
    // A single address (not a wildcard).
    bool isSpecific() const { return m_v4 == Cover::One || m_v6 == Cover::One; }
    bool coversIPv4() const { return m_v4 != Cover::None; }
    bool coversIPv6() const { return m_v6 != Cover::None; }

    // The address a report names: the one address, "::" for IPv6 only, else "0.0.0.0".
    QString displayAddress() const;

    // An address in canonical text: "127.0.0.1", "::1", IPv4-mapped as IPv4; empty stays empty.
    static QString canonical(const QString &address);

private:
    enum class Cover { None, All, One };

    Cover m_v4 = Cover::None;
    Cover m_v6 = Cover::None;
    QHostAddress m_v4Address;
    QHostAddress m_v6Address;
};

} // namespace stagehand
