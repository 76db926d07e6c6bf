#include "docker/EngineEndpoint.h"

namespace stagehand {

namespace {

std::optional<EngineEndpoint> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

QString EngineEndpoint::toString() const
{
    if (kind == Kind::Unix)
        return QStringLiteral("unix://") + path;
    const QString shownHost = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("tcp://%1:%2").arg(shownHost).arg(port);
}

void EngineEndpoint::enableTls(bool verify)
{
    tls = true;
    tlsVerify = verify;
    if (kind == Kind::Tcp && defaultPort)
        port = DefaultTlsPort;
}

std::optional<EngineEndpoint> EngineEndpoint::parse(const QString &dockerHost, QString *error)
{
    const QString text = dockerHost.trimmed();
    const QString quoted = QStringLiteral("\"%1\"").arg(text);
    if (text.isEmpty())
        return fail(error, QStringLiteral("empty engine host"));

    const qsizetype schemeEnd = text.indexOf(QStringLiteral("://"));
    const QString scheme = schemeEnd < 0 ? QString() : text.left(schemeEnd).toLower();
    const QString rest = schemeEnd < 0 ? text : text.mid(schemeEnd + 3);

    EngineEndpoint endpoint;
    if (scheme == QStringLiteral("unix")) {
        endpoint.kind = Kind::Unix;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char('/')))
                return fail(error, QStringLiteral("invalid engine host %1: a unix socket path must be absolute, "
                                                  "e.g. \"unix:///var/run/docker.sock\"").arg(quoted));
            endpoint.path = rest;
        }
        return endpoint;
    }
    if (scheme == QStringLiteral("ssh"))
        return fail(error, QStringLiteral("engine host %1: ssh:// is not supported yet; forward the socket "
                                          "(ssh -L) and use unix:// or tcp://").arg(quoted));
    if (scheme == QStringLiteral("npipe"))
        return fail(error, QStringLiteral("engine host %1: npipe:// is a Windows named pipe, not available "
                                          "here").arg(quoted));
    if (!scheme.isEmpty() && scheme != QStringLiteral("tcp"))
        return fail(error, QStringLiteral("engine host %1: unsupported scheme \"%2://\" (expected unix:// or "
                                          "tcp://)").arg(quoted, scheme));

    // tcp: host[:port], [v6][:port], with no path
    QString authority = rest;
    const qsizetype slash = authority.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        if (authority.mid(slash) != QStringLiteral("/"))
            return fail(error, QStringLiteral("engine host %1: a path after the address is not supported").arg(quoted));
        authority.truncate(slash);
    }
    QString host;
    QString portText;
    if (authority.startsWith(QLatin1Char('['))) {
        const qsizetype close = authority.indexOf(QLatin1Char(']'));
        if (close < 0)
            return fail(error, QStringLiteral("engine host %1: missing \"]\" after an IPv6 address").arg(quoted));
        host = authority.mid(1, close - 1);
        const QString after = authority.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return fail(error, QStringLiteral("engine host %1: expected \":port\" after \"]\"").arg(quoted));
            portText = after.mid(1);
            if (portText.isEmpty())
                return fail(error, QStringLiteral("engine host %1: empty port").arg(quoted));
        }
    } else {
        const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0 && authority.indexOf(QLatin1Char(':')) != colon)
            return fail(error, QStringLiteral("engine host %1: write an IPv6 address in brackets, e.g. "
                                              "\"tcp://[::1]:2375\"").arg(quoted));
        host = colon < 0 ? authority : authority.left(colon);
        if (colon >= 0) {
            portText = authority.mid(colon + 1);
            if (portText.isEmpty())
                return fail(error, QStringLiteral("engine host %1: empty port").arg(quoted));
        }
    }
    if (host.isEmpty()) {
        if (scheme.isEmpty() && !portText.isEmpty())
            host = QStringLiteral("127.0.0.1");
        else
            return fail(error, QStringLiteral("engine host %1: no host name").arg(quoted));
    }
    if (scheme.isEmpty() && portText.isEmpty())
        return fail(error, QStringLiteral("engine host %1: expected \"unix:///path\" or \"tcp://host:port\"").arg(quoted));

    endpoint.kind = Kind::Tcp;
    endpoint.host = host;
    if (portText.isEmpty()) {
        endpoint.port = DefaultTcpPort;
        endpoint.defaultPort = true;
    } else {
        bool ok = false;
        const int port = portText.toInt(&ok);
        if (!ok || port < 1 || port > 65535 || portText.startsWith(QLatin1Char('+')))
            return fail(error, QStringLiteral("engine host %1: invalid port \"%2\" (1-65535)").arg(quoted, portText));
        endpoint.port = port;
    }
    return endpoint;
}

} // namespace stagehand
