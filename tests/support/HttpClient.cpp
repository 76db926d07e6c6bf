#include "HttpClient.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace stagehand::test {

HttpClient::HttpClient()
    : m_manager(std::make_unique<QNetworkAccessManager>())
{
    m_manager->setProxy(QNetworkProxy::NoProxy);
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpClient::~HttpClient() = default;

QUrl HttpClient::local(quint16 port, const QString &path)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
}

HttpResponse HttpClient::get(const QUrl &url, int timeoutMs, const Headers &headers)
{
    return send(QByteArrayLiteral("GET"), url, {}, headers, timeoutMs);
}

HttpResponse HttpClient::post(const QUrl &url, const QByteArray &body, const QByteArray &contentType, int timeoutMs)
{
    return send(QByteArrayLiteral("POST"), url, body, {{QByteArrayLiteral("Content-Type"), contentType}}, timeoutMs);
}

HttpResponse HttpClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                              const Headers &headers, int timeoutMs)
{
    HttpResponse response;
    response.method = method;
    response.url = url;

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);

    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);

    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = m_manager->sendCustomRequest(request, method, body.isEmpty() ? nullptr : &buffer);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    timer.stop();

    response.elapsedMs = clock.elapsed();
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    const QList<QNetworkReply::RawHeaderPair> &raw = reply->rawHeaderPairs();
    for (const auto &pair : raw)
        response.headers.append({pair.first, pair.second});
    if (timedOut)
        response.error = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
    else if (reply->error() != QNetworkReply::NoError && response.status == 0)
        response.error = reply->errorString();
    reply->deleteLater();
    return response;
}

HttpResponse HttpClient::getUntil(const QUrl &url, const std::function<bool(const HttpResponse &)> &accept,
                                  int timeoutMs, int intervalMs)
{
    QElapsedTimer clock;
    clock.start();
    HttpResponse last;
    for (;;) {
        const qint64 left = timeoutMs - clock.elapsed();
        last = get(url, static_cast<int>(qBound(qint64(500), left, qint64(10000))));
        if (accept(last) || clock.elapsed() + intervalMs >= timeoutMs)
            return last;
        QThread::msleep(static_cast<unsigned long>(intervalMs));
    }
}

} // namespace stagehand::test
