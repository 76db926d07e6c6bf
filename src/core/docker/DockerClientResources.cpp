#include "docker/DockerClient.h"

#include "docker/DockerClientInternal.h"

namespace stagehand {
using namespace detail;

QFuture<EngineResult<QList<NetworkSummary>>> DockerClient::listNetworks(const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/networks"), filters);
    return call<QList<NetworkSummary>>(std::move(r), &parseList<NetworkSummary>);
}

QFuture<EngineResult<NetworkSummary>> DockerClient::inspectNetwork(const QString &idOrName)
{
    return call<NetworkSummary>(getRequest(QStringLiteral("/networks/%1").arg(encoded(idOrName))), &parseStruct<NetworkSummary>);
}

QFuture<EngineResult<QString>> DockerClient::createNetwork(const QJsonObject &body)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/networks/create");
    QJsonObject withCheck = body;
    if (!withCheck.contains(QLatin1String("CheckDuplicate")))
        withCheck.insert(QStringLiteral("CheckDuplicate"), true);
    r.body = compact(withCheck);
    return call<QString>(std::move(r), &parseId);
}

QFuture<EngineStatus> DockerClient::removeNetwork(const QString &idOrName)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/networks/%1").arg(encoded(idOrName)));
}

QFuture<EngineResult<QList<VolumeSummary>>> DockerClient::listVolumes(const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/volumes"), filters);
    return call<QList<VolumeSummary>>(std::move(r), [](const EngineResponse &response) {
        QList<VolumeSummary> out;
        const QJsonArray volumes = response.json().object().value(QLatin1String("Volumes")).toArray();
        for (const QJsonValue &v : volumes)
            out.append(VolumeSummary::fromJson(v.toObject()));
        return EngineResult<QList<VolumeSummary>>::success(out);
    });
}

QFuture<EngineResult<VolumeSummary>> DockerClient::inspectVolume(const QString &name)
{
    return call<VolumeSummary>(getRequest(QStringLiteral("/volumes/%1").arg(encoded(name))), &parseStruct<VolumeSummary>);
}

QFuture<EngineResult<VolumeSummary>> DockerClient::createVolume(const QString &name, const QMap<QString, QString> &labels,
                                                                const QString &driver)
{
    QJsonObject labelObject;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        labelObject.insert(it.key(), it.value());
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/volumes/create");
    r.body = compact(
        QJsonObject{{QStringLiteral("Name"), name}, {QStringLiteral("Driver"), driver}, {QStringLiteral("Labels"), labelObject}});
    return call<VolumeSummary>(std::move(r), &parseStruct<VolumeSummary>);
}

QFuture<EngineStatus> DockerClient::removeVolume(const QString &name, bool force)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/volumes/%1").arg(encoded(name)),
                  {{QStringLiteral("force"), force ? QStringLiteral("1") : QStringLiteral("0")}});
}

QFuture<EngineResult<QJsonObject>> DockerClient::info()
{
    EngineRequest r;
    r.path = QStringLiteral("/info");
    return call<QJsonObject>(std::move(r), &parseObject);
}

QFuture<EngineResult<QJsonObject>> DockerClient::diskUsage()
{
    EngineRequest r;
    r.path = QStringLiteral("/system/df");
    r.timeoutMs = 0; // sizes every layer and volume: slow on big hosts
    return call<QJsonObject>(std::move(r), &parseObject);
}

QFuture<EngineResult<QJsonDocument>> DockerClient::request(const QByteArray &method, const QString &path,
                                                           const QList<QPair<QString, QString>> &query, const QByteArray &body)
{
    EngineRequest r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.body = body;
    return call<QJsonDocument>(
        std::move(r), [](const EngineResponse &response) { return EngineResult<QJsonDocument>::success(response.json()); });
}

} // namespace stagehand
