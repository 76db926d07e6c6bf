#include "analysis/HostPortProbe.h"

#include "analysis/AddressScope.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSet>

#include <cstring>

namespace stagehand {
namespace {

constexpr QByteArrayView TcpListen = "0A";
constexpr QByteArrayView UdpUnconnected = "07";

QByteArray readAll(const QString &path, bool *ok = nullptr)
{
    // /proc files report size 0: read until EOF.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (ok)
            *ok = false;
        return {};
    }
    if (ok)
        *ok = true;
    return file.readAll();
}

bool parseHex(QByteArrayView hex, quint32 *value)
{
    bool ok = false;
    *value = QByteArray(hex.data(), hex.size()).toUInt(&ok, 16);
    return ok;
}

} // namespace

HostPortProbe::HostPortProbe(QString procRoot)
    : m_procRoot(std::move(procRoot))
{
}

QString HostPortProbe::decodeAddress(QByteArrayView hex)
{
    if (hex.size() != 8 && hex.size() != 32)
        return {};
    // Each 32-bit word is printed as the number the kernel sees in memory: its bytes in memory
    // order are the address bytes in network order.
    quint8 bytes[16] = {};
    for (qsizetype word = 0; word < hex.size() / 8; ++word) {
        quint32 value = 0;
        if (!parseHex(hex.sliced(word * 8, 8), &value))
            return {};
        std::memcpy(bytes + word * 4, &value, 4);
    }
    QHostAddress address;
    if (hex.size() == 8)
        address.setAddress(quint32(bytes[0]) << 24 | quint32(bytes[1]) << 16 | quint32(bytes[2]) << 8 | quint32(bytes[3]));
    else
        address.setAddress(bytes);
    return AddressScope::canonical(address.toString());
}

QList<HostListener> HostPortProbe::parseProcNet(const QByteArray &text, const QString &protocol, bool ipv6)
{
    QList<HostListener> result;
    const bool tcp = protocol == QLatin1String("tcp");
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        if (fields.size() < 10 || !fields.at(0).endsWith(':'))
            continue;
        const QByteArray &local = fields.at(1);
        const QByteArray &remote = fields.at(2);
        const QByteArray &state = fields.at(3);
        if (tcp ? state != TcpListen : state != UdpUnconnected)
            continue;
        const qsizetype colon = local.indexOf(':');
        if (colon < 0)
            continue;
        HostListener listener;
        listener.protocol = protocol;
        listener.ipv6Socket = ipv6;
        listener.address = decodeAddress(QByteArrayView(local).first(colon));
        bool ok = false;
        listener.port = int(local.mid(colon + 1).toUInt(&ok, 16));
        if (listener.address.isEmpty() || !ok || listener.port == 0)
            continue;
        if (!tcp) {
            const qsizetype remoteColon = remote.indexOf(':');
            if (remoteColon < 0 || remote.mid(remoteColon + 1).toUInt(nullptr, 16) != 0)
                continue; // a connected UDP socket: a client's, not a service's
        }
        listener.inode = fields.at(9).toULongLong();
        result.append(listener);
    }
    return result;
}

void HostPortProbe::inferDualStack(QList<HostListener> &listeners, bool bindV6OnlyDefault)
{
    QSet<QString> ipv4Held; // "tcp/8080"
    for (const HostListener &listener : listeners) {
        if (!listener.address.contains(u':'))
            ipv4Held.insert(listener.protocol + u'/' + QString::number(listener.port));
    }
    for (HostListener &listener : listeners) {
        listener.dualStack = listener.ipv6Socket && listener.address == QLatin1String("::") && !bindV6OnlyDefault
                             && !ipv4Held.contains(listener.protocol + u'/' + QString::number(listener.port));
    }
}

QString HostPortProbe::processName(qint64 pid) const
{
    return QString::fromUtf8(readAll(QStringLiteral("%1/%2/comm").arg(m_procRoot).arg(pid)).trimmed());
}

QHash<quint64, std::pair<qint64, QString>> HostPortProbe::socketOwners() const
{
    QHash<quint64, std::pair<qint64, QString>> owners;
    const QStringList entries = QDir(m_procRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QString fdDirectory = m_procRoot + u'/' + entry + QStringLiteral("/fd");
        const QStringList fds = QDir(fdDirectory).entryList(QDir::System | QDir::Files | QDir::NoDotAndDotDot);
        QString name;
        for (const QString &fd : fds) {
            const QString target = QFile::symLinkTarget(fdDirectory + u'/' + fd);
            // symLinkTarget makes the target absolute: ".../socket:[12345]".
            const qsizetype at = target.lastIndexOf(QStringLiteral("socket:["));
            if (at < 0 || !target.endsWith(u']'))
                continue;
            bool ok = false;
            const quint64 inode = QStringView(target).sliced(at + 8).chopped(1).toULongLong(&ok);
            if (!ok)
                continue;
            auto existing = owners.find(inode);
            if (existing != owners.end() && existing->first <= pid)
                continue;
            if (name.isEmpty())
                name = processName(pid);
            owners.insert(inode, {pid, name});
        }
    }
    return owners;
}

QList<HostListener> HostPortProbe::scan(QString *error) const
{
    QList<HostListener> listeners;
    QStringList unreadable;
    const struct {
        const char *file;
        const char *protocol;
        bool ipv6;
    } tables[] = {{"tcp", "tcp", false}, {"tcp6", "tcp", true}, {"udp", "udp", false}, {"udp6", "udp", true}};
    for (const auto &table : tables) {
        bool ok = false;
        const QString path = m_procRoot + QStringLiteral("/net/") + QLatin1String(table.file);
        const QByteArray text = readAll(path, &ok);
        if (!ok) {
            // tcp6/udp6 are missing when IPv6 is disabled: nothing listens there then.
            if (!table.ipv6)
                unreadable.append(path);
            continue;
        }
        listeners.append(parseProcNet(text, QLatin1String(table.protocol), table.ipv6));
    }
    const bool bindV6Only = readAll(m_procRoot + QStringLiteral("/sys/net/ipv6/bindv6only")).trimmed() == "1";
    inferDualStack(listeners, bindV6Only);

    const auto owners = socketOwners();
    for (HostListener &listener : listeners) {
        const auto owner = owners.constFind(listener.inode);
        if (listener.inode != 0 && owner != owners.cend()) {
            listener.pid = owner->first;
            listener.process = owner->second;
        }
    }
    if (error)
        *error = unreadable.isEmpty() ? QString() : QStringLiteral("cannot read %1").arg(unreadable.join(QStringLiteral(", ")));
    return listeners;
}

} // namespace stagehand
