#include "docker/EngineStream.h"

#include "docker/ContainerDetails.h"
#include "docker/DockerClient.h"
#include "docker/EngineTransport.h"
#include "docker/LogLineAssembler.h"
#include "docker/StatsCalculator.h"

#include <QTimer>
#include <QUrl>

#include <utility>

#include <spdlog/spdlog.h>

namespace stagehand {

EngineStream::EngineStream(DockerClient *client, Kind kind, EngineRequest request, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_kind(kind)
    , m_request(std::move(request))
{
    m_request.streaming = true;
    m_resumable = kind == Kind::Events || kind == Kind::Stats;
    connect(client, &DockerClient::stateChanged, this, &EngineStream::onClientState);
}

EngineStream::~EngineStream()
{
    cancel();
}

void EngineStream::cancel()
{
    if (m_submitted) {
        if (auto transport = m_transport.lock())
            transport->cancel(m_requestId);
        m_submitted = false;
    }
    m_active = false;
}

void EngineStream::submit()
{
    if (!m_active || !m_client)
        return;
    EngineRequest request = m_request;
    request.path = m_client->versioned(m_request.path);
    if (m_kind == Kind::Events) {
        QString since = m_since;
        if (m_lastTimeNano > 0)
            since = QStringLiteral("%1.%2")
                        .arg(m_lastTimeNano / 1000000000)
                        .arg(m_lastTimeNano % 1000000000, 9, 10, QLatin1Char('0'));
        if (!since.isEmpty())
            request.query.append({QStringLiteral("since"), since});
    }
    if (m_kind == Kind::Logs && m_resumableLogs && m_lastLogNano > 0) {
        m_resumedFromNano = m_lastLogNano;
        // Resuming: from the last line delivered on (the engine repeats that instant: dropped below).
        for (qsizetype i = request.query.size() - 1; i >= 0; --i) {
            const QString &key = request.query.at(i).first;
            if (key == QLatin1String("since") || key == QLatin1String("tail"))
                request.query.removeAt(i);
        }
        request.query.append({QStringLiteral("tail"), QStringLiteral("all")});
        request.query.append(
            {QStringLiteral("since"),
             QStringLiteral("%1.%2").arg(m_lastLogNano / 1000000000).arg(m_lastLogNano % 1000000000, 9, 10, QLatin1Char('0'))});
    }
    for (int i = 0; i < 3; ++i) { // a line cut by a drop comes again whole
        m_partial[i].clear();
        m_lineNanos[i].reset();
        m_stamp[i].clear();
        m_inStamp[i] = true;
    }
    m_lastQuery = request.query;
    m_splitter = JsonLineSplitter();
    m_demuxer = demuxer(m_demuxer.isTty());
    const std::shared_ptr<EngineTransport> transport = m_client->transport();
    m_transport = transport;
    EngineTransport::Handlers handlers;
    handlers.onHeaders = [this](const EngineResponse &head) { onHeaders(head); };
    handlers.onChunk = [this](const QByteArray &chunk) { onChunk(chunk); };
    handlers.onFinished = [this](const EngineResponse &response) { onFinished(response); };
    m_requestId = transport->submit(std::move(request), this, std::move(handlers));
    m_submitted = true;
}

void EngineStream::setResumableLogs(const QString &containerId, bool keepTimestamps)
{
    m_containerId = containerId;
    m_resumableLogs = true;
    m_keepTimestamps = keepTimestamps;
    m_demuxer.setKeepFrames(true);
}

void EngineStream::fail(const EngineError &error)
{
    m_submitted = false;
    m_active = false;
    m_error = error;
    Q_EMIT finished(error);
}

void EngineStream::onHeaders(const EngineResponse &head)
{
    if (head.status >= 300)
        return;
    if (m_interrupted) {
        m_interrupted = false;
        ++m_resumes;
        Q_EMIT resumed();
    }
    m_startedOnce = true;
    Q_EMIT started();
}

void EngineStream::onChunk(const QByteArray &chunk)
{
    switch (m_kind) {
    case Kind::Logs: {
        const QList<LogChunk> chunks = m_demuxer.feed(chunk);
        for (const LogChunk &c : chunks) {
            if (!m_active)
                return;
            if (m_resumableLogs)
                deliverLogLines(c);
            else
                Q_EMIT logReceived(c);
        }
        break;
    }
    case Kind::Events:
    case Kind::Stats:
    case Kind::Pull:
    case Kind::Push:
    case Kind::Build:
    case Kind::Load: {
        const QList<QJsonObject> objects = m_splitter.feed(chunk);
        for (const QString &error : m_splitter.takeErrors())
            spdlog::warn("engine stream: {}", error.toStdString());
        for (const QJsonObject &object : objects) {
            if (!m_active)
                return;
            if (m_kind == Kind::Events) {
                deliverEvent(object);
            } else if (m_kind == Kind::Stats) {
                Q_EMIT statsReceived(object);
                if (m_active)
                    Q_EMIT statsSampleReceived(StatsCalculator::fromJson(object));
            } else {
                deliverProgress(object);
            }
        }
        break;
    }
    }
}

void EngineStream::deliverProgress(const QJsonObject &object)
{
    QString error = object.value(QLatin1String("error")).toString();
    if (error.isEmpty())
        error = object.value(QLatin1String("errorDetail")).toObject().value(QLatin1String("message")).toString();
    if (!error.isEmpty() && !m_error.isError())
        m_error = EngineError{EngineError::Kind::Http, 0, error.trimmed(), {}};
    m_progress.feed(object);
    Q_EMIT progressReceived(object);
    if (!m_active)
        return;
    const QJsonValue stream = object.value(QLatin1String("stream"));
    if (stream.isString()) {
        const QString text = stream.toString();
        if (m_kind == Kind::Load) {
            // "Loaded image: name:tag\n" or "Loaded image ID: sha256:...\n"
            const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (const QString &line : lines) {
                for (const QLatin1String prefix : {QLatin1String("Loaded image ID: "), QLatin1String("Loaded image: ")}) {
                    if (line.startsWith(prefix)) {
                        m_loadedImages.append(line.mid(prefix.size()).trimmed());
                        break;
                    }
                }
            }
        }
        Q_EMIT outputReceived(text);
        if (!m_active)
            return;
    }
    const QJsonObject aux = object.value(QLatin1String("aux")).toObject();
    if (!aux.isEmpty()) {
        if (m_kind == Kind::Build && aux.contains(QLatin1String("ID")))
            m_imageId = aux.value(QLatin1String("ID")).toString();
        Q_EMIT auxReceived(aux);
    }
}

LogDemuxer EngineStream::demuxer(bool tty) const
{
    LogDemuxer demuxer(tty);
    demuxer.setKeepFrames(m_resumableLogs); // each frame opens with its own timestamp
    return demuxer;
}

void EngineStream::deliverLogLines(const LogChunk &chunk)
{
    // The engine was asked for timestamps: each frame (a log entry, or a piece of a line over
    // 16 KiB) opens with "2024-01-02T03:04:05.123456789Z ". Without frames (a TTY's raw stream) a
    // timestamp opens each line. A line's first timestamp orders it for resuming; the others are
    // stripped too unless the caller asked for them.
    const int i = int(chunk.stream);
    const bool framed = !m_demuxer.isTty();
    if (framed && chunk.frameStart) {
        m_inStamp[i] = true;
        m_stamp[i].clear();
    }
    const QByteArray &data = chunk.data;
    qsizetype pos = 0;
    while (pos < data.size()) {
        if (m_inStamp[i]) {
            const qsizetype space = data.indexOf(' ', pos);
            m_stamp[i].append(data.mid(pos, space < 0 ? -1 : space - pos));
            if (space < 0)
                return; // the rest of the timestamp comes with the next chunk
            pos = space + 1;
            m_inStamp[i] = false;
            const std::optional<qint64> nanos = LogLineAssembler::parseTimestamp(m_stamp[i]);
            if (m_partial[i].isEmpty() && !m_lineNanos[i])
                m_lineNanos[i] = nanos;
            if (m_keepTimestamps || !nanos)
                m_partial[i].append(m_stamp[i] + ' ');
            m_stamp[i].clear();
            continue;
        }
        const qsizetype newline = data.indexOf('\n', pos);
        m_partial[i].append(data.mid(pos, newline < 0 ? -1 : newline + 1 - pos));
        if (newline < 0)
            return;
        pos = newline + 1;
        emitLogLine(i);
        if (!m_active)
            return;
        if (!framed)
            m_inStamp[i] = true;
    }
}

void EngineStream::emitLogLine(int i)
{
    const QByteArray line = std::exchange(m_partial[i], QByteArray());
    const std::optional<qint64> nanos = std::exchange(m_lineNanos[i], std::nullopt);
    if (nanos) {
        // Lines arrive nearly, not strictly, in time order (the engine copies stdout and stderr
        // apart), so only what a resume replays is dropped: before the instant resumed from, and the
        // lines of that instant already delivered.
        const QByteArray key = QByteArray::number(*nanos) + ' ' + line;
        if (m_resumedFromNano > 0 && *nanos <= m_resumedFromNano &&
            (*nanos < m_resumedFromNano || m_linesAtLastNano.contains(key)))
            return;
        if (*nanos > m_lastLogNano) {
            m_lastLogNano = *nanos;
            m_linesAtLastNano.clear();
        }
        if (*nanos == m_lastLogNano)
            m_linesAtLastNano.insert(key);
    }
    Q_EMIT logReceived(LogChunk{LogChunk::Stream(i), line});
}

void EngineStream::interrupt(const EngineError &error)
{
    m_interrupted = true;
    Q_EMIT interrupted(error);
    if (!m_active || !m_client)
        return;
    if (m_client->state() == DockerClient::State::Connected)
        m_client->noteConnectionProblem(error); // makes it Unreachable and starts reconnecting
    if (m_client->state() == DockerClient::State::Disconnected)
        m_client->connectToEngine();
    // onClientState() resubmits once Connected
}

void EngineStream::checkContainerAfterEnd(int attempt)
{
    // The stream ended: the container stopped (or was removed), or the engine is going away (the
    // engine ends a container's stats stream with the container, even cutting it off). An engine shutting down
    // stops its containers while it still answers, so a stopped container is looked at once more a
    // moment later: by then a leaving engine is gone (a drop: resume once it is back), a restart
    // policy may have started the container again (resume), or it is still stopped (the end).
    EngineRequest inspect;
    inspect.path = m_client->versioned(
        QStringLiteral("/containers/%1/json").arg(QString::fromLatin1(QUrl::toPercentEncoding(m_containerId))));
    inspect.timeoutMs = 10000;
    m_submitted = true;
    m_requestId = m_client->transport()->submit(
        std::move(inspect), this,
        {{}, {}, [this, attempt](const EngineResponse &response) {
             m_submitted = false;
             if (!m_active || !m_client)
                 return;
             if (response.error.isConnectionProblem())
                 return interrupt(response.error);
             const QJsonObject state = response.json().object().value(QLatin1String("State")).toObject();
             if (response.ok() &&
                 (state.value(QLatin1String("Running")).toBool() || state.value(QLatin1String("Restarting")).toBool())) {
                 // The engine ended the stream of a running container: it restarted in between (and is
                 // back), or dropped the stream. Either way a gap: say so, and resume from the last line.
                 m_interrupted = true;
                 Q_EMIT interrupted(
                     EngineError{EngineError::Kind::ConnectionLost, 0,
                                 QStringLiteral("the Docker engine at %1 ended the %2 stream of a running container")
                                     .arg(m_client->endpoint().toString(),
                                          m_kind == Kind::Stats ? QStringLiteral("stats") : QStringLiteral("logs")),
                                 QStringLiteral("the engine may have restarted")});
                 QTimer::singleShot(200, this, [this] {
                     if (m_active && !m_submitted && m_client)
                         submit();
                 });
                 return;
             }
             if (response.ok() && attempt == 0) {
                 QTimer::singleShot(1000, this, [this] {
                     if (m_active && !m_submitted && m_client)
                         checkContainerAfterEnd(1);
                 });
                 return;
             }
             // Stopped (or gone): the end. A last line without a newline is delivered as it is.
             for (int i = 0; i < 3 && m_active; ++i) {
                 if (!m_partial[i].isEmpty())
                     emitLogLine(i);
             }
             if (!m_active)
                 return;
             m_active = false;
             m_error = response.error.httpStatus == 404 ? EngineError{} : response.error;
             Q_EMIT finished(m_error);
         }});
}

void EngineStream::deliverEvent(const QJsonObject &object)
{
    const EngineEvent event = EngineEvent::fromJson(object);
    // After a resume the engine repeats the events at since= (it is inclusive): drop those.
    if (event.timeNano < m_lastTimeNano)
        return;
    if (event.timeNano == m_lastTimeNano) {
        if (m_keysAtLastTime.contains(event.key()))
            return;
    } else {
        m_lastTimeNano = event.timeNano;
        m_keysAtLastTime.clear();
    }
    m_keysAtLastTime.insert(event.key());
    Q_EMIT eventReceived(event);
}

void EngineStream::onFinished(const EngineResponse &response)
{
    m_submitted = false;
    if (!m_active)
        return;
    if ((m_resumableLogs || m_kind == Kind::Stats) && !m_containerId.isEmpty() && m_client) {
        // A container's stream: its end, or an engine cutting it, may just be the container going.
        if (response.ok() || response.error.kind == EngineError::Kind::ConnectionLost)
            return checkContainerAfterEnd();
        if (response.error.isConnectionProblem())
            return interrupt(response.error);
    }
    const bool dropped =
        response.error.isConnectionProblem() || (response.ok() && m_resumable); // an endless stream ended: the engine went away
    if (m_resumable && dropped && m_client) {
        EngineError error = response.error;
        if (!error.isError())
            error = EngineError{EngineError::Kind::ConnectionLost, response.status,
                                QStringLiteral("the Docker engine at %1 ended the stream").arg(m_client->endpoint().toString()),
                                QStringLiteral("the engine may have stopped or restarted")};
        return interrupt(error);
    }
    if (response.error.isConnectionProblem() && m_client)
        m_client->noteConnectionProblem(response.error);
    m_active = false;
    if (response.error.isError() || !m_error.isError()) // keep a progress stream's in-stream error
        m_error = response.error;
    if (m_error.kind == EngineError::Kind::Cancelled && m_uploadError && !m_uploadError->isEmpty())
        m_error = EngineError::protocol(*m_uploadError);
    Q_EMIT finished(m_error);
}

void EngineStream::onClientState()
{
    if (!m_active || !m_client)
        return;
    if (m_interrupted && !m_submitted && m_client->state() == DockerClient::State::Connected)
        submit();
}

} // namespace stagehand
