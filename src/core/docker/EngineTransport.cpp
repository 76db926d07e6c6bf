#include "docker/EngineTransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QPointer>
#include <QUrl>

#include <curl/curl.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace stagehand {
namespace {

void initializeCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Where one request's results go. Shared between the I/O thread (which posts) and the receiver's
// thread (which runs the handlers); the mutex keeps the receiver alive while something is posted
// to it: detaching (cancel, receiver destroyed) takes the same mutex.
struct Sink {
    std::mutex mutex;
    QObject *receiver = nullptr;        // guarded by mutex; null once detached
    std::atomic<bool> detached = false; // checked on the receiver's thread before each handler
    EngineTransport::Handlers handlers; // used on the receiver's thread only
    QMetaObject::Connection destroyedConnection;
    std::function<void()> forget; // drops the transport's reference to this sink (receiver's thread)
    std::function<void()> wake;   // wakes the I/O thread (to resume a paused stream)
    std::atomic<qint64> queuedBytes = 0; // stream bytes posted to the receiver and not handled yet
    qint64 limit = 0;

    // Receiver's thread, as the last handler of the request runs.
    void finish()
    {
        QObject::disconnect(destroyedConnection);
        if (forget)
            forget();
    }

    void detach()
    {
        std::lock_guard lock(mutex);
        receiver = nullptr;
        detached = true;
    }

    // I/O thread: run fn on the receiver's thread, unless detached by then.
    template<typename Fn>
    void post(std::shared_ptr<Sink> self, Fn fn)
    {
        std::lock_guard lock(mutex);
        if (!receiver)
            return;
        QMetaObject::invokeMethod(
            receiver,
            [self = std::move(self), fn = std::move(fn)]() mutable {
                if (!self->detached)
                    fn(*self);
            },
            Qt::QueuedConnection);
    }
};

struct Transfer {
    EngineTransport::RequestId id = 0;
    EngineRequest request;
    std::shared_ptr<Sink> sink;
    CURL *easy = nullptr;
    curl_slist *headerList = nullptr;
    QByteArray url;
    QByteArray socketPath;
    QByteArray method;
    QByteArray caFile, certFile, keyFile;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    EngineResponse response;
    QByteArray pending;      // stream bytes not posted yet
    bool done = false;       // libcurl finished it
    bool paused = false;     // receiving paused: the receiver has too many bytes queued
    bool headersDone = false;
    bool bodyStarted = false;
    bool uploadAborted = false;

