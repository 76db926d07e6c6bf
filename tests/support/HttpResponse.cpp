#include "HttpResponse.h"

namespace stagehand::test {

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponse::hasHeader(const QByteArray &name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString HttpResponse::describe() const
{
    QString text = QString::fromLatin1(method) + u' ' + url.toString() + QStringLiteral(" -> ");
    if (answered())
        text += QString::number(status);
    else
        text += QStringLiteral("no response");
    text += QStringLiteral(" (%1 ms)").arg(elapsedMs);
    if (!error.isEmpty())
        text += QStringLiteral(" [") + error + u']';
    if (!body.isEmpty())
        text += QStringLiteral(": ") + QString::fromUtf8(body.left(600));
    return text;
}

} // namespace stagehand::test
