#include "docker/DockerClient.h"

#include "docker/DockerClientInternal.h"

namespace stagehand {
using namespace detail;

QFuture<EngineResult<QList<ImageSummary>>> DockerClient::listImages(const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/images/json"), filters);
    return call<QList<ImageSummary>>(std::move(r), &parseList<ImageSummary>);
}

QFuture<EngineResult<ImageSummary>> DockerClient::inspectImage(const QString &reference)
{
    // References keep their '/' and ':'.
    return call<ImageSummary>(getRequest(QStringLiteral("/images/%1/json").arg(reference)), &parseStruct<ImageSummary>);
}

QFuture<EngineStatus> DockerClient::tagImage(const QString &reference, const QString &repository, const QString &tag)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/images/%1/tag").arg(reference),
                  {{QStringLiteral("repo"), repository}, {QStringLiteral("tag"), tag}});
}

QFuture<EngineStatus> DockerClient::removeImage(const QString &reference, bool force)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/images/%1").arg(reference),
                  {{QStringLiteral("force"), force ? QStringLiteral("1") : QStringLiteral("0")}});
}

} // namespace stagehand
