#pragma once

#include "docker/ContainerDetails.h"
#include "docker/ContainerSummary.h"
#include "docker/EngineEndpoint.h"
#include "docker/EngineError.h"
#include "docker/EngineRequest.h"
#include "docker/EngineResponse.h"
#include "docker/EngineResult.h"
#include "docker/EngineStream.h"
#include "docker/ExecResult.h"
#include "docker/ImageSummary.h"
#include "docker/NetworkSummary.h"
#include "docker/PruneReport.h"
#include "docker/VolumeSummary.h"

#include <QFuture>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;
class QTimer;

namespace stagehand {

class EngineStream;
class EngineTransport;

// Filters as the engine takes them: {"label": ["com.docker.compose.project=demo"], "status": [...]}
using EngineFilters = QMap<QString, QStringList>;

struct LogOptions {
    bool follow = false; // follow streams resume after engine drops (see EngineStream)
    bool stdoutStream = true;
    bool stderrStream = true;
    bool timestamps = false;
    QString tail = QStringLiteral("all"); // "all" or a number of lines
    QString since;                        // unix time ("1700000000", "1700000000.5") or empty
    QString until;
    std::optional<bool> tty; // unset: inspect the container to find out
};

struct EventOptions {
    EngineFilters filters;
    QString since; // unix time, "<seconds>.<nanoseconds>" or empty (from now)
    QString until; // empty: endless (resumes after reconnects)
};

// POST /build: the classic builder (the engine's; BuildKit is not used).
struct BuildOptions {
    QString contextDirectory;                          // sent as a tar, less what its .dockerignore excludes
    QString dockerfile = QStringLiteral("Dockerfile"); // relative to the context
    QStringList tags;                                  // "name:tag" each (t=)
    QMap<QString, QString> buildArgs;                  // ARG values (buildargs=)
    QMap<QString, QString> labels;                     // labels=
    bool noCache = false;                              // nocache=
    bool pull = false;                                 // pull=: always look for a newer FROM image
    bool removeIntermediate = true;                    // rm=
    bool forceRemoveIntermediate = false;              // forcerm=: also after a failed step
    QString networkMode;     // networkmode= for RUN steps ("none", "host", a network); empty: the engine default (bridge)
    QString dockerConfigDir; // credentials for pulling FROM images (X-Registry-Config); empty: $DOCKER_CONFIG or ~/.docker
};

struct ExecOptions {
    QStringList environment; // "NAME=value"
    QString workingDirectory;
    QString user;
};

// The Docker Engine API for one engine (issue 4). Lives on the thread that created it (the GUI
// thread or a worker with an event loop); all network I/O happens on its EngineTransport's one I/O
// thread, and every result and signal is delivered back on the client's thread.
//
// connectToEngine() pings the engine and negotiates the API version (the engine's, at most
// MaxApiVersion); every call's path is prefixed with /v<version>. The connection state follows
// what happens to requests: a call or stream that cannot reach the engine makes it Unreachable (with
// reason and hint) and, with autoReconnect, the client pings again with backoff until it answers.
//
// Calls return QFuture<EngineResult<T>>; the future finishes on the client's thread and never
// throws: errors are in EngineResult::error. Streams are EngineStream objects owned by the caller.
class DockerClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DockerClient)

