#include "detail/ContainerLogSource.h"

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include <QTimer>

namespace stagehand {

ContainerLogSource::ContainerLogSource(DockerClient *client, QString containerId, int source, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_containerId(std::move(containerId))
    , m_source(source)
{
}

ContainerLogSource::~ContainerLogSource()
{
    stop();
}

bool ContainerLogSource::isActive() const
{
    return m_stream && m_stream->isActive();
}

QString ContainerLogSource::sinceArgument(qint64 nanos)
{
    return QStringLiteral("%1.%2").arg(nanos / 1000000000).arg(nanos % 1000000000, 9, 10, QLatin1Char('0'));
}

void ContainerLogSource::start(const QString &tail, bool follow)
{
    m_tail = tail;
    m_follow = follow;
    m_lastNanos = 0;
    m_resumeWhenEnded = false;
    open(tail, {});
}

void ContainerLogSource::resume()
{
    if (isActive()) {
        m_resumeWhenEnded = true; // the old run's stream has not ended yet
        return;
    }
    m_resumeWhenEnded = false;
    if (m_lastNanos == 0)
        open(m_tail, {});
    else
        open(QStringLiteral("all"), sinceArgument(m_lastNanos + 1));
}

void ContainerLogSource::stop()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->cancel();
        m_stream->deleteLater(); // maybe inside one of its signals
        m_stream = nullptr;
    }
}

void ContainerLogSource::open(const QString &tail, const QString &since)
{
    stop();
    if (!m_client)
        return;
    m_assembler = LogLineAssembler(true);
    LogOptions options;
    options.follow = m_follow;
    options.timestamps = true;
    options.tail = tail;
    options.since = since;
    m_stream = m_client->logs(m_containerId, options, this);
    connect(m_stream, &EngineStream::logReceived, this, [this](const LogChunk &chunk) { deliver(m_assembler.feed(chunk)); });
    connect(m_stream, &EngineStream::finished, this, [this](const EngineError &error) {
        deliver(m_assembler.flush());
        if (!error && std::exchange(m_resumeWhenEnded, false)) {
            QTimer::singleShot(0, this, &ContainerLogSource::resume);
            return;
        }
        Q_EMIT ended(error);
    });
}

void ContainerLogSource::deliver(const QList<LogLine> &lines)
{
    if (lines.isEmpty())
        return;
    for (const LogLine &line : lines)
        m_lastNanos = std::max(m_lastNanos, line.timestampNanos);
    Q_EMIT linesReceived(m_source, lines);
}

} // namespace stagehand
