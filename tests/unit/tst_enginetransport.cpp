// EngineTransport against a fake engine (a QLocalServer on a unix socket, served by this test's
// event loop): streamed chunks in order, a connection lost mid-stream, cancel, a receiver destroyed
// while its request is open, shutdown with requests open, many requests on the one I/O thread; and
// the classification of libcurl failures and HTTP errors.

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "docker/EngineTransport.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <curl/curl.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <thread>
#include <functional>
#include <memory>

using namespace stagehand;

namespace {

// Answers each request by its path ("GET /stream HTTP/1.1" -> handlers["/stream"]).
class FakeEngine : public QObject {
public:
    using Handler = std::function<void(QLocalSocket *)>;

    explicit FakeEngine(const QString &path)
    {
        QLocalServer::removeServer(path);
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QLocalSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray target = buffer->split(' ').value(1);
                    targets.append(QString::fromUtf8(QByteArray::fromPercentEncoding(target)));
                    const QByteArray requestPath = target.split('?').value(0);
                    buffer->remove(0, end + 4);
                    ++requests;
                    m_handlers.value(requestPath, [](QLocalSocket *s) {
                        s->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n"
                                 "{\"message\":\"no such thing\"}");
                    })(socket);
                });
            }
        });
    }
    bool listening() const { return m_server.isListening(); }
    void on(const QByteArray &path, Handler handler) { m_handlers.insert(path, std::move(handler)); }
    int requests = 0;
    QStringList targets; // path and query of every request, decoded

private:
    QLocalServer m_server;
    QMap<QByteArray, Handler> m_handlers;
};

void writeChunk(QLocalSocket *socket, const QByteArray &data)
{
    socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    socket->flush();
}

int threadCount()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

EngineRequest get(const QString &path, bool streaming = false)
{
    EngineRequest r;
    r.path = path;
    r.streaming = streaming;
    return r;
}

} // namespace

class TestEngineTransport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void plainRequest();
    void streamsChunksInOrder();
    void connectionLostMidStream();
    void cancelDeliversNothing();
    void destroyedReceiverGetsNothing();
    void shutdownFinishesOpenRequests();
    void manyRequestsOneThread();
    void slowReceiverPausesTheStream();
    void eventsResumeWithoutDuplicates();
    void pullReportsTheErrorLine();
    void classifiesFailures();
    void httpErrorCarriesTheEngineMessage();
    void negotiatesTheApiVersion();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeEngine> m_engine;
    EngineEndpoint m_endpoint;
};

void TestEngineTransport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_endpoint.path = m_dir->filePath(QStringLiteral("engine.sock"));
    m_engine = std::make_unique<FakeEngine>(m_endpoint.path);
    QVERIFY(m_engine->listening());
    m_engine->on("/ok", [](QLocalSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Length: 2\r\n\r\n{}");
    });
}

void TestEngineTransport::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

void TestEngineTransport::plainRequest()
{
    EngineTransport transport(m_endpoint);
    QObject receiver;
    std::optional<EngineResponse> done;
    transport.submit(get(QStringLiteral("/ok")), &receiver, {{}, {}, [&](const EngineResponse &r) { done = r; }});
    QTRY_VERIFY(done.has_value());
    QVERIFY2(done->ok(), qPrintable(done->error.toString()));
    QCOMPARE(done->status, 200);
    QCOMPARE(done->header("API-Version"), QByteArrayLiteral("1.43"));
    QCOMPARE(done->body, QByteArrayLiteral("{}"));
    QCOMPARE(transport.pendingRequests(), 0);
}

