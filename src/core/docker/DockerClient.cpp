#include "docker/DockerClient.h"

#include "docker/EngineStream.h"
#include "docker/EngineTransport.h"
#include "docker/LogDemuxer.h"
#include "docker/RegistryAuth.h"

#include <QIODevice>
#include <QJsonArray>
#include <QPromise>
#include <QTimer>
#include <QUrl>

#include <spdlog/spdlog.h>

namespace stagehand {
namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString filtersJson(const EngineFilters &filters)
{
    QJsonObject object;
    for (auto it = filters.begin(); it != filters.end(); ++it)
        object.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return QString::fromUtf8(compact(object));
}

// A GET of path (unversioned), with the engine's filters query when any are given.
EngineRequest getRequest(const QString &path, const EngineFilters &filters = {})
{
    EngineRequest r;
    r.path = path;
    if (!filters.isEmpty())
        r.query.append({QStringLiteral("filters"), filtersJson(filters)});
    return r;
}

QString encoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

template<typename T>
EngineResult<QList<T>> parseList(const EngineResponse &response)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return EngineResult<QList<T>>::failure(EngineError::protocol(
            QStringLiteral("the engine's answer is not a JSON array (%1)").arg(error.errorString())));
    QList<T> out;
    const QJsonArray array = document.array();
    for (const QJsonValue &value : array)
        out.append(T::fromJson(value.toObject()));
    return EngineResult<QList<T>>::success(out);
}

EngineResult<QJsonObject> parseObject(const EngineResponse &response)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return EngineResult<QJsonObject>::failure(EngineError::protocol(
            QStringLiteral("the engine's answer is not a JSON object (%1)").arg(error.errorString())));
    return EngineResult<QJsonObject>::success(document.object());
}

template<typename T>
EngineResult<T> parseStruct(const EngineResponse &response)
{
    const EngineResult<QJsonObject> object = parseObject(response);
    if (!object.ok())
        return EngineResult<T>::failure(object.error);
    return EngineResult<T>::success(T::fromJson(*object));
}

EngineResult<QString> parseId(const EngineResponse &response)
{
    const EngineResult<QJsonObject> object = parseObject(response);
    if (!object.ok())
        return EngineResult<QString>::failure(object.error);
    return EngineResult<QString>::success(object->value(QLatin1String("Id")).toString());
}

} // namespace

DockerClient::DockerClient(QObject *parent)
    : QObject(parent)
    , m_reconnectTimer(new QTimer(this))
{
    qRegisterMetaType<EngineError>();
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_wantConnected && m_state != State::Connected && m_state != State::Connecting)
            connectToEngine();
    });
    setEndpoint(EngineEndpoint{});
}

DockerClient::~DockerClient()
{
    // The transport's destructor joins its thread; calls still open are detached (their promises
    // are cancelled as they are destroyed with the handlers).
    m_transport.reset();
}

void DockerClient::setEndpoint(const EngineEndpoint &endpoint)
{
    m_endpoint = endpoint;
    ++m_generation;
    m_transport = std::make_shared<EngineTransport>(endpoint);
    m_apiVersion.clear();
    m_version = {};
    m_reconnectTimer->stop();
    m_wantConnected = false;
    if (m_state != State::Disconnected)
        setState(State::Disconnected);
}

void DockerClient::setReconnectDelays(int initialMs, int maximumMs)
{
    m_initialDelayMs = initialMs;
    m_maximumDelayMs = maximumMs;
    m_nextDelayMs = initialMs;
}

bool DockerClient::parseVersion(const QString &version, int *major, int *minor)
{
    const QStringList parts = version.trimmed().split(u'.');
    if (parts.size() != 2)
        return false;
    bool okMajor = false;
    bool okMinor = false;
    *major = parts.at(0).toInt(&okMajor);
    *minor = parts.at(1).toInt(&okMinor);
    return okMajor && okMinor;
}

