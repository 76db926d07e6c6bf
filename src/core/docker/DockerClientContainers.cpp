#include "docker/DockerClient.h"

#include "docker/DockerClientInternal.h"
#include "docker/EngineTransport.h"
#include "docker/LogDemuxer.h"

#include <QIODevice>
#include <QTimer>

namespace stagehand {
using namespace detail;

QFuture<EngineResult<QList<ContainerSummary>>> DockerClient::listContainers(bool all, const EngineFilters &filters)
{
    EngineRequest r = getRequest(QStringLiteral("/containers/json"), filters);
    if (all)
        r.query.append({QStringLiteral("all"), QStringLiteral("1")});
    return call<QList<ContainerSummary>>(std::move(r), &parseList<ContainerSummary>);
}

QFuture<EngineResult<ContainerDetails>> DockerClient::inspectContainer(const QString &id)
{
    return call<ContainerDetails>(getRequest(QStringLiteral("/containers/%1/json").arg(encoded(id))),
                                  &parseStruct<ContainerDetails>);
}

QFuture<EngineResult<QString>> DockerClient::createContainer(const QJsonObject &body, const QString &name)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/containers/create");
    if (!name.isEmpty())
        r.query.append({QStringLiteral("name"), name});
    r.body = compact(body);
    return call<QString>(std::move(r), &parseId);
}

QFuture<EngineStatus> DockerClient::startContainer(const QString &id)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/start").arg(encoded(id)));
}

QFuture<EngineStatus> DockerClient::stopContainer(const QString &id, int timeoutSeconds)
{
    QList<QPair<QString, QString>> query;
    if (timeoutSeconds >= 0)
        query.append({QStringLiteral("t"), QString::number(timeoutSeconds)});
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/stop").arg(encoded(id)), query);
}

QFuture<EngineStatus> DockerClient::restartContainer(const QString &id, int timeoutSeconds)
{
    QList<QPair<QString, QString>> query;
    if (timeoutSeconds >= 0)
        query.append({QStringLiteral("t"), QString::number(timeoutSeconds)});
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/restart").arg(encoded(id)), query);
}

QFuture<EngineStatus> DockerClient::killContainer(const QString &id, const QString &signal)
{
    QList<QPair<QString, QString>> query;
    if (!signal.isEmpty())
        query.append({QStringLiteral("signal"), signal});
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/kill").arg(encoded(id)), query);
}

QFuture<EngineStatus> DockerClient::pauseContainer(const QString &id)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/pause").arg(encoded(id)));
}

QFuture<EngineStatus> DockerClient::unpauseContainer(const QString &id)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/unpause").arg(encoded(id)));
}

QFuture<EngineStatus> DockerClient::removeContainer(const QString &id, bool force, bool volumes)
{
    return simple(QByteArrayLiteral("DELETE"), QStringLiteral("/containers/%1").arg(encoded(id)),
                  {{QStringLiteral("force"), force ? QStringLiteral("1") : QStringLiteral("0")},
                   {QStringLiteral("v"), volumes ? QStringLiteral("1") : QStringLiteral("0")}});
}

QFuture<EngineStatus> DockerClient::renameContainer(const QString &id, const QString &newName)
{
    return simple(QByteArrayLiteral("POST"), QStringLiteral("/containers/%1/rename").arg(encoded(id)),
                  {{QStringLiteral("name"), newName}});
}

QFuture<EngineResult<int>> DockerClient::waitContainer(const QString &id, const QString &condition)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/containers/%1/wait").arg(encoded(id));
    r.query.append({QStringLiteral("condition"), condition});
    r.timeoutMs = 0; // as long as the container runs
    return call<int>(std::move(r), [](const EngineResponse &response) {
        const QJsonObject object = response.json().object();
        const QString error = object.value(QLatin1String("Error")).toObject().value(QLatin1String("Message")).toString();
        if (!error.isEmpty())
            return EngineResult<int>::failure(EngineError::protocol(error));
        return EngineResult<int>::success(object.value(QLatin1String("StatusCode")).toInt());
    });
}

