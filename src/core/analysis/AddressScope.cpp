#include "analysis/AddressScope.h"

namespace stagehand {
namespace {

// Strips brackets and a zone ("[fe80::1%eth0]" → "fe80::1%eth0" → parsed with its scope).
QHostAddress parse(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(u'[') && t.endsWith(u']'))
        t = t.mid(1, t.size() - 2);
    return QHostAddress(t);
}

// The IPv4 address of an IPv4 address or of an IPv4-mapped IPv6 one (::ffff:a.b.c.d). Not
// QHostAddress::toIPv4Address(), which takes "::" for 0.0.0.0.
bool asIPv4(const QHostAddress &address, quint32 *v4)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        *v4 = address.toIPv4Address();
        return true;
    }
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 10; ++i) {
        if (bytes[i] != 0)
            return false;
    }
    if (bytes[10] != 0xff || bytes[11] != 0xff)
        return false;
    *v4 = quint32(bytes[12]) << 24 | quint32(bytes[13]) << 16 | quint32(bytes[14]) << 8 | quint32(bytes[15]);
    return true;
}

} // namespace

QString AddressScope::canonical(const QString &address)
{
    if (address.trimmed().isEmpty())
        return {};
    const QHostAddress parsed = parse(address);
    if (parsed.isNull())
        return address.trimmed();
    quint32 v4 = 0;
    if (asIPv4(parsed, &v4))
        return QHostAddress(v4).toString();
    return parsed.toString();
}

AddressScope AddressScope::fromHostIp(const QString &hostIp)
{
    AddressScope scope;
    if (hostIp.trimmed().isEmpty()) {
        scope.m_v4 = scope.m_v6 = Cover::All;
        return scope;
    }
    const QHostAddress address = parse(hostIp);
    if (address.isNull()) { // not an address (the parser rejects these): assume the worst
        scope.m_v4 = scope.m_v6 = Cover::All;
        return scope;
    }
    quint32 v4 = 0;
    if (asIPv4(address, &v4)) {
        if (v4 == 0) {
            scope.m_v4 = Cover::All;
        } else {
            scope.m_v4 = Cover::One;
            scope.m_v4Address = QHostAddress(v4);
        }
        return scope;
    }
    if (address == QHostAddress(QHostAddress::AnyIPv6)) {
        scope.m_v6 = Cover::All;
    } else {
        scope.m_v6 = Cover::One;
        scope.m_v6Address = address;
    }
    return scope;
}

AddressScope AddressScope::fromSocket(const QString &address, bool dualStack)
{
    AddressScope scope = fromHostIp(address.isEmpty() ? QStringLiteral("0.0.0.0") : address);
    if (dualStack && scope.m_v6 == Cover::All)
        scope.m_v4 = Cover::All;
    return scope;
}

bool AddressScope::overlaps(const AddressScope &other) const
{
    const auto family = [](Cover a, Cover b, const QHostAddress &x, const QHostAddress &y) {
        if (a == Cover::None || b == Cover::None)
            return false;
        if (a == Cover::All || b == Cover::All)
            return true;
        return x.isEqual(y, QHostAddress::StrictConversion);
    };
    return family(m_v4, other.m_v4, m_v4Address, other.m_v4Address) || family(m_v6, other.m_v6, m_v6Address, other.m_v6Address);
}

QString AddressScope::displayAddress() const
{
    if (m_v4 == Cover::One)
        return m_v4Address.toString();
    if (m_v6 == Cover::One)
        return m_v6Address.toString();
    if (m_v4 == Cover::None && m_v6 == Cover::All)
        return QStringLiteral("::");
    return QStringLiteral("0.0.0.0");
}

} // namespace stagehand