QString DockerClient::negotiate(const QString &engineVersion)
{
    int major = 0;
    int minor = 0;
    if (!parseVersion(engineVersion, &major, &minor))
        return maxApiVersion();
    if (major > MaxApiMajor || (major == MaxApiMajor && minor > MaxApiMinor))
        return maxApiVersion();
    return QStringLiteral("%1.%2").arg(major).arg(minor);
}

QString DockerClient::versioned(const QString &path) const
{
    return QStringLiteral("/v") + (m_apiVersion.isEmpty() ? maxApiVersion() : m_apiVersion) + path;
}

void DockerClient::setState(State state, const EngineError &error)
{
    const bool changed = state != m_state || error.message != m_reason;
    m_state = state;
    m_lastError = error;
    m_reason = error.message;
    m_hint = error.hint;
    if (state == State::Connected)
        m_nextDelayMs = m_initialDelayMs;
    if (changed)
        Q_EMIT stateChanged(state);
}

void DockerClient::connectToEngine()
{
    m_wantConnected = true;
    m_reconnectTimer->stop();
    setState(State::Connecting, m_lastError);
    EngineRequest ping;
    ping.path = QStringLiteral("/_ping");
    ping.connectTimeoutMs = 5000;
    ping.timeoutMs = 10000;
    const quint64 generation = m_generation;
    m_transport->submit(std::move(ping), this, {{}, {}, [this, generation](const EngineResponse &response) {
        if (generation != m_generation || !m_wantConnected)
            return;
        if (!response.ok()) {
            setState(State::Unreachable, response.error);
            scheduleReconnect();
            return;
        }
        const QString engineApi = QString::fromLatin1(response.header(QByteArrayLiteral("api-version")));
        m_apiVersion = negotiate(engineApi);
        EngineRequest version;
        version.path = versioned(QStringLiteral("/version"));
        version.timeoutMs = 10000;
        m_transport->submit(std::move(version), this, {{}, {}, [this, generation, engineApi](const EngineResponse &answer) {
            if (generation != m_generation || !m_wantConnected)
                return;
            if (!answer.ok()) {
                setState(State::Unreachable, answer.error);
                scheduleReconnect();
                return;
            }
            m_version = answer.json().object();
            if (engineApi.isEmpty())
                m_apiVersion = negotiate(m_version.value(QLatin1String("ApiVersion")).toString());
            spdlog::info("Docker engine {} at {}: API {}", m_version.value(QLatin1String("Version")).toString().toStdString(),
                         m_endpoint.toString().toStdString(), m_apiVersion.toStdString());
            setState(State::Connected);
        }});
    }});
}

void DockerClient::disconnectFromEngine()
{
    m_wantConnected = false;
    m_reconnectTimer->stop();
    setState(State::Disconnected);
}

void DockerClient::scheduleReconnect()
{
    if (!m_autoReconnect || !m_wantConnected)
        return;
    m_reconnectTimer->start(m_nextDelayMs);
    m_nextDelayMs = std::min(m_nextDelayMs * 2, m_maximumDelayMs);
}

void DockerClient::noteConnectionProblem(const EngineError &error)
{
    if (m_state == State::Connected) {
        spdlog::warn("Docker engine connection problem: {}", error.toString().toStdString());
        setState(State::Unreachable, error);
        scheduleReconnect();
    }
}

void DockerClient::send(EngineRequest request, Done done)
{
    request.path = versioned(request.path);
    const quint64 generation = m_generation;
    m_transport->submit(std::move(request), this, {{}, {}, [this, generation, done = std::move(done)](const EngineResponse &response) {
        if (generation == m_generation
            && (response.error.isConnectionProblem() || response.error.kind == EngineError::Kind::PermissionDenied))
            noteConnectionProblem(response.error);
        done(response);
    }});
}

template<typename T, typename Parse>
QFuture<EngineResult<T>> DockerClient::call(EngineRequest request, Parse parse)
{
    auto promise = std::make_shared<QPromise<EngineResult<T>>>();
    promise->start();
    QFuture<EngineResult<T>> future = promise->future();
    send(std::move(request), [promise, parse = std::move(parse)](const EngineResponse &response) {
        promise->addResult(response.ok() ? EngineResult<T>(parse(response)) : EngineResult<T>::failure(response.error));
        promise->finish();
    });
    return future;
}

