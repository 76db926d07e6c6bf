#pragma once

#include "analysis/HostListener.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <utility>

namespace stagehand {

// What listens on this host: listening TCP sockets and bound, unconnected UDP sockets, IPv4 and
// IPv6, from /proc/net/{tcp,tcp6,udp,udp6}, each with the process holding it (found by matching
// the socket's inode against the links in /proc/<pid>/fd). Without permission to read another
// user's /proc/<pid>/fd, a socket's owner stays unknown (pid 0). Linux only; sees this network
// namespace (a process in a container, like the engine's own, is not seen unless it shares it).
class HostPortProbe {
public:
    explicit HostPortProbe(QString procRoot = QStringLiteral("/proc"));

    // The listeners, owners resolved and dual-stack inferred; error set (and the list what could be
    // read) when a /proc/net table is unreadable.
    QList<HostListener> scan(QString *error = nullptr) const;

    // One /proc/net table: protocol "tcp" or "udp"; ipv6 for tcp6/udp6. Only listening TCP sockets
    // (state 0A) and unconnected UDP sockets (state 07, no remote address) are returned.
    static QList<HostListener> parseProcNet(const QByteArray &text, const QString &protocol, bool ipv6);
    // An address as /proc/net writes it: 8 (IPv4) or 32 (IPv6) hex digits, each 32-bit word in the
    // kernel's byte order (little-endian here). Empty when malformed.
    static QString decodeAddress(QByteArrayView hex);
    // An IPv6 wildcard socket takes IPv4 too unless IPV6_V6ONLY is on, which /proc/net does not
    // show: it is on when net.ipv6.bindv6only is 1, and must be when an IPv4 socket holds the same
    // port and protocol (the kernel would have refused the dual-stack bind otherwise).
    static void inferDualStack(QList<HostListener> &listeners, bool bindV6OnlyDefault);

    // socket inode → (pid, process name), the lowest pid when several processes share a socket.
    QHash<quint64, std::pair<qint64, QString>> socketOwners() const;
    // The name of a process: /proc/<pid>/comm (as ps and ss show it).
    QString processName(qint64 pid) const;

private:
    QString m_procRoot;
};

} // namespace stagehand
