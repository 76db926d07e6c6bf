#include "docker/DockerClient.h"

#include "docker/BuildContextArchive.h"
#include "docker/DockerClientInternal.h"
#include "docker/EngineStream.h"
#include "docker/EngineTransport.h"
#include "docker/RegistryAuth.h"

#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <spdlog/spdlog.h>

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

namespace {

// "host:5000/team/app:1.2" -> {"host:5000/team/app", "1.2"}; no tag: "latest" as the CLI does.
// A digest reference ("app@sha256:...") stays whole, with no tag.
QPair<QString, QString> splitTag(const QString &reference)
{
    if (reference.contains(QLatin1Char('@')))
        return {reference, QString()};
    const qsizetype colon = reference.lastIndexOf(QLatin1Char(':'));
    const qsizetype slash = reference.lastIndexOf(QLatin1Char('/'));
    if (colon > slash)
        return {reference.left(colon), reference.mid(colon + 1)};
    return {reference, QStringLiteral("latest")};
}

QString jsonMap(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(compact(object));
}

} // namespace

QFuture<EngineResult<qint64>> DockerClient::saveImages(const QStringList &references, QIODevice *out)
{
    auto promise = std::make_shared<QPromise<EngineResult<qint64>>>();
    promise->start();
    QFuture<EngineResult<qint64>> future = promise->future();
    EngineRequest r;
    r.path = QStringLiteral("/images/get");
    for (const QString &reference : references)
        r.query.append({QStringLiteral("names"), reference});
    download(std::move(r), out, [promise](const EngineResult<qint64> &result) {
        promise->addResult(result);
        promise->finish();
    });
    return future;
}

QFuture<EngineResult<qint64>> DockerClient::saveImagesToFile(const QStringList &references, const QString &path)
{
    auto promise = std::make_shared<QPromise<EngineResult<qint64>>>();
    promise->start();
    QFuture<EngineResult<qint64>> future = promise->future();
    auto file = std::make_shared<QSaveFile>(path);
    if (!file->open(QIODevice::WriteOnly)) {
        promise->addResult(EngineResult<qint64>::failure(
            EngineError::protocol(QStringLiteral("cannot write %1: %2").arg(path, file->errorString()))));
        promise->finish();
        return future;
    }
    EngineRequest r;
    r.path = QStringLiteral("/images/get");
    for (const QString &reference : references)
        r.query.append({QStringLiteral("names"), reference});
    download(std::move(r), file.get(), [promise, file, path](const EngineResult<qint64> &result) {
        if (!result.ok()) {
            file->cancelWriting();
            promise->addResult(result);
        } else if (!file->commit()) {
            promise->addResult(EngineResult<qint64>::failure(
                EngineError::protocol(QStringLiteral("cannot write %1: %2").arg(path, file->errorString()))));
        } else {
            promise->addResult(result);
        }
        promise->finish();
    });
    return future;
}

EngineStream *DockerClient::pushImage(const QString &reference, QObject *parent, const QString &dockerConfigDir)
{
    const auto [name, tag] = splitTag(reference);
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    // The name keeps its '/' (and a registry's ':'): the engine routes on the whole rest of the path.
    r.path = QStringLiteral("/images/%1/push").arg(name);
    if (!tag.isEmpty())
        r.query.append({QStringLiteral("tag"), tag});
    QString authError;
    QByteArray auth = RegistryAuth::headerFor(reference, dockerConfigDir, &authError);
    if (!authError.isEmpty())
        spdlog::warn("registry credentials for {}: {}", reference.toStdString(), authError.toStdString());
    if (auth.isEmpty()) // the engine wants the header even without credentials
        auth = QByteArrayLiteral("{}").toBase64(QByteArray::Base64UrlEncoding);
    r.headers.append({QByteArrayLiteral("X-Registry-Auth"), auth});
    auto *stream = new EngineStream(this, EngineStream::Kind::Push, std::move(r), parent);
    stream->submit();
    return stream;
}

EngineStream *DockerClient::loadImages(const QString &tarPath, QObject *parent)
{
    const std::shared_ptr<std::FILE> file(std::fopen(QFile::encodeName(tarPath).constData(), "rb"), [](std::FILE *f) {
        if (f)
            std::fclose(f);
    });
    if (!file)
        return failedStream(EngineStream::Kind::Load,
                            EngineError::protocol(
                                QStringLiteral("cannot read %1: %2").arg(tarPath, QString::fromLocal8Bit(std::strerror(errno)))),
                            parent);
    auto uploadError = std::make_shared<QString>();
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/images/load");
    r.query.append({QStringLiteral("quiet"), QStringLiteral("0")});
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-tar")});
    // On the transport's I/O thread, one read at a time.
    r.upload = [file, uploadError, tarPath](char *data, qint64 maxSize) -> qint64 {
        const size_t n = std::fread(data, 1, size_t(maxSize), file.get());
        if (n == 0 && std::ferror(file.get())) {
            *uploadError = QStringLiteral("reading %1 failed").arg(tarPath);
            return -1;
        }
        return qint64(n);
    };
    auto *stream = new EngineStream(this, EngineStream::Kind::Load, std::move(r), parent);
    stream->setUploadError(uploadError);
    stream->submit();
    return stream;
}

EngineStream *DockerClient::buildImage(const BuildOptions &options, QObject *parent)
{
    // Walking the directory happens on the I/O thread too, as the upload starts (prepare() in read()).
    auto archive = std::make_shared<BuildContextArchive>(options.contextDirectory, options.dockerfile);
    auto uploadError = std::make_shared<QString>();
    auto flag = [](bool on) { return on ? QStringLiteral("1") : QStringLiteral("0"); };
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/build");
    for (const QString &tag : options.tags)
        r.query.append({QStringLiteral("t"), tag});
    r.query.append(
        {QStringLiteral("dockerfile"), options.dockerfile.isEmpty() ? QStringLiteral("Dockerfile") : options.dockerfile});
    if (!options.buildArgs.isEmpty())
        r.query.append({QStringLiteral("buildargs"), jsonMap(options.buildArgs)});
    if (!options.labels.isEmpty())
        r.query.append({QStringLiteral("labels"), jsonMap(options.labels)});
    r.query.append({QStringLiteral("nocache"), flag(options.noCache)});
    r.query.append({QStringLiteral("pull"), flag(options.pull)});
    r.query.append({QStringLiteral("rm"), flag(options.removeIntermediate)});
    r.query.append({QStringLiteral("forcerm"), flag(options.forceRemoveIntermediate)});
    if (!options.networkMode.isEmpty())
        r.query.append({QStringLiteral("networkmode"), options.networkMode});
    r.query.append({QStringLiteral("q"), QStringLiteral("0")});
    r.query.append({QStringLiteral("version"), QStringLiteral("1")});
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-tar")});
    QString authError;
    const QByteArray registryConfig = RegistryAuth::buildConfigHeader(options.dockerConfigDir, &authError);
    if (!authError.isEmpty())
        spdlog::warn("registry credentials for the build: {}", authError.toStdString());
    if (!registryConfig.isEmpty())
        r.headers.append({QByteArrayLiteral("X-Registry-Config"), registryConfig});
    r.upload = [archive, uploadError](char *data, qint64 maxSize) -> qint64 {
        const qint64 n = archive->read(data, maxSize);
        if (n < 0)
            *uploadError = archive->errorString();
        return n;
    };
    auto *stream = new EngineStream(this, EngineStream::Kind::Build, std::move(r), parent);
    stream->setUploadError(uploadError);
    stream->submit();
    return stream;
}

} // namespace stagehand