QFuture<EngineResult<ExecResult>> DockerClient::exec(const QString &id, const QStringList &cmd, const ExecOptions &options)
{
    auto promise = std::make_shared<QPromise<EngineResult<ExecResult>>>();
    promise->start();
    QFuture<EngineResult<ExecResult>> future = promise->future();
    auto fail = [promise](const EngineError &error) {
        promise->addResult(EngineResult<ExecResult>::failure(error));
        promise->finish();
    };

    QJsonObject config{{QStringLiteral("AttachStdout"), true},
                       {QStringLiteral("AttachStderr"), true},
                       {QStringLiteral("AttachStdin"), false},
                       {QStringLiteral("Tty"), false},
                       {QStringLiteral("Cmd"), QJsonArray::fromStringList(cmd)}};
    if (!options.environment.isEmpty())
        config.insert(QStringLiteral("Env"), QJsonArray::fromStringList(options.environment));
    if (!options.workingDirectory.isEmpty())
        config.insert(QStringLiteral("WorkingDir"), options.workingDirectory);
    if (!options.user.isEmpty())
        config.insert(QStringLiteral("User"), options.user);

    EngineRequest create;
    create.method = QByteArrayLiteral("POST");
    create.path = QStringLiteral("/containers/%1/exec").arg(encoded(id));
    create.body = compact(config);
    send(std::move(create), [this, promise, fail](const EngineResponse &created) {
        if (!created.ok())
            return fail(created.error);
        const QString execId = created.json().object().value(QLatin1String("Id")).toString();
        EngineRequest start;
        start.method = QByteArrayLiteral("POST");
        start.path = QStringLiteral("/exec/%1/start").arg(encoded(execId));
        start.body = compact(QJsonObject{{QStringLiteral("Detach"), false}, {QStringLiteral("Tty"), false}});
        start.timeoutMs = 0; // as long as the command runs
        send(std::move(start), [this, promise, fail, execId](const EngineResponse &output) {
            if (!output.ok())
                return fail(output.error);
            auto result = std::make_shared<ExecResult>();
            LogDemuxer demuxer(false);
            const QList<LogChunk> chunks = demuxer.feed(output.body);
            for (const LogChunk &chunk : chunks)
                (chunk.stream == LogChunk::Stream::Stderr ? result->standardError : result->standardOutput) += chunk.data;
            inspectExec(execId, promise, result, 0);
        });
    });
    return future;
}

void DockerClient::inspectExec(const QString &execId, const std::shared_ptr<QPromise<EngineResult<ExecResult>>> &promise,
                               const std::shared_ptr<ExecResult> &result, int attempt)
{
    // The exit code: exec inspect, until the engine has noticed the end (Running false).
    EngineRequest r;
    r.path = QStringLiteral("/exec/%1/json").arg(encoded(execId));
    send(std::move(r), [this, execId, promise, result, attempt](const EngineResponse &answer) {
        if (!answer.ok()) {
            promise->addResult(EngineResult<ExecResult>::failure(answer.error));
            promise->finish();
            return;
        }
        const QJsonObject object = answer.json().object();
        if (object.value(QLatin1String("Running")).toBool() && attempt < 250) {
            QTimer::singleShot(20, this,
                               [this, execId, promise, result, attempt] { inspectExec(execId, promise, result, attempt + 1); });
            return;
        }
        result->exitCode = object.value(QLatin1String("ExitCode")).toInt(-1);
        promise->addResult(EngineResult<ExecResult>::success(*result));
        promise->finish();
    });
}

QFuture<EngineResult<qint64>> DockerClient::getArchive(const QString &id, const QString &path, QIODevice *out)
{
    auto promise = std::make_shared<QPromise<EngineResult<qint64>>>();
    promise->start();
    QFuture<EngineResult<qint64>> future = promise->future();
    EngineRequest r;
    r.path = QStringLiteral("/containers/%1/archive").arg(encoded(id));
    r.query.append({QStringLiteral("path"), path});
    download(std::move(r), out, [promise](const EngineResult<qint64> &result) {
        promise->addResult(result);
        promise->finish();
    });
    return future;
}

QFuture<EngineStatus> DockerClient::putArchive(const QString &id, const QString &path, QIODevice *source)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("PUT");
    r.path = QStringLiteral("/containers/%1/archive").arg(encoded(id));
    r.query.append({QStringLiteral("path"), path});
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-tar")});
    r.body = source->readAll();
    r.timeoutMs = 0;
    return call<EngineDone>(std::move(r), [](const EngineResponse &) { return EngineStatus::success({}); });
}

QFuture<EngineStatus> DockerClient::putArchive(const QString &id, const QString &path,
                                               std::function<qint64(char *, qint64)> upload)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("PUT");
    r.path = QStringLiteral("/containers/%1/archive").arg(encoded(id));
    r.query.append({QStringLiteral("path"), path});
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-tar")});
    r.upload = std::move(upload);
    r.timeoutMs = 0;
    return call<EngineDone>(std::move(r), [](const EngineResponse &) { return EngineStatus::success({}); });
}

} // namespace stagehand