    ~Transfer()
    {
        if (headerList)
            curl_slist_free_all(headerList);
    }
};

size_t onHeader(char *data, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const size_t length = size * count;
    const QByteArray line = QByteArray(data, qsizetype(length)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new header block (after 100 Continue or a redirect): start over.
        t->response.headers.clear();
        const QList<QByteArray> parts = line.split(' ');
        t->response.status = parts.size() > 1 ? parts.at(1).toInt() : 0;
        t->headersDone = false;
    } else if (line.isEmpty()) {
        if (t->response.status >= 200)
            t->headersDone = true;
    } else {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            t->response.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    return length;
}

size_t onWrite(char *data, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const size_t length = size * count;
    t->bodyStarted = true;
    if (t->request.streaming && t->response.status >= 200 && t->response.status < 300) {
        // Back-pressure: a receiver slower than the engine (a 1 GB archive) must not get it all
        // queued in memory. libcurl keeps these bytes and offers them again once resumed.
        const qint64 queued = t->sink->queuedBytes + t->pending.size();
        if (queued > 0 && queued + qint64(length) > t->sink->limit) {
            t->paused = true;
            return CURL_WRITEFUNC_PAUSE;
        }
        t->pending.append(data, qsizetype(length));
    } else {
        t->response.body.append(data, qsizetype(length));
    }
    return length;
}

size_t onRead(char *buffer, size_t size, size_t count, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const qint64 n = t->request.upload(buffer, qint64(size * count));
    if (n < 0) {
        t->uploadAborted = true;
        return CURL_READFUNC_ABORT;
    }
    return size_t(n);
}

QByteArray encodeQuery(const QList<QPair<QString, QString>> &query)
{
    QByteArray out;
    for (const auto &[key, value] : query) {
        out += out.isEmpty() ? '?' : '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

} // namespace

struct EngineTransport::State {
    EngineEndpoint endpoint;
    CURLM *multi = nullptr;
    std::thread thread;

    mutable std::mutex mutex; // guards the queues, stopping and pendingCount
    std::deque<std::unique_ptr<Transfer>> submitted;
    std::deque<RequestId> cancelled;
    std::map<RequestId, std::shared_ptr<Sink>> sinks; // every pending request's sink, for cancel()
    bool stopping = false;
    int pendingCount = 0;
    std::atomic<RequestId> nextId = 1;
    std::atomic<qint64> streamBufferLimit = 8 * 1024 * 1024;

    // I/O thread only
    std::map<RequestId, std::unique_ptr<Transfer>> active;

    void run();
    void startTransfer(std::unique_ptr<Transfer> t);
    void finishTransfer(RequestId id, CURLcode code);
    void flushChunks(Transfer &t);
    void removeTransfer(RequestId id);
};

EngineTransport::EngineTransport(EngineEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
    , m_state(std::make_shared<State>())
{
    initializeCurl();
    m_state->endpoint = m_endpoint;
    m_state->multi = curl_multi_init();
    m_state->thread = std::thread([state = m_state.get()] { state->run(); });
}

EngineTransport::~EngineTransport()
{
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
        curl_multi_wakeup(m_state->multi);
    }
    if (m_state->thread.joinable())
        m_state->thread.join();
    curl_multi_cleanup(m_state->multi);
    m_state->multi = nullptr;
}

EngineTransport::RequestId EngineTransport::submit(EngineRequest request, QObject *receiver, Handlers handlers)
{
    auto t = std::make_unique<Transfer>();
    t->id = m_state->nextId++;
    t->request = std::move(request);
    t->sink = std::make_shared<Sink>();
    t->sink->receiver = receiver;
    t->sink->handlers = std::move(handlers);
    const RequestId id = t->id;
    // The receiver's death detaches the sink (before its posted calls are discarded) and cancels.
    std::weak_ptr<State> weakState = m_state;
    std::weak_ptr<Sink> weakSink = t->sink;
    t->sink->limit = m_state->streamBufferLimit;
    t->sink->wake = [weakState] {
        if (auto state = weakState.lock()) {
            std::lock_guard lock(state->mutex);
            if (!state->stopping)
                curl_multi_wakeup(state->multi);
        }
    };
    t->sink->forget = [weakState, id] {
        if (auto state = weakState.lock()) {
            std::lock_guard lock(state->mutex);
            state->sinks.erase(id);
        }
    };
    t->sink->destroyedConnection = QObject::connect(receiver, &QObject::destroyed, [weakState, weakSink, id] {
        if (auto sink = weakSink.lock())
            sink->detach();
        if (auto state = weakState.lock()) {
            std::lock_guard lock(state->mutex);
            state->sinks.erase(id);
            if (!state->stopping) {
                state->cancelled.push_back(id);
                curl_multi_wakeup(state->multi); // under the mutex: the multi handle outlives stopping == false
            }
        }
    });
    std::lock_guard lock(m_state->mutex);
    if (m_state->stopping)
        return id;
    m_state->sinks.emplace(id, t->sink);
    m_state->submitted.push_back(std::move(t));
    ++m_state->pendingCount;
    curl_multi_wakeup(m_state->multi);
    return id;
}

void EngineTransport::cancel(RequestId id)
{
    {
        std::lock_guard lock(m_state->mutex);
        auto sink = m_state->sinks.find(id);
        if (sink == m_state->sinks.end())
            return; // finished (its last handler may still be queued, but is detached below too)
        sink->second->detach();
        QObject::disconnect(sink->second->destroyedConnection);
        m_state->sinks.erase(sink);
        // Not started yet: drop it here.
        for (auto it = m_state->submitted.begin(); it != m_state->submitted.end(); ++it) {
            if ((*it)->id == id) {
                m_state->submitted.erase(it);
                --m_state->pendingCount;
                return;
            }
        }
        m_state->cancelled.push_back(id);
        if (!m_state->stopping)
            curl_multi_wakeup(m_state->multi);
    }
}

void EngineTransport::setStreamBufferLimit(qint64 bytes)
{
    m_state->streamBufferLimit = bytes;
}

int EngineTransport::pendingRequests() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->pendingCount;
}

void EngineTransport::State::run()
{
    for (;;) {
        std::deque<std::unique_ptr<Transfer>> toStart;
        std::deque<RequestId> toCancel;
        bool stop = false;
        {
            std::lock_guard lock(mutex);
            toStart.swap(submitted);
            toCancel.swap(cancelled);
            stop = stopping;
        }
        if (stop) {
            for (auto &t : toStart)
                active.emplace(t->id, std::move(t));
            for (auto &[id, t] : active) {
                EngineResponse response = t->response;
                response.error = EngineError{EngineError::Kind::ConnectionLost, response.status,
                                             QStringLiteral("the Docker client was shut down"), {}};
                t->sink->post(t->sink, [response](Sink &sink) {
                    sink.finish();
                    if (sink.handlers.onFinished)
                        sink.handlers.onFinished(response);
                });
                if (t->easy) {
                    curl_multi_remove_handle(multi, t->easy);
                    curl_easy_cleanup(t->easy);
                    t->easy = nullptr;
                }
            }
            active.clear();
            return;
        }
        for (auto &t : toStart)
            startTransfer(std::move(t));
        for (RequestId id : toCancel) {
            auto it = active.find(id);
            if (it == active.end())
                continue;
            it->second->sink->detach();
            removeTransfer(id);
        }

        for (auto &[id, t] : active) {
            if (t->paused && t->sink->queuedBytes <= t->sink->limit / 2) {
                t->paused = false;
                curl_easy_pause(t->easy, CURLPAUSE_CONT);
            }
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg *message = curl_multi_info_read(multi, &left)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            void *pointer = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &pointer);
            finishTransfer(static_cast<Transfer *>(pointer)->id, message->data.result);
        }
        for (auto &[id, t] : active)
            flushChunks(*t);
        curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
}

void EngineTransport::State::startTransfer(std::unique_ptr<Transfer> t)
{
    const EngineRequest &r = t->request;
    CURL *easy = curl_easy_init();
    t->easy = easy;
    Transfer *raw = t.get();

    if (endpoint.kind == EngineEndpoint::Kind::Unix) {
        t->socketPath = endpoint.path.toUtf8();
        curl_easy_setopt(easy, CURLOPT_UNIX_SOCKET_PATH, t->socketPath.constData());
        t->url = "http://localhost";
    } else {
        t->url = (endpoint.tls ? "https://" : "http://") + QUrl::toAce(endpoint.host)
            + ':' + QByteArray::number(endpoint.port > 0 ? endpoint.port : (endpoint.tls ? 2376 : 2375));
        if (endpoint.tls) {
            t->caFile = endpoint.caFile.toUtf8();
            t->certFile = endpoint.certFile.toUtf8();
            t->keyFile = endpoint.keyFile.toUtf8();
            if (!t->caFile.isEmpty())
                curl_easy_setopt(easy, CURLOPT_CAINFO, t->caFile.constData());
            if (!t->certFile.isEmpty())
                curl_easy_setopt(easy, CURLOPT_SSLCERT, t->certFile.constData());
            if (!t->keyFile.isEmpty())
                curl_easy_setopt(easy, CURLOPT_SSLKEY, t->keyFile.constData());
            curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, endpoint.tlsVerify ? 1L : 0L);
            curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, endpoint.tlsVerify ? 2L : 0L);
        }
        curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    }
    t->url += r.path.toUtf8() + encodeQuery(r.query);
    curl_easy_setopt(easy, CURLOPT_URL, t->url.constData());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, raw);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errorBuffer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, raw);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &onWrite);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, raw);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(r.connectTimeoutMs));
    if (!r.streaming && r.timeoutMs > 0)
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(r.timeoutMs));

    t->method = r.method.toUpper();
    bool hasContentType = false;
    for (const auto &[name, value] : r.headers) {
        hasContentType = hasContentType || name.toLower() == "content-type";
        t->headerList = curl_slist_append(t->headerList, QByteArray(name + ": " + value).constData());
    }
    t->headerList = curl_slist_append(t->headerList, "Expect:");
    if (r.upload) {
        curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(easy, CURLOPT_READFUNCTION, &onRead);
        curl_easy_setopt(easy, CURLOPT_READDATA, raw);
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, t->method.constData());
        t->headerList = curl_slist_append(t->headerList, "Transfer-Encoding: chunked");
    } else if (t->method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else if (t->method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else {
        if (!r.body.isEmpty() && !hasContentType)
            t->headerList = curl_slist_append(t->headerList, "Content-Type: application/json");
        if (t->method == "POST" || t->method == "PUT" || !r.body.isEmpty()) {
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, r.body.constData());
        }
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, t->method.constData());
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headerList);

    const RequestId id = t->id;
    active.emplace(id, std::move(t));
    curl_multi_add_handle(multi, easy);
}