public:
    enum class State { Disconnected, Connecting, Connected, Unreachable };
    Q_ENUM(State)

    static constexpr int MaxApiMajor = 1;
    static constexpr int MaxApiMinor = 41;
    static QString maxApiVersion() { return QStringLiteral("1.41"); }

    explicit DockerClient(QObject *parent = nullptr);
    ~DockerClient() override;

    // Replaces the transport (requests in flight on the old one fail) and disconnects.
    void setEndpoint(const EngineEndpoint &endpoint);
    EngineEndpoint endpoint() const { return m_endpoint; }

    void connectToEngine();
    void disconnectFromEngine();
    State state() const { return m_state; }
    QString stateReason() const { return m_reason; }
    QString stateHint() const { return m_hint; }
    EngineError lastError() const { return m_lastError; }
    QString apiVersion() const { return m_apiVersion; }     // negotiated; empty before
    QJsonObject engineVersion() const { return m_version; } // GET /version
    void setAutoReconnect(bool enabled) { m_autoReconnect = enabled; }
    void setReconnectDelays(int initialMs, int maximumMs);

    // Containers
    QFuture<EngineResult<QList<ContainerSummary>>> listContainers(bool all = true, const EngineFilters &filters = {});
    QFuture<EngineResult<ContainerDetails>> inspectContainer(const QString &id);
    // body: the Engine API's create config (Image, Cmd, Labels, HostConfig, ...); returns the id
    QFuture<EngineResult<QString>> createContainer(const QJsonObject &body, const QString &name = {});
    QFuture<EngineStatus> startContainer(const QString &id);
    QFuture<EngineStatus> stopContainer(const QString &id, int timeoutSeconds = -1);
    QFuture<EngineStatus> restartContainer(const QString &id, int timeoutSeconds = -1);
    QFuture<EngineStatus> killContainer(const QString &id, const QString &signal = {});
    QFuture<EngineStatus> pauseContainer(const QString &id);
    QFuture<EngineStatus> unpauseContainer(const QString &id);
    QFuture<EngineStatus> removeContainer(const QString &id, bool force = false, bool volumes = false);
    QFuture<EngineStatus> renameContainer(const QString &id, const QString &newName);
    // Waits until the container stops ("not-running", "next-exit", "removed"); its exit code.
    QFuture<EngineResult<int>> waitContainer(const QString &id, const QString &condition = QStringLiteral("not-running"));

    // Runs cmd in a running container to its end: stdout and stderr apart, and the exit code.
    QFuture<EngineResult<ExecResult>> exec(const QString &id, const QStringList &cmd, const ExecOptions &options = {});

    // GET /containers/{id}/archive: a tar of path, written to out as it arrives (on this thread);
    // the number of bytes written.
    QFuture<EngineResult<qint64>> getArchive(const QString &id, const QString &path, QIODevice *out);
    // PUT /containers/{id}/archive: extracts the tar read (whole) from source into the directory path.
    QFuture<EngineStatus> putArchive(const QString &id, const QString &path, QIODevice *source);
    // The same, streaming: upload is called on the transport's I/O thread for the next bytes
    // (returns the count written, 0 at the end, -1 to abort).
    QFuture<EngineStatus> putArchive(const QString &id, const QString &path, std::function<qint64(char *, qint64)> upload);

    // Images
    QFuture<EngineResult<QList<ImageSummary>>> listImages(const EngineFilters &filters = {});
    QFuture<EngineResult<ImageSummary>> inspectImage(const QString &reference);
    QFuture<EngineStatus> tagImage(const QString &reference, const QString &repository, const QString &tag);
    QFuture<EngineStatus> removeImage(const QString &reference, bool force = false);
    // GET /images/get?names=...: the tar of the images (as `docker save`), written to out as it
    // arrives (never held whole); the number of bytes written.
    QFuture<EngineResult<qint64>> saveImages(const QStringList &references, QIODevice *out);
    // The same into the file at path, atomically (QSaveFile: there only if it all arrived).
    QFuture<EngineResult<qint64>> saveImagesToFile(const QStringList &references, const QString &path);

    // Networks
    QFuture<EngineResult<QList<NetworkSummary>>> listNetworks(const EngineFilters &filters = {});
    QFuture<EngineResult<NetworkSummary>> inspectNetwork(const QString &idOrName);
    // body: {"Name", "Driver", "Labels", "IPAM": {"Config": [{"Subnet", "Gateway"}]}, ...}; the id
    QFuture<EngineResult<QString>> createNetwork(const QJsonObject &body);
    QFuture<EngineStatus> removeNetwork(const QString &idOrName);

    // Volumes
    QFuture<EngineResult<QList<VolumeSummary>>> listVolumes(const EngineFilters &filters = {});
    QFuture<EngineResult<VolumeSummary>> inspectVolume(const QString &name);
    QFuture<EngineResult<VolumeSummary>> createVolume(const QString &name, const QMap<QString, QString> &labels = {},
                                                      const QString &driver = QStringLiteral("local"));
    QFuture<EngineStatus> removeVolume(const QString &name, bool force = false);

    // System
    QFuture<EngineResult<QJsonObject>> info();
    QFuture<EngineResult<QJsonObject>> diskUsage();
    // Any call: the versioned path ("/containers/json"), the answer's JSON.
    QFuture<EngineResult<QJsonDocument>> request(const QByteArray &method, const QString &path,
                                                 const QList<QPair<QString, QString>> &query = {}, const QByteArray &body = {});

    // Streams (owned by parent, or by the caller when parent is null; cancelled when destroyed).
    EngineStream *logs(const QString &id, const LogOptions &options, QObject *parent = nullptr);
    EngineStream *events(const EventOptions &options, QObject *parent = nullptr);
    EngineStream *stats(const QString &id, QObject *parent = nullptr);
    // POST /images/create?fromImage=reference, with X-Registry-Auth from the docker config
    // (RegistryAuth); progress per layer as progressReceived(), the outcome as finished().
    EngineStream *pullImage(const QString &reference, QObject *parent = nullptr, const QString &dockerConfigDir = {});
    // POST /images/{name}/push?tag=..., with X-Registry-Auth from the docker config (an empty one
    // when it has none); progress per layer as for a pull; a refusal of the registry (wrong password,
    // no such repository) is the stream's error.
    EngineStream *pushImage(const QString &reference, QObject *parent = nullptr, const QString &dockerConfigDir = {});
    // POST /images/load: uploads the tar at tarPath as it is read (never whole in memory); the stream's
    // loadedImages() says what was loaded, its error why not.
    EngineStream *loadImages(const QString &tarPath, QObject *parent = nullptr);
    // POST /build: the context directory as a tar made while it uploads; build output as
    // outputReceived(), the image ID as imageId() once finished, a failed step as the error.
    EngineStream *buildImage(const BuildOptions &options, QObject *parent = nullptr);

    // Prune: what it would remove (from list calls with the prune's filters), and the prune itself.
    // filters narrow both ("label": ["io.stagehand.test=run"], "label!": [...]); "until" is not
    // supported by the previews.
    QFuture<EngineResult<PruneReport>> previewPrune(PruneReport::Target target, const EngineFilters &filters = {});
    QFuture<EngineResult<PruneReport>> prune(PruneReport::Target target, const EngineFilters &filters = {});

    // Parses "1.41" (false if malformed) and compares versions; for negotiation and tests.
    static bool parseVersion(const QString &version, int *major, int *minor);
    static QString negotiate(const QString &engineVersion);

