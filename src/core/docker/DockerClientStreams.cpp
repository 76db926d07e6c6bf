#include "docker/DockerClient.h"

#include "docker/DockerClientInternal.h"
#include "docker/EngineStream.h"
#include "docker/EngineTransport.h"
#include "docker/RegistryAuth.h"

#include <spdlog/spdlog.h>

namespace stagehand {
using namespace detail;

EngineStream *DockerClient::logs(const QString &id, const LogOptions &options, QObject *parent)
{
    EngineRequest r;
    r.path = QStringLiteral("/containers/%1/logs").arg(encoded(id));
    auto flag = [](bool on) { return on ? QStringLiteral("1") : QStringLiteral("0"); };
    r.query = {{QStringLiteral("follow"), flag(options.follow)},
               {QStringLiteral("stdout"), flag(options.stdoutStream)},
               {QStringLiteral("stderr"), flag(options.stderrStream)},
               // A follow stream resumes after drops from the last line's timestamp: it needs them.
               {QStringLiteral("timestamps"), flag(options.timestamps || options.follow)},
               {QStringLiteral("tail"), options.tail.isEmpty() ? QStringLiteral("all") : options.tail}};
    if (!options.since.isEmpty())
        r.query.append({QStringLiteral("since"), options.since});
    if (!options.until.isEmpty())
        r.query.append({QStringLiteral("until"), options.until});
    auto *stream = new EngineStream(this, EngineStream::Kind::Logs, std::move(r), parent);
    if (options.follow)
        stream->setResumableLogs(id, options.timestamps);
    if (options.tty) {
        stream->setTty(*options.tty);
        stream->submit();
    } else {
        // Multiplexed or raw: the container's Config.Tty says.
        EngineRequest inspect;
        inspect.path = versioned(QStringLiteral("/containers/%1/json").arg(encoded(id)));
        m_transport->submit(std::move(inspect), stream,
                            {{}, {}, [stream](const EngineResponse &response) {
                                 if (!response.ok())
                                     return stream->fail(response.error);
                                 stream->setTty(ContainerDetails::fromJson(response.json().object()).tty);
                                 stream->submit();
                             }});
    }
    return stream;
}

EngineStream *DockerClient::events(const EventOptions &options, QObject *parent)
{
    EngineRequest r;
    r.path = QStringLiteral("/events");
    if (!options.filters.isEmpty())
        r.query.append({QStringLiteral("filters"), filtersJson(options.filters)});
    if (!options.until.isEmpty())
        r.query.append({QStringLiteral("until"), options.until});
    auto *stream = new EngineStream(this, EngineStream::Kind::Events, std::move(r), parent);
    stream->setSince(options.since);
    stream->setResumable(options.until.isEmpty());
    stream->submit();
    return stream;
}

EngineStream *DockerClient::stats(const QString &id, QObject *parent)
{
    EngineRequest r;
    r.path = QStringLiteral("/containers/%1/stats").arg(encoded(id));
    r.query.append({QStringLiteral("stream"), QStringLiteral("1")});
    auto *stream = new EngineStream(this, EngineStream::Kind::Stats, std::move(r), parent);
    stream->setContainerId(id);
    stream->submit();
    return stream;
}

EngineStream *DockerClient::pullImage(const QString &reference, QObject *parent, const QString &dockerConfigDir)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/images/create");
    r.query.append({QStringLiteral("fromImage"), reference});
    QString authError;
    const QByteArray auth = RegistryAuth::headerFor(reference, dockerConfigDir, &authError);
    if (!authError.isEmpty())
        spdlog::warn("registry credentials for {}: {}", reference.toStdString(), authError.toStdString());
    if (!auth.isEmpty())
        r.headers.append({QByteArrayLiteral("X-Registry-Auth"), auth});
    auto *stream = new EngineStream(this, EngineStream::Kind::Pull, std::move(r), parent);
    stream->submit();
    return stream;
}

} // namespace stagehand
