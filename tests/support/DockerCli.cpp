#include "DockerCli.h"

#include "ProcessRunner.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QProcessEnvironment>

#include <utility>

namespace stagehand::test {

QString DockerCli::defaultHost()
{
    const QString fromEnvironment = QProcessEnvironment::systemEnvironment().value(QStringLiteral("DOCKER_HOST"));
    return fromEnvironment.isEmpty() ? QStringLiteral("unix:///var/run/docker.sock") : fromEnvironment;
}

DockerCli::DockerCli(QString host)
    : m_host(host.isEmpty() ? defaultHost() : std::move(host))
{
}

ProcessResult DockerCli::run(const QStringList &arguments, int timeoutMs) const
{
    return run(arguments, QByteArray(), timeoutMs);
}

ProcessResult DockerCli::run(const QStringList &arguments, const QByteArray &standardInput, int timeoutMs) const
{
    // -H overrides DOCKER_HOST and any context; DOCKER_CONTEXT would conflict with -H, so drop it.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DOCKER_CONTEXT"));
    return ProcessRunner(program())
        .setArguments(QStringList{QStringLiteral("-H"), m_host} + arguments)
        .setEnvironment(environment)
        .setStandardInput(standardInput)
        .setTimeoutMs(timeoutMs)
        .run();
}

bool DockerCli::engineAvailable(int timeoutMs) const
{
    return whyUnavailable(timeoutMs).isEmpty();
}

QString DockerCli::whyUnavailable(int timeoutMs) const
{
    if (!QFileInfo(program()).isExecutable())
        return QStringLiteral("%1 is missing (install Debian's docker.io: scripts/install-deps.sh)").arg(program());
    const ProcessResult result = run({QStringLiteral("version"), QStringLiteral("--format"),
                                      QStringLiteral("{{.Server.Version}}")},
                                     timeoutMs);
    if (!result.ok())
        return QStringLiteral("no Docker engine answers on %1 (start one: scripts/ensure-engine.sh): %2")
            .arg(m_host, result.describe());
    return QString();
}

bool DockerCli::imageExists(const QString &image) const
{
    return run({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                QStringLiteral("{{.Id}}"), image},
               30000)
        .ok();
}

QJsonArray DockerCli::inspect(const QStringList &ids, const QString &kind) const
{
    if (ids.isEmpty())
        return {};
    QStringList arguments;
    if (!kind.isEmpty())
        arguments << kind;
    arguments << QStringLiteral("inspect") << ids;
    const ProcessResult result = run(arguments, 60000);
    // A missing id makes docker exit 1 but still print the others.
    return QJsonDocument::fromJson(result.standardOutput).array();
}

QStringList DockerCli::containerIds(const QStringList &filters) const
{
    QStringList arguments{QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("-q"), QStringLiteral("--no-trunc")};
    for (const QString &filter : filters)
        arguments << QStringLiteral("--filter") << filter;
    return run(arguments, 30000).lines();
}

QStringList DockerCli::imageTags(const QString &repository) const
{
    // `docker images` lists newest first
    return run({QStringLiteral("images"), repository, QStringLiteral("--format"),
                QStringLiteral("{{.Repository}}:{{.Tag}}")},
               30000)
        .lines();
}

} // namespace stagehand::test
