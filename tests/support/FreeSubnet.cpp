#include "FreeSubnet.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QSet>
#include <QtAlgorithms>
#include <QtEndian>

namespace stagehand::test {

namespace {

QMutex g_mutex;
QSet<quint32> g_handedOut;

quint32 maskOf(int prefix)
{
    return prefix <= 0 ? 0u : (prefix >= 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1u));
}

QString dotted(quint32 address)
{
    return QHostAddress(address).toString();
}

} // namespace

bool FreeSubnet::Range::overlaps(const Range &other) const
{
    const quint32 mask = maskOf(qMin(prefix, other.prefix));
    return (base & mask) == (other.base & mask);
}

FreeSubnet::Range FreeSubnet::Range::parse(const QString &cidr, bool *ok)
{
    const auto [address, prefix] = QHostAddress::parseSubnet(cidr);
    bool valid = false;
    Range range;
    if (address.protocol() == QAbstractSocket::IPv4Protocol && prefix >= 0) {
        range.prefix = prefix;
        range.base = address.toIPv4Address() & maskOf(prefix);
        valid = true;
    }
    if (ok)
        *ok = valid;
    return range;
}

QList<FreeSubnet::Range> FreeSubnet::dockerSubnets(const DockerCli &docker)
{
    QList<Range> ranges;
    const QStringList ids = docker.run({QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q")}, 30000).lines();
    const QJsonArray networks = docker.inspect(ids, QStringLiteral("network"));
    for (const QJsonValue &network : networks) {
        const QJsonArray configs = network[QStringLiteral("IPAM")][QStringLiteral("Config")].toArray();
        for (const QJsonValue &config : configs) {
            bool ok = false;
            const Range range = Range::parse(config[QStringLiteral("Subnet")].toString(), &ok);
            if (ok)
                ranges.append(range);
        }
    }
    return ranges;
}

QList<FreeSubnet::Range> FreeSubnet::hostSubnets()
{
    QList<Range> ranges;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const QList<QNetworkAddressEntry> entries = interface.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            if (entry.ip().protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            const int prefix = qMax(entry.prefixLength(), 0);
            ranges.append({entry.ip().toIPv4Address() & maskOf(prefix), prefix});
        }
    }
    // /proc/net/route: Iface Destination Gateway Flags RefCnt Use Metric Mask ... (hex of the
    // network-order value read as a native integer: ntohl gives the address)
    QFile routes(QStringLiteral("/proc/net/route"));
    if (routes.open(QIODevice::ReadOnly)) {
        routes.readLine(); // header
        while (!routes.atEnd()) {
            const QList<QByteArray> fields = routes.readLine().simplified().split(' ');
            if (fields.size() < 8)
                continue;
            bool okDestination = false;
            bool okMask = false;
            const quint32 destination = qFromBigEndian(fields[1].toUInt(&okDestination, 16));
            const quint32 mask = qFromBigEndian(fields[7].toUInt(&okMask, 16));
            if (!okDestination || !okMask || mask == 0) // the default route covers everything
                continue;
            ranges.append({destination & mask, static_cast<int>(qPopulationCount(mask))});
        }
    }
    return ranges;
}

FreeSubnet FreeSubnet::take(const DockerCli &docker)
{
    const QList<Range> used = dockerSubnets(docker) + hostSubnets();
    QMutexLocker lock(&g_mutex);
    for (int attempt = 0; attempt < 10000; ++attempt) {
        // 10.128.0.0/9: second octet 128-255, third 0-255
        const quint32 base = (10u << 24) | ((128u + QRandomGenerator::global()->bounded(128u)) << 16)
            | (QRandomGenerator::global()->bounded(256u) << 8);
        if (g_handedOut.contains(base))
            continue;
        const Range candidate{base, 24};
        bool clash = false;
        for (const Range &range : used) {
            if (candidate.overlaps(range)) {
                clash = true;
                break;
            }
        }
        if (clash)
            continue;
        g_handedOut.insert(base);
        FreeSubnet subnet;
        subnet.m_base = base;
        subnet.m_valid = true;
        return subnet;
    }
    return {};
}

QString FreeSubnet::cidr() const
{
    return dotted(m_base) + QStringLiteral("/24");
}

QString FreeSubnet::gateway() const
{
    return address(1);
}

QString FreeSubnet::address(int hostPart) const
{
    return dotted(m_base | static_cast<quint32>(hostPart & 0xff));
}

} // namespace stagehand::test