QFuture<EngineStatus> DockerClient::simple(const QByteArray &method, const QString &path,
                                           const QList<QPair<QString, QString>> &query, const QByteArray &body)
{
    EngineRequest r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.body = body;
    return call<EngineDone>(std::move(r), [](const EngineResponse &) { return EngineStatus::success({}); });
}

QFuture<EngineResult<QList<ContainerSummary>>> DockerClient::listContainers(bool all, const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/containers/json"), filters);
    if (all)
        r.query.append({QStringLiteral("all"), QStringLiteral("1")});
    return call<QList<ContainerSummary>>(std::move(r), &parseList<ContainerSummary>);
}

QFuture<EngineResult<ContainerDetails>> DockerClient::inspectContainer(const QString &id)
{
    return call<ContainerDetails>(getRequest(QStringLiteral("/containers/%1/json").arg(encoded(id))), &parseStruct<ContainerDetails>);
}

QFuture<EngineResult<QString>> DockerClient::createContainer(const QJsonObject &body, const QString &name)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/containers/create");
    if (!name.isEmpty())
        r.query.append({QStringLiteral("name"), name});
    r.body = compact(body);
    return call<QString>(std::move(r), &parseId);
}

QFuture<EngineStatus> DockerClient::startContainer(const QString &id)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/start").arg(encoded(id)));
}

QFuture<EngineStatus> DockerClient::stopContainer(const QString &id, int timeoutSeconds)
{
    QList<QPair<QString, QString>> query;
    if (timeoutSeconds >= 0)
        query.append({QStringLiteral("t"), QString::number(timeoutSeconds)});
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/stop").arg(encoded(id)), query);
}

QFuture<EngineStatus> DockerClient::restartContainer(const QString &id, int timeoutSeconds)
{
    QList<QPair<QString, QString>> query;
    if (timeoutSeconds >= 0)
        query.append({QStringLiteral("t"), QString::number(timeoutSeconds)});
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/restart").arg(encoded(id)), query);
}

QFuture<EngineStatus> DockerClient::killContainer(const QString &id, const QString &signal)
{
    QList<QPair<QString, QString>> query;
    if (!signal.isEmpty())
        query.append({QStringLiteral("signal"), signal});
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/kill").arg(encoded(id)), query);
}

QFuture<EngineStatus> DockerClient::pauseContainer(const QString &id)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/pause").arg(encoded(id)));
}

QFuture<EngineStatus> DockerClient::unpauseContainer(const QString &id)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/unpause").arg(encoded(id)));
}

QFuture<EngineStatus> DockerClient::removeContainer(const QString &id, bool force, bool volumes)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/containers/%1").arg(encoded(id)),
                  {{QStringLiteral("force"), force ? QStringLiteral("1") : QStringLiteral("0")},
                   {QStringLiteral("v"), volumes ? QStringLiteral("1") : QStringLiteral("0")}});
}

QFuture<EngineStatus> DockerClient::renameContainer(const QString &id, const QString &newName)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/rename").arg(encoded(id)),
                  {{QStringLiteral("name"), newName}});
}

QFuture<EngineResult<int>> DockerClient::waitContainer(const QString &id, const QString &condition)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/containers/%1/wait").arg(encoded(id));
    r.query.append({QStringLiteral("condition"), condition});
    r.timeoutMs = 0; // as long as the container runs
    return call<int>(std::move(r), [](const EngineResponse &response) {
        const QJsonObject object = response.json().object();
        const QString error = object.value(QLatin1String("Error")).toObject().value(QLatin1String("Message")).toString();
        if (!error.isEmpty())
            return EngineResult<int>::failure(EngineError::protocol(error));
        return EngineResult<int>::success(object.value(QLatin1String("StatusCode")).toInt());
    });
}