Q_SIGNALS:
    void stateChanged(stagehand::DockerClient::State state);

private:
    friend class EngineStream;
    using Done = std::function<void(const EngineResponse &)>;

    // path is unversioned ("/containers/json"); done runs on this thread.
    void send(EngineRequest request, Done done);
    QString versioned(const QString &path) const;
    std::shared_ptr<EngineTransport> transport() const { return m_transport; }
    void setState(State state, const EngineError &error = {});
    void noteConnectionProblem(const EngineError &error);
    void scheduleReconnect();
    template <typename T, typename Parse> QFuture<EngineResult<T>> call(EngineRequest request, Parse parse);
    void inspectExec(const QString &execId, const std::shared_ptr<QPromise<EngineResult<ExecResult>>> &promise,
                     const std::shared_ptr<ExecResult> &result, int attempt);
    // Streams a GET's 2xx body into out (on this thread); done gets the byte count.
    void download(EngineRequest request, QIODevice *out, std::function<void(const EngineResult<qint64> &)> done);
    // A stream that fails with error as soon as the event loop runs (its signals connected by then).
    EngineStream *failedStream(EngineStream::Kind kind, const EngineError &error, QObject *parent);
    QFuture<EngineStatus> simple(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &query = {},
                                 const QByteArray &body = {});

    EngineEndpoint m_endpoint;
    std::shared_ptr<EngineTransport> m_transport;
    quint64 m_generation = 0; // bumped with each transport, to ignore what an old one reports
    State m_state = State::Disconnected;
    QString m_reason;
    QString m_hint;
    EngineError m_lastError;
    QString m_apiVersion;
    QJsonObject m_version;
    bool m_autoReconnect = true;
    bool m_wantConnected = false;
    int m_initialDelayMs = 250;
    int m_maximumDelayMs = 5000;
    int m_nextDelayMs = 250;
    QTimer *m_reconnectTimer = nullptr;
};

} // namespace stagehand
