#include "docker/DockerClient.h"

#include "docker/DockerClientInternal.h"
#include "docker/EngineTransport.h"

#include <QIODevice>
#include <QPointer>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace stagehand {
using namespace detail;

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
    m_transport->submit(std::move(ping), this,
                        {{}, {}, [this, generation](const EngineResponse &response) {
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
                             m_transport->submit(
                                 std::move(version), this,
                                 {{}, {}, [this, generation, engineApi](const EngineResponse &answer) {
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
                                      spdlog::info("Docker engine {} at {}: API {}",
                                                   m_version.value(QLatin1String("Version")).toString().toStdString(),
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
    m_transport->submit(std::move(request), this,
                        {{}, {}, [this, generation, done = std::move(done)](const EngineResponse &response) {
                             if (generation == m_generation && (response.error.isConnectionProblem() ||
                                                                response.error.kind == EngineError::Kind::PermissionDenied))
                                 noteConnectionProblem(response.error);
                             done(response);
                         }});
}

void DockerClient::download(EngineRequest request, QIODevice *out, std::function<void(const EngineResult<qint64> &)> done)
{
    auto written = std::make_shared<qint64>(0);
    auto writeError = std::make_shared<QString>();
    QPointer<QIODevice> device(out);
    request.path = versioned(request.path);
    request.streaming = true;
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
    handlers.onFinished = [this, written, writeError, generation, done = std::move(done)](const EngineResponse &response) {
        if (generation == m_generation && response.error.isConnectionProblem())
            noteConnectionProblem(response.error);
        if (!response.ok())
            done(EngineResult<qint64>::failure(response.error));
        else if (!writeError->isEmpty())
            done(EngineResult<qint64>::failure(
                EngineError::protocol(QStringLiteral("writing the output failed: %1").arg(*writeError))));
        else
            done(EngineResult<qint64>::success(*written));
    };
    m_transport->submit(std::move(request), this, std::move(handlers));
}

EngineStream *DockerClient::failedStream(EngineStream::Kind kind, const EngineError &error, QObject *parent)
{
    auto *stream = new EngineStream(this, kind, EngineRequest{}, parent);
    QMetaObject::invokeMethod(
        stream, [stream, error] { stream->fail(error); }, Qt::QueuedConnection);
    return stream;
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

} // namespace stagehand