void TestEngineTransport::streamsChunksInOrder()
{
    QPointer<QLocalSocket> server;
    m_engine->on("/stream", [&](QLocalSocket *s) {
        server = s;
        s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        writeChunk(s, "one ");
    });
    EngineTransport transport(m_endpoint);
    QObject receiver;
    QByteArray received;
    QStringList order;
    std::optional<EngineResponse> done;
    transport.submit(get(QStringLiteral("/stream"), true), &receiver,
                     {[&](const EngineResponse &head) { order.append(QStringLiteral("headers %1").arg(head.status)); },
                      [&](const QByteArray &chunk) { received += chunk; order.append(QStringLiteral("chunk")); },
                      [&](const EngineResponse &r) { done = r; order.append(QStringLiteral("finished")); }});
    QTRY_COMPARE(received, QByteArrayLiteral("one "));
    QVERIFY(!done);
    writeChunk(server, "two ");
    QTRY_COMPARE(received, QByteArrayLiteral("one two "));
    writeChunk(server, "three");
    server->write("0\r\n\r\n");
    QTRY_VERIFY(done.has_value());
    QVERIFY2(done->ok(), qPrintable(done->error.toString()));
    QCOMPARE(received, QByteArrayLiteral("one two three"));
    QVERIFY(done->body.isEmpty()); // delivered as chunks
    QCOMPARE(order.first(), QStringLiteral("headers 200"));
    QCOMPARE(order.last(), QStringLiteral("finished"));
}

void TestEngineTransport::connectionLostMidStream()
{
    m_engine->on("/events", [](QLocalSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        writeChunk(s, "{\"a\":1}\n");
        s->disconnectFromServer();
    });
    EngineTransport transport(m_endpoint);
    QObject receiver;
    QByteArray received;
    std::optional<EngineResponse> done;
    transport.submit(get(QStringLiteral("/events"), true), &receiver,
                     {{}, [&](const QByteArray &chunk) { received += chunk; }, [&](const EngineResponse &r) { done = r; }});
    QTRY_VERIFY(done.has_value());
    QCOMPARE(received, QByteArrayLiteral("{\"a\":1}\n"));
    QCOMPARE(done->error.kind, EngineError::Kind::ConnectionLost);
    QVERIFY2(done->error.message.contains(QLatin1String("mid-stream")), qPrintable(done->error.message));
}

void TestEngineTransport::cancelDeliversNothing()
{
    int answered = 0;
    m_engine->on("/hang", [&](QLocalSocket *) { ++answered; });
    EngineTransport transport(m_endpoint);
    QObject receiver;
    int handlers = 0;
    const auto id = transport.submit(get(QStringLiteral("/hang"), true), &receiver,
                                     {[&](const EngineResponse &) { ++handlers; }, [&](const QByteArray &) { ++handlers; },
                                      [&](const EngineResponse &) { ++handlers; }});
    QTRY_COMPARE(answered, 1);
    QCOMPARE(transport.pendingRequests(), 1);
    transport.cancel(id);
    QTRY_COMPARE(transport.pendingRequests(), 0);
    QTest::qWait(100);
    QCOMPARE(handlers, 0);
    // Cancelling before the I/O thread even started it, too.
    const auto early = transport.submit(get(QStringLiteral("/ok")), &receiver, {{}, {}, [&](const EngineResponse &) { ++handlers; }});
    transport.cancel(early);
    QTest::qWait(100);
    QCOMPARE(handlers, 0);
    QCOMPARE(transport.pendingRequests(), 0);
}

void TestEngineTransport::destroyedReceiverGetsNothing()
{
    QList<QPointer<QLocalSocket>> sockets;
    m_engine->on("/slow", [&](QLocalSocket *s) { sockets.append(s); });
    EngineTransport transport(m_endpoint);
    int handlers = 0;
    auto receiver = std::make_unique<QObject>();
    for (int i = 0; i < 5; ++i)
        transport.submit(get(QStringLiteral("/slow"), i % 2 == 0), receiver.get(),
                         {{}, [&](const QByteArray &) { ++handlers; }, [&](const EngineResponse &) { ++handlers; }});
    QTRY_COMPARE(sockets.size(), 5);
    receiver.reset();
    for (const auto &s : std::as_const(sockets))
        if (s)
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    QTRY_COMPARE(transport.pendingRequests(), 0);
    QTest::qWait(100);
    QCOMPARE(handlers, 0);
}

void TestEngineTransport::shutdownFinishesOpenRequests()
{
    m_engine->on("/hang", [](QLocalSocket *) {});
    QObject receiver;
    std::optional<EngineResponse> done;
    auto transport = std::make_unique<EngineTransport>(m_endpoint);
    transport->submit(get(QStringLiteral("/hang"), true), &receiver, {{}, {}, [&](const EngineResponse &r) { done = r; }});
    QTRY_COMPARE(m_engine->requests, 1);
    QElapsedTimer clock;
    clock.start();
    transport.reset(); // joins the I/O thread
    QVERIFY(clock.elapsed() < 2000);
    QVERIFY(!done); // delivered later, on the receiver's thread
    QTRY_VERIFY(done.has_value());
    QCOMPARE(done->error.kind, EngineError::Kind::ConnectionLost);
}

