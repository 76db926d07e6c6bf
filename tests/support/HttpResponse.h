#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace stagehand::test {

// One HTTP response as HttpClient got it (or why it got none).
class HttpResponse {
public:
    QByteArray method;
    QUrl url;
    int status = 0;            // 0: no response (see error)
    QString error;             // transport error; empty when a response arrived (any status)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 elapsedMs = 0;

    bool answered() const { return status > 0; }
    bool ok() const { return status >= 200 && status < 300; }
    // first value of a header, case-insensitive; empty if absent
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QString text() const { return QString::fromUtf8(body); }
    // "GET http://127.0.0.1:1234/health -> 200 (12 ms): <body start>", for failure messages
    QString describe() const;
};

} // namespace stagehand::test
