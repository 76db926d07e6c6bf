#pragma once

// Internal to the DockerClient*.cpp files: the request builders and answer parsers they share,
// and DockerClient::call(). Not for other users.

#include "docker/DockerClient.h"
#include "docker/EngineResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QUrl>

namespace stagehand {
namespace detail {

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QString filtersJson(const EngineFilters &filters)
{
    QJsonObject object;
    for (auto it = filters.begin(); it != filters.end(); ++it)
        object.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return QString::fromUtf8(compact(object));
}

// A GET of path (unversioned), with the engine's filters query when any are given.
inline EngineRequest getRequest(const QString &path, const EngineFilters &filters = {})
{
    EngineRequest r;
    r.path = path;
    if (!filters.isEmpty())
        r.query.append({QStringLiteral("filters"), filtersJson(filters)});
    return r;
}

inline QString encoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

template <typename T> EngineResult<QList<T>> parseList(const EngineResponse &response)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return EngineResult<QList<T>>::failure(
            EngineError::protocol(QStringLiteral("the engine's answer is not a JSON array (%1)").arg(error.errorString())));
    QList<T> out;
    const QJsonArray array = document.array();
    for (const QJsonValue &value : array)
        out.append(T::fromJson(value.toObject()));
    return EngineResult<QList<T>>::success(out);
}

inline EngineResult<QJsonObject> parseObject(const EngineResponse &response)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return EngineResult<QJsonObject>::failure(
            EngineError::protocol(QStringLiteral("the engine's answer is not a JSON object (%1)").arg(error.errorString())));
    return EngineResult<QJsonObject>::success(document.object());
}

template <typename T> EngineResult<T> parseStruct(const EngineResponse &response)
{
    const EngineResult<QJsonObject> object = parseObject(response);
    if (!object.ok())
        return EngineResult<T>::failure(object.error);
    return EngineResult<T>::success(T::fromJson(*object));
}

inline EngineResult<QString> parseId(const EngineResponse &response)
{
    const EngineResult<QJsonObject> object = parseObject(response);
    if (!object.ok())
        return EngineResult<QString>::failure(object.error);
    return EngineResult<QString>::success(object->value(QLatin1String("Id")).toString());
}

} // namespace detail

template <typename T, typename Parse> QFuture<EngineResult<T>> DockerClient::call(EngineRequest request, Parse parse)
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

} // namespace stagehand