QFuture<EngineResult<ExecResult>> DockerClient::exec(const QString &id, const QStringList &cmd, const ExecOptions &options)
{
    auto promise = std::make_shared<QPromise<EngineResult<ExecResult>>>();
    promise->start();
    QFuture<EngineResult<ExecResult>> future = promise->future();
    auto fail = [promise](const EngineError &error) {
        promise->addResult(EngineResult<ExecResult>::failure(error));
        promise->finish();
    };

    QJsonObject config{{QStringLiteral("AttachStdout"), true},
                       {QStringLiteral("AttachStderr"), true},
                       {QStringLiteral("AttachStdin"), false},
                       {QStringLiteral("Tty"), false},
                       {QStringLiteral("Cmd"), QJsonArray::fromStringList(cmd)}};
    if (!options.environment.isEmpty())
        config.insert(QStringLiteral("Env"), QJsonArray::fromStringList(options.environment));
    if (!options.workingDirectory.isEmpty())
        config.insert(QStringLiteral("WorkingDir"), options.workingDirectory);
    if (!options.user.isEmpty())
        config.insert(QStringLiteral("User"), options.user);

    EngineRequest create;
    create.method = QByteArrayLiteral("POST");
    create.path = QStringLiteral("/containers/%1/exec").arg(encoded(id));
    create.body = compact(config);
    send(std::move(create), [this, promise, fail](const EngineResponse &created) {
        if (!created.ok())
            return fail(created.error);
        const QString execId = created.json().object().value(QLatin1String("Id")).toString();
        EngineRequest start;
        start.method = QByteArrayLiteral("POST");
        start.path = QStringLiteral("/exec/%1/start").arg(encoded(execId));
        start.body = compact(QJsonObject{{QStringLiteral("Detach"), false}, {QStringLiteral("Tty"), false}});
        start.timeoutMs = 0; // as long as the command runs
        send(std::move(start), [this, promise, fail, execId](const EngineResponse &output) {
            if (!output.ok())
                return fail(output.error);
            auto result = std::make_shared<ExecResult>();
            LogDemuxer demuxer(false);
            const QList<LogChunk> chunks = demuxer.feed(output.body);
            for (const LogChunk &chunk : chunks)
                (chunk.stream == LogChunk::Stream::Stderr ? result->standardError : result->standardOutput) += chunk.data;
            inspectExec(execId, promise, result, 0);
        });
    });
    return future;
}

void DockerClient::inspectExec(const QString &execId, const std::shared_ptr<QPromise<EngineResult<ExecResult>>> &promise,
                               const std::shared_ptr<ExecResult> &result, int attempt)
{
    // The exit code: exec inspect, until the engine has noticed the end (Running false).
    EngineRequest r;
    r.path = QStringLiteral("/exec/%1/json").arg(encoded(execId));
    send(std::move(r), [this, execId, promise, result, attempt](const EngineResponse &answer) {
        if (!answer.ok()) {
            promise->addResult(EngineResult<ExecResult>::failure(answer.error));
            promise->finish();
            return;
        }
        const QJsonObject object = answer.json().object();
        if (object.value(QLatin1String("Running")).toBool() && attempt < 250) {
            QTimer::singleShot(20, this, [this, execId, promise, result, attempt] { inspectExec(execId, promise, result, attempt + 1); });
            return;
        }
        result->exitCode = object.value(QLatin1String("ExitCode")).toInt(-1);
        promise->addResult(EngineResult<ExecResult>::success(*result));
        promise->finish();
    });
}