void EngineTransport::State::flushChunks(Transfer &t)
{
    if (!t.request.streaming)
        return;
    if (t.headersDone && !t.response.headers.contains(QByteArrayLiteral(":posted"))) {
        t.response.headers.insert(QByteArrayLiteral(":posted"), QByteArray());
        EngineResponse head = t.response;
        head.headers.remove(QByteArrayLiteral(":posted"));
        t.sink->post(t.sink, [head](Sink &sink) {
            if (sink.handlers.onHeaders)
                sink.handlers.onHeaders(head);
        });
    }
    if (t.pending.isEmpty())
        return;
    QByteArray chunk;
    chunk.swap(t.pending);
    const qint64 size = chunk.size();
    t.sink->queuedBytes += size;
    t.sink->post(t.sink, [chunk, size](Sink &sink) {
        if (sink.handlers.onChunk)
            sink.handlers.onChunk(chunk);
        // Crossing back under half the limit: let the I/O thread resume the transfer.
        const qint64 before = sink.queuedBytes.fetch_sub(size);
        if (before > sink.limit / 2 && before - size <= sink.limit / 2 && sink.wake)
            sink.wake();
    });

}

void EngineTransport::State::finishTransfer(RequestId id, CURLcode code)
{
    auto it = active.find(id);
    if (it == active.end())
        return;
    Transfer &t = *it->second;
    t.done = true;
    flushChunks(t);
    long osErrno = 0;
    curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &osErrno);
    EngineResponse response = t.response;
    response.headers.remove(QByteArrayLiteral(":posted"));
    if (code != CURLE_OK) {
        const QString detail = QString::fromUtf8(t.errorBuffer[0] ? t.errorBuffer : curl_easy_strerror(code));
        response.error = classify(endpoint, int(code), osErrno, detail, t.bodyStarted);
        if (t.uploadAborted)
            response.error = EngineError{EngineError::Kind::Cancelled, 0, QStringLiteral("the upload was aborted by its source"), {}};
    } else if (response.status >= 400) {
        response.error = httpError(response.status, response.body);
    }
    t.sink->post(t.sink, [response](Sink &sink) {
        sink.finish();
        if (sink.handlers.onFinished)
            sink.handlers.onFinished(response);
    });
    removeTransfer(id);
}

