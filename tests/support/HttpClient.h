#pragma once

#include "HttpResponse.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace stagehand::test {

// Synchronous HTTP for tests (Qt Network under a local event loop), without proxies, HTTP/2 or
// redirects: what the test sends is exactly what the server sees.
class HttpClient {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    // http://127.0.0.1:<port><path> (path may carry a query: "/items?limit=1")
    static QUrl local(quint16 port, const QString &path);

    HttpResponse get(const QUrl &url, int timeoutMs = 10000, const Headers &headers = {});
    HttpResponse post(const QUrl &url, const QByteArray &body,
                      const QByteArray &contentType = QByteArrayLiteral("application/json"),
                      int timeoutMs = 10000);
    HttpResponse send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                      const Headers &headers = {}, int timeoutMs = 10000);

    // GETs url every intervalMs until accept(response) or timeoutMs passed; returns the last response.
    HttpResponse getUntil(const QUrl &url, const std::function<bool(const HttpResponse &)> &accept,
                          int timeoutMs, int intervalMs = 250);

private:
    std::unique_ptr<QNetworkAccessManager> m_manager;
};

} // namespace stagehand::test