void TestEngineTransport::manyRequestsOneThread()
{
    const int before = threadCount();
    EngineTransport transport(m_endpoint);
    QCOMPARE(threadCount(), before + 1);
    QObject receiver;
    int ok = 0;
    for (int i = 0; i < 40; ++i)
        transport.submit(get(QStringLiteral("/ok")), &receiver, {{}, {}, [&](const EngineResponse &r) { ok += r.ok() ? 1 : 0; }});
    QTRY_COMPARE(ok, 40);
    QCOMPARE(threadCount(), before + 1);
}

// A server on its own thread sends 32 MiB as fast as the socket takes it, while the receiver's
// thread is busy for a second: with a 256 KiB limit the transport must not queue much more than that.
void TestEngineTransport::slowReceiverPausesTheStream()
{
    const QByteArray path = m_dir->filePath(QStringLiteral("fast.sock")).toUtf8();
    const int server = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    qstrncpy(address.sun_path, path.constData(), sizeof(address.sun_path));
    QVERIFY(::bind(server, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0);
    QVERIFY(::listen(server, 1) == 0);
    constexpr qsizetype Total = 32 * 1024 * 1024;
    std::thread writer([server] {
        const int client = ::accept(server, nullptr, nullptr);
        char buffer[4096];
        QByteArray request;
        while (!request.contains("\r\n\r\n")) {
            const ssize_t n = ::read(client, buffer, sizeof(buffer));
            if (n <= 0)
                break;
            request.append(buffer, n);
        }
        QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(Total) + "\r\n\r\n";
        ::write(client, head.constData(), size_t(head.size()));
        QByteArray block(1024 * 1024, 'z');
        for (qsizetype sent = 0; sent < Total; sent += block.size()) {
            for (qsizetype off = 0; off < block.size();) {
                const ssize_t n = ::write(client, block.constData() + off, size_t(block.size() - off));
                if (n <= 0)
                    return ::close(client), void();
                off += n;
            }
        }
        ::close(client);
    });
    auto joinWriter = qScopeGuard([&] {
        writer.join();
        ::close(server);
    });

    EngineEndpoint endpoint;
    endpoint.path = QString::fromUtf8(path);
    EngineTransport transport(endpoint);
    transport.setStreamBufferLimit(256 * 1024);
    QObject receiver;
    qint64 received = 0;
    bool allZ = true;
    std::optional<EngineResponse> done;
    transport.submit(get(QStringLiteral("/archive"), true), &receiver,
                     {{},
                      [&](const QByteArray &chunk) {
                          received += chunk.size();
                          allZ = allZ && chunk.count('z') == chunk.size();
                      },
                      [&](const EngineResponse &r) { done = r; }});
    QThread::msleep(1000); // the receiver's thread is busy: nothing is handled
    QCoreApplication::processEvents(); // handles what was queued meanwhile
    qInfo("queued while the receiver was busy: %lld KiB", received / 1024);
    QVERIFY2(received <= 1024 * 1024, qPrintable(QString::number(received)));
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), 30000);
    QVERIFY2(done->ok(), qPrintable(done->error.toString()));
    QCOMPARE(received, Total);
    QVERIFY(allZ);
}

namespace {

QByteArray eventLine(const char *action, qint64 timeNano)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("Type"), QStringLiteral("container")},
                                     {QStringLiteral("Action"), QString::fromLatin1(action)},
                                     {QStringLiteral("Actor"), QJsonObject{{QStringLiteral("ID"), QStringLiteral("c1")},
                                                                           {QStringLiteral("Attributes"), QJsonObject{{QStringLiteral("com.docker.compose.project"), QStringLiteral("demo")}}}}},
                                     {QStringLiteral("time"), timeNano / 1000000000},
                                     {QStringLiteral("timeNano"), timeNano}})
               .toJson(QJsonDocument::Compact)
        + '\n';
}

