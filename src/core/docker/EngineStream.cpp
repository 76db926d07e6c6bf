#include "docker/EngineStream.h"

#include "docker/DockerClient.h"
#include "docker/EngineTransport.h"

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
            since = QStringLiteral("%1.%2").arg(m_lastTimeNano / 1000000000).arg(m_lastTimeNano % 1000000000, 9, 10, QLatin1Char('0'));
        if (!since.isEmpty())
            request.query.append({QStringLiteral("since"), since});
    }
    m_lastQuery = request.query;
    m_splitter = JsonLineSplitter();
    m_demuxer = LogDemuxer(m_demuxer.isTty());
    const std::shared_ptr<EngineTransport> transport = m_client->transport();
    m_transport = transport;
    EngineTransport::Handlers handlers;
    handlers.onHeaders = [this](const EngineResponse &head) { onHeaders(head); };
    handlers.onChunk = [this](const QByteArray &chunk) { onChunk(chunk); };
    handlers.onFinished = [this](const EngineResponse &response) { onFinished(response); };
    m_requestId = transport->submit(std::move(request), this, std::move(handlers));
    m_submitted = true;
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
            Q_EMIT logReceived(c);
        }
        break;
    }
    case Kind::Events:
    case Kind::Stats:
    case Kind::Pull: {
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
            } else {
                const QString error = object.value(QLatin1String("error")).toString();
                if (!error.isEmpty() && !m_error.isError())
                    m_error = EngineError{EngineError::Kind::Http, 0, error, {}};
                Q_EMIT progressReceived(object);
            }
        }
        break;
    }
    }
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
    const bool dropped = response.error.isConnectionProblem()
        || (response.ok() && m_resumable); // an endless stream ended: the engine went away
    if (m_resumable && dropped && m_client) {
        EngineError error = response.error;
        if (!error.isError())
            error = EngineError{EngineError::Kind::ConnectionLost, response.status,
                                QStringLiteral("the Docker engine at %1 ended the stream").arg(m_client->endpoint().toString()),
                                QStringLiteral("the engine may have stopped or restarted")};
        m_interrupted = true;
        Q_EMIT interrupted(error);
        if (m_client->state() == DockerClient::State::Connected) {
            m_client->noteConnectionProblem(error); // makes it Unreachable and starts reconnecting
        }
        if (m_client->state() == DockerClient::State::Disconnected)
            m_client->connectToEngine();
        return; // onClientState() resubmits once Connected
    }
    if (response.error.isConnectionProblem() && m_client)
        m_client->noteConnectionProblem(response.error);
    m_active = false;
    if (response.error.isError() || !m_error.isError()) // keep a pull's in-stream error
        m_error = response.error;
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
