#include "Requirements.h"

#include "DockerCli.h"
#include "ProcessRunner.h"

#include <QFileInfo>
#include <QProcessEnvironment>

#include <unistd.h>

namespace stagehand::test {

QString Requirements::engine(const DockerCli &docker)
{
    return docker.whyUnavailable();
}

QString Requirements::images(const DockerCli &docker, const QStringList &images)
{
    QStringList missing;
    for (const QString &image : images) {
        if (!docker.imageExists(image))
            missing.append(image);
    }
    if (missing.isEmpty())
        return QString();
    return QStringLiteral("image(s) missing on %1: %2 (build them: scripts/build-images.sh)")
        .arg(docker.host(), missing.join(QStringLiteral(", ")));
}

QString Requirements::baseImage(const DockerCli &docker, QString *image)
{
    const QStringList tags = docker.imageTags(QStringLiteral("stagehand/base"));
    if (tags.isEmpty())
        return QStringLiteral("no stagehand/base:* image (build it: scripts/build-images.sh)");
    *image = tags.first();
    return QString();
}

QString Requirements::privateEngine()
{
    if (::geteuid() != 0)
        return QStringLiteral("starting a private dockerd needs root");
    if (!QFileInfo(QStringLiteral("/usr/sbin/dockerd")).isExecutable())
        return QStringLiteral("/usr/sbin/dockerd is missing (install Debian's docker.io)");
    return QString();
}

QString Requirements::compose()
{
    const ProcessResult result =
        ProcessRunner::run(DockerCli::composeProgram(), {QStringLiteral("version"), QStringLiteral("--short")}, 30000);
    if (!result.ok())
        return QStringLiteral("docker-compose does not run (install Debian's docker-compose): ") + result.describe();
    return QString();
}

bool Requirements::mustNotSkip()
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto set = [&](const QString &name) {
        const QString value = environment.value(name);
        return !value.isEmpty() && value != QLatin1String("0") && value.compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
    };
    return set(QStringLiteral("CI")) || set(QStringLiteral("STAGEHAND_TEST_REQUIRE_ENGINE"));
}

} // namespace stagehand::test
