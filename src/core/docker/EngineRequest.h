#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace stagehand {

// One HTTP request to the engine, as EngineTransport sends it.
struct EngineRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QString path;                             // "/v1.41/containers/json" (already versioned)
    QList<QPair<QString, QString>> query;     // percent-encoded by the transport
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;                          // sent as is (Content-Type from headers; JSON by default if non-empty)
    // Instead of body: called on the transport's I/O thread for the next bytes of an upload of
    // unknown length (chunked); returns the bytes written (0 at the end, -1 to abort).
    std::function<qint64(char *data, qint64 maxSize)> upload;
    // Deliver the body in chunks as it arrives (logs, events, stats, archive GET), not at the end.
    bool streaming = false;
    int connectTimeoutMs = 10000;
    int timeoutMs = 120000;                   // the whole request; ignored (none) for streams

    // "GET /v1.41/containers/json", for messages
    QString describe() const { return QString::fromLatin1(method) + u' ' + path; }
};

} // namespace stagehand
