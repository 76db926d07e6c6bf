#include "FreePorts.h"

#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>

#include <utility>

namespace stagehand::test {

namespace {

QMutex g_mutex;
QSet<quint16> g_handedOut; // by this process

// [first, last] of the random draw: from 20000 up to just below the ephemeral range.
std::pair<int, int> drawRange()
{
    int ephemeralLow = 32768;
    QFile file(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    if (file.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> parts = file.readAll().simplified().split(' ');
        bool ok = false;
        const int low = parts.value(0).toInt(&ok);
        if (ok && low > 21000)
            ephemeralLow = low;
    }
    return {20000, ephemeralLow - 1};
}

} // namespace

FreePorts::FreePorts(const DockerCli &docker)
    : m_docker(docker)
{
}

QSet<quint16> FreePorts::publishedByDocker() const
{
    QSet<quint16> ports;
    const ProcessResult result = m_docker.run({QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("{{.Ports}}")}, 30000);
    // "127.0.0.1:18001->8001/tcp, :::9090->9090/tcp, 0.0.0.0:5000-5001->5000-5001/tcp"
    static const QRegularExpression mapping(QStringLiteral(R"(:(\d+)(?:-(\d+))?->)"));
    for (const QString &line : result.lines()) {
        auto it = mapping.globalMatch(line);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const int first = m.captured(1).toInt();
            const int last = m.captured(2).isEmpty() ? first : m.captured(2).toInt();
            for (int port = first; port <= last && port < 65536; ++port)
                ports.insert(static_cast<quint16>(port));
        }
    }
    return ports;
}

bool FreePorts::bindable(quint16 port) const
{
    // Binding the wildcard address fails if any address has the port bound (listening).
    QTcpServer server;
    return server.listen(QHostAddress::AnyIPv4, port);
}

QList<quint16> FreePorts::take(int n)
{
    const QSet<quint16> published = publishedByDocker();
    const auto [first, last] = drawRange();
    QList<quint16> ports;
    QMutexLocker lock(&g_mutex);
    for (int attempt = 0; ports.size() < n && attempt < 5000; ++attempt) {
        const auto port = static_cast<quint16>(QRandomGenerator::global()->bounded(first, last + 1));
        if (g_handedOut.contains(port) || published.contains(port) || !bindable(port))
            continue;
        g_handedOut.insert(port);
        ports.append(port);
    }
    return ports;
}

quint16 FreePorts::takeOne()
{
    const QList<quint16> ports = take(1);
    return ports.isEmpty() ? 0 : ports.first();
}

} // namespace stagehand::test
