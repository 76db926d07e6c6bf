#pragma once

#include "docker/EngineEndpoint.h"
#include "docker/EngineRequest.h"
#include "docker/EngineResponse.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <memory>

namespace stagehand {

// HTTP/1.1 to one Docker engine (unix socket, tcp://, tcp:// with TLS) through libcurl's multi
// interface, driven by ONE I/O thread that this object owns: submit() queues a request (any
// thread), the I/O thread runs every transfer in a curl_multi_poll() loop, woken by
// curl_multi_wakeup() when a request is submitted or cancelled.
//
// Delivery: the handlers of a request run on the thread of its receiver (a QObject), posted as
// queued calls, in order: onHeaders (streams only), onChunk (streams only, as bytes arrive,
// coalesced per poll round), onFinished (exactly once, unless cancelled or the receiver is gone).
// No handler runs after cancel(id) returned on the receiver's thread, nor after the receiver was
// destroyed (its requests are then cancelled). Destroying the transport aborts every transfer
// and joins the thread; requests still open then finish with ConnectionLost ("shut down").
// Streams are flow-controlled (setStreamBufferLimit()): a slow receiver pauses the transfer.
class EngineTransport {
public:
    using RequestId = quint64;

    struct Handlers {
        std::function<void(const EngineResponse &head)> onHeaders; // status + headers, streams only
        std::function<void(const QByteArray &chunk)> onChunk;      // 2xx stream bytes
        std::function<void(const EngineResponse &response)> onFinished;
    };

    explicit EngineTransport(EngineEndpoint endpoint);
    ~EngineTransport();
    EngineTransport(const EngineTransport &) = delete;
    EngineTransport &operator=(const EngineTransport &) = delete;

    const EngineEndpoint &endpoint() const { return m_endpoint; }

    // Thread-safe. receiver must live on a thread with an event loop.
    RequestId submit(EngineRequest request, QObject *receiver, Handlers handlers);
    // Thread-safe; aborts the transfer. Called on the receiver's thread, no handler of the request
    // runs afterwards.
    void cancel(RequestId id);
    // Back-pressure for streams: while more than this many bytes are queued for a receiver and not
    // handled yet, the transfer stops reading (the engine then waits); it resumes below half. 8 MiB.
    void setStreamBufferLimit(qint64 bytes);
    // Requests submitted and not finished yet (for tests and diagnostics).
    int pendingRequests() const;

    // Classification of a libcurl failure for this endpoint (exposed for unit tests).
    static EngineError classify(const EngineEndpoint &endpoint, int curlCode, long osErrno,
                                const QString &curlMessage, bool bodyStarted);
    // An HTTP error answer as EngineError::Http with the engine's {"message": ...}.
    static EngineError httpError(int status, const QByteArray &body);

    struct State;

private:
    EngineEndpoint m_endpoint;
    std::shared_ptr<State> m_state;
};

} // namespace stagehand