QFuture<EngineResult<qint64>> DockerClient::getArchive(const QString &id, const QString &path, QIODevice *out)
{
    auto promise = std::make_shared<QPromise<EngineResult<qint64>>>();
    promise->start();
    QFuture<EngineResult<qint64>> future = promise->future();
    auto written = std::make_shared<qint64>(0);
    auto writeError = std::make_shared<QString>();
    QPointer<QIODevice> device(out);
    EngineRequest r;
    r.path = versioned(QStringLiteral("/containers/%1/archive").arg(encoded(id)));
    r.query.append({QStringLiteral("path"), path});
    r.streaming = true;
    const quint64 generation = m_generation;
    EngineTransport::Handlers handlers;
    handlers.onChunk = [device, written, writeError](const QByteArray &chunk) {
        if (!writeError->isEmpty())
            return;
        if (!device || device->write(chunk) != chunk.size()) {
            *writeError = device ? device->errorString() : QStringLiteral("the output device is gone");
            return;
        }
        *written += chunk.size();
    };
    handlers.onFinished = [this, promise, written, writeError, generation](const EngineResponse &response) {
        if (generation == m_generation && response.error.isConnectionProblem())
            noteConnectionProblem(response.error);
        if (!response.ok())
            promise->addResult(EngineResult<qint64>::failure(response.error));
        else if (!writeError->isEmpty())
            promise->addResult(EngineResult<qint64>::failure(
                EngineError::protocol(QStringLiteral("writing the archive failed: %1").arg(*writeError))));
        else
            promise->addResult(EngineResult<qint64>::success(*written));
        promise->finish();
    };
    m_transport->submit(std::move(r), this, std::move(handlers));
    return future;
}

QFuture<EngineStatus> DockerClient::putArchive(const QString &id, const QString &path, QIODevice *source)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("PUT");
    r.path = QStringLiteral("/containers/%1/archive").arg(encoded(id));
    r.query.append({QStringLiteral("path"), path});
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-tar")});
    r.body = source->readAll();
    r.timeoutMs = 0;
    return call<EngineDone>(std::move(r), [](const EngineResponse &) { return EngineStatus::success({}); });
}

QFuture<EngineStatus> DockerClient::putArchive(const QString &id, const QString &path,
                                               std::function<qint64(char *, qint64)> upload)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("PUT");
    r.path = QStringLiteral("/containers/%1/archive").arg(encoded(id));
    r.query.append({QStringLiteral("path"), path});
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-tar")});
    r.upload = std::move(upload);
    r.timeoutMs = 0;
    return call<EngineDone>(std::move(r), [](const EngineResponse &) { return EngineStatus::success({}); });
}

QFuture<EngineResult<QList<ImageSummary>>> DockerClient::listImages(const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/images/json"), filters);
    return call<QList<ImageSummary>>(std::move(r), &parseList<ImageSummary>);
}

QFuture<EngineResult<ImageSummary>> DockerClient::inspectImage(const QString &reference)
{
    // References keep their '/' and ':'.
    return call<ImageSummary>(getRequest(QStringLiteral("/images/%1/json").arg(reference)), &parseStruct<ImageSummary>);
}

QFuture<EngineStatus> DockerClient::tagImage(const QString &reference, const QString &repository, const QString &tag)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/images/%1/tag").arg(reference),
                  {{QStringLiteral("repo"), repository}, {QStringLiteral("tag"), tag}});
}

QFuture<EngineStatus> DockerClient::removeImage(const QString &reference, bool force)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/images/%1").arg(reference),
                  {{QStringLiteral("force"), force ? QStringLiteral("1") : QStringLiteral("0")}});
}

QFuture<EngineResult<QList<NetworkSummary>>> DockerClient::listNetworks(const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/networks"), filters);
    return call<QList<NetworkSummary>>(std::move(r), &parseList<NetworkSummary>);
}

QFuture<EngineResult<NetworkSummary>> DockerClient::inspectNetwork(const QString &idOrName)
{
    return call<NetworkSummary>(getRequest(QStringLiteral("/networks/%1").arg(encoded(idOrName))), &parseStruct<NetworkSummary>);
}

QFuture<EngineResult<QString>> DockerClient::createNetwork(const QJsonObject &body)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/networks/create");
    QJsonObject withCheck = body;
    if (!withCheck.contains(QLatin1String("CheckDuplicate")))
        withCheck.insert(QStringLiteral("CheckDuplicate"), true);
    r.body = compact(withCheck);
    return call<QString>(std::move(r), &parseId);
}

QFuture<EngineStatus> DockerClient::removeNetwork(const QString &idOrName)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/networks/%1").arg(encoded(idOrName)));
}