void serveClient(FakeEngine &engine)
{
    engine.on("/_ping", [](QLocalSocket *s) { s->write("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK"); });
    engine.on("/v1.41/version", [](QLocalSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nContent-Length: 22\r\n\r\n{\"ApiVersion\":\"1.41\"}  ");
    });
}

} // namespace

// The engine drops the events stream; the resumed request asks for since=<last timeNano> and the
// engine (inclusive) repeats the last event: it is delivered once.
void TestEngineTransport::eventsResumeWithoutDuplicates()
{
    serveClient(*m_engine);
    const qint64 t1 = Q_INT64_C(1700000000123456789);
    const qint64 t2 = t1 + 1000;
    const qint64 t3 = t2 + 1000;
    int calls = 0;
    m_engine->on("/v1.41/events", [&](QLocalSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        if (++calls == 1) {
            writeChunk(s, eventLine("create", t1) + eventLine("start", t2));
            s->disconnectFromServer();
        } else {
            writeChunk(s, eventLine("start", t2) + eventLine("die", t3));
        }
    });
    DockerClient client;
    client.setEndpoint(m_endpoint);
    client.setReconnectDelays(20, 100);
    client.connectToEngine();
    QTRY_COMPARE(client.state(), DockerClient::State::Connected);
    std::unique_ptr<EngineStream> events(client.events({}));
    QSignalSpy interrupted(events.get(), &EngineStream::interrupted);
    QSignalSpy resumed(events.get(), &EngineStream::resumed);
    QStringList actions;
    connect(events.get(), &EngineStream::eventReceived, this, [&](const EngineEvent &e) {
        actions.append(e.action);
        QCOMPARE(e.composeProject(), QStringLiteral("demo"));
    });
    QTRY_COMPARE(actions, (QStringList{QStringLiteral("create"), QStringLiteral("start"), QStringLiteral("die")}));
    QCOMPARE(interrupted.count(), 1);
    QCOMPARE(resumed.count(), 1);
    QCOMPARE(events->lastEventTimeNano(), t3);
    QVERIFY2(m_engine->targets.last().contains(QStringLiteral("since=1700000000.123457789")), qPrintable(m_engine->targets.last()));
    QTest::qWait(100);
    QCOMPARE(actions.size(), 3);
}

void TestEngineTransport::pullReportsTheErrorLine()
{
    serveClient(*m_engine);
    m_engine->on("/v1.41/images/create", [](QLocalSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        writeChunk(s, R"({"status":"Pulling from x","id":"1"})" "\n"
                      R"({"status":"Downloading","id":"abc","progressDetail":{"current":10,"total":100}})" "\n");
        writeChunk(s, R"({"errorDetail":{"message":"unauthorized"},"error":"unauthorized: authentication required"})" "\n");
        s->write("0\r\n\r\n");
    });
    DockerClient client;
    client.setEndpoint(m_endpoint);
    std::unique_ptr<EngineStream> pull(client.pullImage(QStringLiteral("example.org/x:1"), nullptr, m_dir->path()));
    QList<QJsonObject> progress;
    connect(pull.get(), &EngineStream::progressReceived, this, [&](const QJsonObject &p) { progress.append(p); });
    QSignalSpy finished(pull.get(), &EngineStream::finished);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(progress.size(), 3);
    QCOMPARE(progress.at(1).value(QLatin1String("id")).toString(), QStringLiteral("abc"));
    QCOMPARE(pull->error().message, QStringLiteral("unauthorized: authentication required"));
    QVERIFY(m_engine->targets.last().contains(QStringLiteral("fromImage=example.org/x:1")));
}