void EngineTransport::State::removeTransfer(RequestId id)
{
    auto it = active.find(id);
    if (it == active.end())
        return;
    if (it->second->easy) {
        curl_multi_remove_handle(multi, it->second->easy);
        curl_easy_cleanup(it->second->easy);
    }
    active.erase(it);
    std::lock_guard lock(mutex);
    --pendingCount;
}

EngineError EngineTransport::classify(const EngineEndpoint &endpoint, int curlCode, long osErrno,
                                      const QString &curlMessage, bool bodyStarted)
{
    const QString where = endpoint.toString();
    EngineError e;
    e.message = curlMessage;
    switch (CURLcode(curlCode)) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
        if (osErrno == EACCES || osErrno == EPERM) {
            e.kind = EngineError::Kind::PermissionDenied;
            e.message = QStringLiteral("permission denied on the Docker engine's socket at %1").arg(where);
            e.hint = QStringLiteral("add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again) or run as root");
        } else {
            e.kind = EngineError::Kind::Unreachable;
            // For a socket, libcurl's message names "localhost port 80": the errno says more.
            const QString detail = endpoint.kind == EngineEndpoint::Kind::Unix && osErrno != 0
                ? QString::fromLocal8Bit(std::strerror(int(osErrno)))
                : curlMessage;
            e.message = QStringLiteral("the Docker engine is not running at %1 (%2)").arg(where, detail);
            e.hint = endpoint.kind == EngineEndpoint::Kind::Unix
                ? QStringLiteral("start it (e.g. `sudo systemctl start docker` or scripts/ensure-engine.sh)")
                : QStringLiteral("check that the engine at %1 is running and reachable from here").arg(where);
        }
        break;
    case CURLE_OPERATION_TIMEDOUT:
        e.kind = EngineError::Kind::Timeout;
        e.message = QStringLiteral("the Docker engine at %1 did not answer in time (%2)").arg(where, curlMessage);
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_INITFAILED:
        e.kind = EngineError::Kind::Tls;
        e.message = QStringLiteral("the TLS connection to the Docker engine at %1 failed (%2)").arg(where, curlMessage);
        e.hint = QStringLiteral("check the CA, client certificate and key (DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem)");
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        e.kind = EngineError::Kind::Cancelled;
        e.message = QStringLiteral("cancelled");
        break;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        e.kind = EngineError::Kind::ConnectionLost;
        e.message = QStringLiteral("the connection to the Docker engine at %1 was lost%2 (%3)")
                        .arg(where, bodyStarted ? QStringLiteral(" mid-stream") : QString(), curlMessage);
        e.hint = QStringLiteral("the engine may have stopped or restarted");
        break;
    default:
        e.kind = EngineError::Kind::Protocol;
        e.message = QStringLiteral("talking to the Docker engine at %1 failed: %2").arg(where, curlMessage);
        break;
    }
    return e;
}

EngineError EngineTransport::httpError(int status, const QByteArray &body)
{
    QString message = QJsonDocument::fromJson(body).object().value(QLatin1String("message")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(500)).trimmed();
    if (message.isEmpty())
        message = QStringLiteral("HTTP %1").arg(status);
    return EngineError::http(status, message);
}

} // namespace stagehand