QFuture<EngineResult<QList<VolumeSummary>>> DockerClient::listVolumes(const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/volumes"), filters);
    return call<QList<VolumeSummary>>(std::move(r), [](const EngineResponse &response) {
        QList<VolumeSummary> out;
        const QJsonArray volumes = response.json().object().value(QLatin1String("Volumes")).toArray();
        for (const QJsonValue &v : volumes)
            out.append(VolumeSummary::fromJson(v.toObject()));
        return EngineResult<QList<VolumeSummary>>::success(out);
    });
}

QFuture<EngineResult<VolumeSummary>> DockerClient::inspectVolume(const QString &name)
{
    return call<VolumeSummary>(getRequest(QStringLiteral("/volumes/%1").arg(encoded(name))), &parseStruct<VolumeSummary>);
}

QFuture<EngineResult<VolumeSummary>> DockerClient::createVolume(const QString &name, const QMap<QString, QString> &labels,
                                                                const QString &driver)
{
    QJsonObject labelObject;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        labelObject.insert(it.key(), it.value());
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/volumes/create");
    r.body = compact(QJsonObject{{QStringLiteral("Name"), name}, {QStringLiteral("Driver"), driver},
                                 {QStringLiteral("Labels"), labelObject}});
    return call<VolumeSummary>(std::move(r), &parseStruct<VolumeSummary>);
}

QFuture<EngineStatus> DockerClient::removeVolume(const QString &name, bool force)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/volumes/%1").arg(encoded(name)),
                  {{QStringLiteral("force"), force ? QStringLiteral("1") : QStringLiteral("0")}});
}

QFuture<EngineResult<QJsonObject>> DockerClient::info()
{
    EngineRequest r;
    r.path = QStringLiteral("/info");
    return call<QJsonObject>(std::move(r), &parseObject);
}

QFuture<EngineResult<QJsonObject>> DockerClient::diskUsage()
{
    EngineRequest r;
    r.path = QStringLiteral("/system/df");
    r.timeoutMs = 0; // sizes every layer and volume: slow on big hosts
    return call<QJsonObject>(std::move(r), &parseObject);
}

QFuture<EngineResult<QJsonDocument>> DockerClient::request(const QByteArray &method, const QString &path,
                                                           const QList<QPair<QString, QString>> &query, const QByteArray &body)
{
    EngineRequest r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.body = body;
    return call<QJsonDocument>(std::move(r), [](const EngineResponse &response) {
        return EngineResult<QJsonDocument>::success(response.json());
    });
}

EngineStream *DockerClient::logs(const QString &id, const LogOptions &options, QObject *parent)
{
    EngineRequest r;
    r.path = QStringLiteral("/containers/%1/logs").arg(encoded(id));
    auto flag = [](bool on) { return on ? QStringLiteral("1") : QStringLiteral("0"); };
    r.query = {{QStringLiteral("follow"), flag(options.follow)},
               {QStringLiteral("stdout"), flag(options.stdoutStream)},
               {QStringLiteral("stderr"), flag(options.stderrStream)},
               {QStringLiteral("timestamps"), flag(options.timestamps)},
               {QStringLiteral("tail"), options.tail.isEmpty() ? QStringLiteral("all") : options.tail}};
    if (!options.since.isEmpty())
        r.query.append({QStringLiteral("since"), options.since});
    if (!options.until.isEmpty())
        r.query.append({QStringLiteral("until"), options.until});
    auto *stream = new EngineStream(this, EngineStream::Kind::Logs, std::move(r), parent);
    if (options.tty) {
        stream->setTty(*options.tty);
        stream->submit();
    } else {
        // Multiplexed or raw: the container's Config.Tty says.
        EngineRequest inspect;
        inspect.path = versioned(QStringLiteral("/containers/%1/json").arg(encoded(id)));
        m_transport->submit(std::move(inspect), stream, {{}, {}, [stream](const EngineResponse &response) {
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
    stream->submit();
    return stream;
}

} // namespace stagehand

namespace stagehand {

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
