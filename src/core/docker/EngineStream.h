#pragma once

#include "docker/EngineError.h"
#include "docker/EngineEvent.h"
#include "docker/EngineRequest.h"
#include "docker/EngineResponse.h"
#include "docker/JsonLineSplitter.h"
#include "docker/LogChunk.h"
#include "docker/LogDemuxer.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

namespace stagehand {

class DockerClient;
class EngineTransport;

// One long-lived answer of the engine (logs, events, stats), decoded as it arrives. Made by
// DockerClient, owned by the caller: destroying it (or cancel()) ends the request, and no signal
// comes afterwards.
//
// Events and stats streams survive the engine going away: on a drop they emit interrupted(), the
// client reconnects with backoff, and once it is Connected again the stream starts over and emits
// resumed(); the events stream asks for since=<timeNano of the last event> and drops the events it
// already delivered, so every event arrives exactly once. Logs and pull streams end with
// finished(error); a pull's {"error": ...} line is its error even though the HTTP status was 200.
class EngineStream final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineStream)

public:
    enum class Kind { Logs, Events, Stats, Pull };
    Q_ENUM(Kind)

    ~EngineStream() override;

    Kind kind() const { return m_kind; }
    bool isActive() const { return m_active; }      // not finished (maybe waiting for the engine)
    bool isInterrupted() const { return m_interrupted; }
    EngineError error() const { return m_error; }   // why it finished, if it failed
    qint64 lastEventTimeNano() const { return m_lastTimeNano; }
    int resumeCount() const { return m_resumes; }
    // The query of the last request sent (for tests and diagnostics).
    QList<QPair<QString, QString>> lastQuery() const { return m_lastQuery; }

    void cancel();

Q_SIGNALS:
    void started(); // the engine accepted the request (also after each resume)
    void logReceived(const stagehand::LogChunk &chunk);
    void eventReceived(const stagehand::EngineEvent &event);
    void statsReceived(const QJsonObject &sample);
    // Pull: one progress line ({"status", "id" (the layer), "progressDetail": {"current", "total"}}).
    void progressReceived(const QJsonObject &progress);
    void interrupted(const stagehand::EngineError &error);
    void resumed();
    void finished(const stagehand::EngineError &error); // error.isError() is false for a normal end

private:
    friend class DockerClient;
    EngineStream(DockerClient *client, Kind kind, EngineRequest request, QObject *parent);

    void setTty(bool tty) { m_demuxer = LogDemuxer(tty); }
    void setSince(const QString &since) { m_since = since; }
    void setResumable(bool resumable) { m_resumable = resumable; }
    void submit();
    void fail(const EngineError &error);
    void onHeaders(const EngineResponse &head);
    void onChunk(const QByteArray &chunk);
    void onFinished(const EngineResponse &response);
    void onClientState();
    void deliverEvent(const QJsonObject &object);

    QPointer<DockerClient> m_client;
    Kind m_kind;
    EngineRequest m_request; // unversioned path
    std::weak_ptr<EngineTransport> m_transport;
    quint64 m_requestId = 0;
    bool m_submitted = false;
    LogDemuxer m_demuxer;
    JsonLineSplitter m_splitter;
    QString m_since;
    bool m_resumable = false;
    bool m_active = true;
    bool m_interrupted = false;
    bool m_startedOnce = false;
    int m_resumes = 0;
    EngineError m_error;
    qint64 m_lastTimeNano = 0;
    QSet<QString> m_keysAtLastTime;
    QList<QPair<QString, QString>> m_lastQuery;
};

} // namespace stagehand