void TestEngineTransport::classifiesFailures()
{
    EngineEndpoint socket;
    socket.path = QStringLiteral("/run/nothing.sock");
    const EngineError gone = EngineTransport::classify(socket, CURLE_COULDNT_CONNECT, ENOENT, QStringLiteral("x"), false);
    QCOMPARE(gone.kind, EngineError::Kind::Unreachable);
    QVERIFY(gone.message.contains(QLatin1String("unix:///run/nothing.sock")));
    QVERIFY(gone.hint.contains(QLatin1String("systemctl start docker")));
    QCOMPARE(EngineTransport::classify(socket, CURLE_COULDNT_CONNECT, ECONNREFUSED, {}, false).kind, EngineError::Kind::Unreachable);
    const EngineError denied = EngineTransport::classify(socket, CURLE_COULDNT_CONNECT, EACCES, {}, false);
    QCOMPARE(denied.kind, EngineError::Kind::PermissionDenied);
    QVERIFY(denied.hint.contains(QLatin1String("docker group")));
    EngineEndpoint tcp;
    tcp.kind = EngineEndpoint::Kind::Tcp;
    tcp.host = QStringLiteral("engine.example");
    tcp.port = 2376;
    tcp.tls = true;
    QCOMPARE(EngineTransport::classify(tcp, CURLE_PEER_FAILED_VERIFICATION, 0, {}, false).kind, EngineError::Kind::Tls);
    QCOMPARE(EngineTransport::classify(tcp, CURLE_SSL_CACERT_BADFILE, 0, {}, false).kind, EngineError::Kind::Tls);
    QCOMPARE(EngineTransport::classify(tcp, CURLE_OPERATION_TIMEDOUT, 0, {}, false).kind, EngineError::Kind::Timeout);
    QCOMPARE(EngineTransport::classify(tcp, CURLE_PARTIAL_FILE, 0, {}, true).kind, EngineError::Kind::ConnectionLost);
    QCOMPARE(EngineTransport::classify(tcp, CURLE_RECV_ERROR, 0, {}, true).kind, EngineError::Kind::ConnectionLost);
    QVERIFY(EngineTransport::classify(tcp, CURLE_COULDNT_CONNECT, ECONNREFUSED, {}, false).message.contains(QLatin1String("tcp://engine.example:2376")));
}

void TestEngineTransport::httpErrorCarriesTheEngineMessage()
{
    const EngineError e = EngineTransport::httpError(409, R"({"message":"Conflict. The container name \"/x\" is already in use"})");
    QCOMPARE(e.kind, EngineError::Kind::Http);
    QCOMPARE(e.httpStatus, 409);
    QCOMPARE(e.message, QStringLiteral("Conflict. The container name \"/x\" is already in use"));
    QCOMPARE(EngineTransport::httpError(500, "plain text\n").message, QStringLiteral("plain text"));
    QCOMPARE(EngineTransport::httpError(502, {}).message, QStringLiteral("HTTP 502"));

    // Through the transport: the fake engine's 404.
    EngineTransport transport(m_endpoint);
    QObject receiver;
    std::optional<EngineResponse> done;
    transport.submit(get(QStringLiteral("/missing")), &receiver, {{}, {}, [&](const EngineResponse &r) { done = r; }});
    QTRY_VERIFY(done.has_value());
    QCOMPARE(done->error.kind, EngineError::Kind::Http);
    QCOMPARE(done->error.message, QStringLiteral("no such thing"));
}

void TestEngineTransport::negotiatesTheApiVersion()
{
    QCOMPARE(DockerClient::negotiate(QStringLiteral("1.41")), QStringLiteral("1.41"));
    QCOMPARE(DockerClient::negotiate(QStringLiteral("1.45")), QStringLiteral("1.41"));
    QCOMPARE(DockerClient::negotiate(QStringLiteral("2.0")), QStringLiteral("1.41"));
    QCOMPARE(DockerClient::negotiate(QStringLiteral("1.24")), QStringLiteral("1.24"));
    QCOMPARE(DockerClient::negotiate(QStringLiteral("garbage")), QStringLiteral("1.41"));

    // The client against the fake engine: /_ping says 1.43, so every path starts with /v1.41.
    m_engine->on("/_ping", [](QLocalSocket *s) { s->write("HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Length: 2\r\n\r\nOK"); });
    m_engine->on("/v1.41/version", [](QLocalSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{\"Version\":\"99.0\",\"ApiVersion\":\"1.43\"}  ");
    });
    DockerClient client;
    client.setEndpoint(m_endpoint);
    client.connectToEngine();
    QTRY_COMPARE(client.state(), DockerClient::State::Connected);
    QCOMPARE(client.apiVersion(), QStringLiteral("1.41"));
    QCOMPARE(client.engineVersion().value(QLatin1String("Version")).toString(), QStringLiteral("99.0"));
}

QTEST_GUILESS_MAIN(TestEngineTransport)
#include "tst_enginetransport.moc"
