#pragma once

#include "docker/EngineError.h"
#include "docker/EngineEvent.h"
#include "docker/EngineRequest.h"
#include "docker/EngineResponse.h"
#include "docker/JsonLineSplitter.h"
#include "docker/LogChunk.h"
#include "docker/LogDemuxer.h"
#include "docker/PullProgress.h"
#include "docker/StatsSample.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace stagehand {

class DockerClient;
class EngineTransport;

// One long-lived answer of the engine (logs, events, stats, pull, push, build, load), decoded as it arrives. Made by
// DockerClient, owned by the caller: destroying it (or cancel()) ends the request, and no signal
// comes afterwards.
//
// Events and stats streams survive the engine going away: on a drop they emit interrupted(), the
// client reconnects with backoff, and once it is Connected again the stream starts over and emits
// resumed(); the events stream asks for since=<timeNano of the last event> and drops the events it
// already delivered, so every event arrives exactly once. A follow-mode logs stream survives a drop
// too: it asks for timestamps (and strips them again unless the caller asked for them), resumes with
// since=<the last line's timestamp> and drops the lines it already delivered; it then delivers one
// LogChunk per line. It ends (finished()) when the container stopped or is gone (looked at again a
// second after the stream ended, since an engine shutting down stops its containers first). A stats
// stream ends the same way when the engine ends it because its container was removed (a stopped
// container's stream goes on with zeros): never taken for an outage. Other logs streams,
// and pull, push, build and load streams end with finished(error); their {"error": ...} /
// errorDetail line is their error even though the HTTP status was 200.
//
// Progress streams (pull, push, build, load) emit each JSON line as progressReceived(), aggregated
// per layer in progress(); "stream" text (build output, load's "Loaded image: ...") as
// outputReceived(); "aux" objects as auxReceived() (a build's {"ID"}, a push's {"Tag", "Digest", "Size"}).
class EngineStream final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineStream)

public:
    enum class Kind { Logs, Events, Stats, Pull, Push, Build, Load };
    Q_ENUM(Kind)

    ~EngineStream() override;

    Kind kind() const { return m_kind; }
    bool isActive() const { return m_active; } // not finished (maybe waiting for the engine)
    bool isInterrupted() const { return m_interrupted; }
    EngineError error() const { return m_error; } // why it finished, if it failed
    qint64 lastEventTimeNano() const { return m_lastTimeNano; }
    int resumeCount() const { return m_resumes; }
    // The query of the last request sent (for tests and diagnostics).
    QList<QPair<QString, QString>> lastQuery() const { return m_lastQuery; }

    // Pull and push: the per-layer progress so far.
    const PullProgress &progress() const { return m_progress; }
    // Build: the built image's ID (from the aux line), once finished.
    QString imageId() const { return m_imageId; }
    // Load: the images loaded ("name:tag", or "sha256:..." for untagged ones).
    QStringList loadedImages() const { return m_loadedImages; }
    // Logs: the timestamp (unix nanoseconds) of the last line delivered, when resumable.
    qint64 lastLogTimeNano() const { return m_lastLogNano; }

    void cancel();

Q_SIGNALS:
    void started(); // the engine accepted the request (also after each resume)
    void logReceived(const stagehand::LogChunk &chunk);
    void eventReceived(const stagehand::EngineEvent &event);
    void statsReceived(const QJsonObject &sample);
    // The same object, computed through StatsCalculator (emitted right after statsReceived()).
    void statsSampleReceived(const stagehand::StatsSample &sample);
    // Pull: one progress line ({"status", "id" (the layer), "progressDetail": {"current", "total"}}).
    void progressReceived(const QJsonObject &progress);
    // Build and load: the text of a {"stream": ...} line (build steps' output, "Loaded image: ...").
    void outputReceived(const QString &text);
    // Build and push: the object of an {"aux": ...} line.
    void auxReceived(const QJsonObject &aux);
    void interrupted(const stagehand::EngineError &error);
    void resumed();
    void finished(const stagehand::EngineError &error); // error.isError() is false for a normal end

private:
    friend class DockerClient;
    EngineStream(DockerClient *client, Kind kind, EngineRequest request, QObject *parent);

    void setTty(bool tty) { m_demuxer = demuxer(tty); }
    LogDemuxer demuxer(bool tty) const;
    void emitLogLine(int stream);
    void setSince(const QString &since) { m_since = since; }
    void setResumable(bool resumable) { m_resumable = resumable; }
    // Logs: resume after drops; keepTimestamps: the caller asked for timestamps.
    void setResumableLogs(const QString &containerId, bool keepTimestamps);
    void setUploadError(std::shared_ptr<QString> error) { m_uploadError = std::move(error); }
    void submit();
    void fail(const EngineError &error);
    void onHeaders(const EngineResponse &head);
    void onChunk(const QByteArray &chunk);
    void onFinished(const EngineResponse &response);
    void onClientState();
    void deliverEvent(const QJsonObject &object);
    void deliverProgress(const QJsonObject &object);
    void deliverLogLines(const LogChunk &chunk);
    // A follow-mode logs or a stats stream ended: an outage (interrupt and resume), or its
    // container stopped (finished), found out by inspecting the container.
    void checkContainerAfterEnd(int attempt = 0);
    void setContainerId(const QString &containerId) { m_containerId = containerId; }
    void interrupt(const EngineError &error);

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
    PullProgress m_progress;
    QString m_imageId;
    QStringList m_loadedImages;
    std::shared_ptr<QString> m_uploadError; // set by an upload source that failed
    // resumable logs
    QString m_containerId;
    bool m_resumableLogs = false;
    bool m_keepTimestamps = false;
    // Per stream, for resumable logs: the line so far (timestamps stripped unless kept), the
    // timestamp it started with, and a frame's timestamp while it is still arriving.
    QByteArray m_partial[3];
    std::optional<qint64> m_lineNanos[3];
    bool m_inStamp[3] = {true, true, true};
    QByteArray m_stamp[3];
    qint64 m_lastLogNano = 0;     // the latest line delivered
    qint64 m_resumedFromNano = 0; // the since= of the last resume (0: never resumed)
    QSet<QByteArray> m_linesAtLastNano;
};

} // namespace stagehand
