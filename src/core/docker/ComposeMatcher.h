#pragma once

#include "docker/ContainerSummary.h"
#include "docker/EnvironmentContainers.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stagehand {

struct ResolvedEnvironment;

// Matches an environment to its containers by the labels Compose puts on every container it
// creates (com.docker.compose.project, .service, .oneoff, .container-number), never by name: a
// stack started by docker-compose 1.29 (`<project>_<service>_<n>`), by Compose v2
// (`<project>-<service>-<n>`), by Stagehand, or with container_name: all match the same way.
// Pure: the containers come from the caller (DockerClient::listContainers with filters()).
class ComposeMatcher {
public:
    static EnvironmentContainers match(const QString &project, const QStringList &services,
                                       const QList<ContainerSummary> &containers);
    // The project name and the services of a resolved environment (no services if it did not load).
    static EnvironmentContainers match(const ResolvedEnvironment &environment, const QList<ContainerSummary> &containers);

    // {"label": ["com.docker.compose.project=<project>"]}: the engine-side pre-filter for match().
    static QMap<QString, QStringList> filters(const QString &project);

    // com.docker.compose.oneoff is "True" (any case): made by `docker compose run`.
    static bool isOneOff(const ContainerSummary &container);
    // com.docker.compose.container-number, 0 when absent or not a number.
    static int containerNumber(const ContainerSummary &container);

    static QString projectLabel() { return QStringLiteral("com.docker.compose.project"); }
    static QString serviceLabel() { return QStringLiteral("com.docker.compose.service"); }
    static QString oneOffLabel() { return QStringLiteral("com.docker.compose.oneoff"); }
    static QString numberLabel() { return QStringLiteral("com.docker.compose.container-number"); }
};

} // namespace stagehand
