#pragma once

#include <QString>

namespace stagehand {

// A socket that holds a port on this host: a listening TCP socket or a bound, unconnected UDP
// socket, as /proc/net/{tcp,tcp6,udp,udp6} list them, with the process that holds it.
struct HostListener {
    QString protocol;         // "tcp" or "udp"
    QString address;          // "0.0.0.0", "::", "127.0.0.1", "::1"; IPv4-mapped IPv6 addresses as IPv4
    int port = 0;
    quint64 inode = 0;        // the socket's inode (0: none, e.g. a socket of another network namespace)
    bool ipv6Socket = false;  // listed in tcp6/udp6
    // An IPv6 wildcard socket ("::") that takes IPv4 too (IPV6_V6ONLY off, Linux's default).
    // /proc does not say; HostPortProbe infers it (see HostPortProbe::inferDualStack).
    bool dualStack = false;
    qint64 pid = 0;           // the holding process; 0: unknown (no permission to look, or no process)
    QString process;          // its name (/proc/<pid>/comm)
};

} // namespace stagehand
