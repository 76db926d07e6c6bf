#pragma once

#include "model/ServiceDependency.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stagehand {

// The labels Stagehand puts on what it creates: Compose v2's own names (so that `docker compose ps`,
// `docker compose down` and ComposeMatcher recognise the containers, networks and volumes as the
// project's) plus Stagehand's own marker. Names only, and how their values are written.
class DeployLabels {
public:
    // Containers, networks and volumes.
    static QString project() { return QStringLiteral("com.docker.compose.project"); }
    static QString version() { return QStringLiteral("com.docker.compose.version"); }

    // Containers.
    static QString service() { return QStringLiteral("com.docker.compose.service"); }
    static QString oneoff() { return QStringLiteral("com.docker.compose.oneoff"); }
    static QString containerNumber() { return QStringLiteral("com.docker.compose.container-number"); }
    static QString configHash() { return QStringLiteral("com.docker.compose.config-hash"); }
    static QString workingDir() { return QStringLiteral("com.docker.compose.project.working_dir"); }
    static QString configFiles() { return QStringLiteral("com.docker.compose.project.config_files"); }
    static QString dependsOn() { return QStringLiteral("com.docker.compose.depends_on"); }
    static QString deployer() { return QStringLiteral("io.stagehand.deployer"); }

    // Networks and volumes: the key in the file ("demo-network"), not the engine's name.
    static QString network() { return QStringLiteral("com.docker.compose.network"); }
    static QString volume() { return QStringLiteral("com.docker.compose.volume"); }

    // Values.
    static QString oneoffFalse() { return QStringLiteral("False"); } // as Compose writes it (Python's spelling)
    static QString deployerName() { return QStringLiteral("stagehand"); }
    // "postgres:service_healthy:false,redis:service_started:true": name, condition and restart of each
    // dependency, in the order of the file.
    static QString dependsOnValue(const QList<ServiceDependency> &dependencies);
    // The compose files, comma-joined, in merge order.
    static QString configFilesValue(const QStringList &files);

    // True when labels (of a container, network or volume) say Stagehand created it.
    static bool isFromStagehand(const QMap<QString, QString> &labels);
};

} // namespace stagehand
