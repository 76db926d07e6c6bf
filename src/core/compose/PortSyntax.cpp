#include "compose/PortSyntax.h"

#include <QHostAddress>

namespace stagehand {
namespace {

struct Range {
    int first = 0;
    int last = 0;
    int size() const { return last - first + 1; }
};

std::optional<Range> parseRange(const QString &text, const QString &what, QString *error)
{
    const qsizetype dash = text.indexOf(QLatin1Char('-'));
    const QString a = dash < 0 ? text : text.left(dash);
    const QString b = dash < 0 ? text : text.mid(dash + 1);
    bool okA = false, okB = false;
    const int first = a.toInt(&okA);
    const int last = b.toInt(&okB);
    if (!okA || !okB || a.isEmpty() || a.startsWith(QLatin1Char('+')) || b.startsWith(QLatin1Char('+'))) {
        *error = QStringLiteral("'%1' is not a %2 port: expected a number from 1 to 65535 or a range such as 8000-8010")
                     .arg(text, what);
        return std::nullopt;
    }
    if (first < 1 || first > 65535 || last < 1 || last > 65535) {
        *error = QStringLiteral("%1 port %2 is out of range: ports are numbers from 1 to 65535")
                     .arg(what)
                     .arg(first < 1 || first > 65535 ? first : last);
        return std::nullopt;
    }
    if (last < first) {
        *error = QStringLiteral("%1 port range '%2' ends before it starts").arg(what, text);
        return std::nullopt;
    }
    return Range{first, last};
}

} // namespace

std::optional<QList<PortMapping>> PortSyntax::parse(const QString &input, QString *error)
{
    QString text = input.trimmed();
    QString protocol = QStringLiteral("tcp");
    if (const qsizetype slash = text.lastIndexOf(QLatin1Char('/')); slash >= 0) {
        protocol = text.mid(slash + 1).toLower();
        text = text.left(slash);
        if (protocol != QLatin1String("tcp") && protocol != QLatin1String("udp") && protocol != QLatin1String("sctp")) {
            *error = QStringLiteral("unknown protocol '%1' (expected tcp, udp or sctp)").arg(protocol);
            return std::nullopt;
        }
    }
    QString hostIp;
    bool bracketed = false;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QStringLiteral("]:"));
        if (close < 0) {
            *error = QStringLiteral("an IPv6 host address in brackets must be followed by ':' and a port, e.g. \"[::1]:8080:80\"");
            return std::nullopt;
        }
        hostIp = text.mid(1, close - 1);
        text = text.mid(close + 2);
        bracketed = true;
    }
    QStringList parts = text.split(QLatin1Char(':'));
    if (bracketed && parts.size() > 2) {
        *error = QStringLiteral("too many ':'-separated parts after the host address (expected [HOST_IP]:HOST_PORT:CONTAINER_PORT)");
        return std::nullopt;
    }
    if (!bracketed && parts.size() > 3) {
        // An IPv6 host address without brackets ("::1:6000:6000"), as the specification and Docker
        // allow: the last two parts are the ports, everything before them the address.
        const QString container = parts.takeLast();
        const QString host = parts.takeLast();
        hostIp = parts.join(QLatin1Char(':'));
        parts = QStringList{host, container};
    } else if (parts.size() == 3) {
        hostIp = parts.takeFirst();
        if (hostIp.isEmpty()) {
            *error = QStringLiteral("the host address before the first ':' is empty");
            return std::nullopt;
        }
    }
    if (!hostIp.isEmpty() && QHostAddress(hostIp).isNull()) {
        *error = QStringLiteral("'%1' is not an IP address").arg(hostIp);
        return std::nullopt;
    }
    const QString containerText = parts.takeLast();
    const QString hostText = parts.isEmpty() ? QString() : parts.takeLast();

    auto container = parseRange(containerText, QStringLiteral("container"), error);
    if (!container)
        return std::nullopt;
    std::optional<Range> host;
    if (!hostText.isEmpty()) {
        host = parseRange(hostText, QStringLiteral("host"), error);
        if (!host)
            return std::nullopt;
        if (container->size() > 1 && host->size() != container->size()) {
            *error = QStringLiteral("the host range %1 has %2 ports but the container range %3 has %4: a range maps "
                                    "port by port, so both must have the same size (or map a host range to one port)")
                         .arg(hostText)
                         .arg(host->size())
                         .arg(containerText)
                         .arg(container->size());
            return std::nullopt;
        }
    }

    QList<PortMapping> result;
    for (int i = 0; i < container->size(); ++i) {
        PortMapping port;
        port.target = container->first + i;
        port.hostIp = hostIp;
        port.protocol = protocol;
        port.mode = QStringLiteral("ingress");
        if (host) {
            if (container->size() == 1) {
                port.published = host->first;
                port.publishedEnd = host->last;
            } else {
                port.published = port.publishedEnd = host->first + i;
            }
        }
        result.append(port);
    }
    return result;
}

} // namespace stagehand
