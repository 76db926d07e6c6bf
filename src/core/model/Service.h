#pragma once

#include "model/BuildSpec.h"
#include "model/FileReference.h"
#include "model/Healthcheck.h"
#include "model/LoggingSpec.h"
#include "model/PortMapping.h"
#include "model/ResourceSpec.h"
#include "model/ServiceDependency.h"
#include "model/ServiceNetwork.h"
#include "model/VolumeMount.h"
#include "util/SourceLocation.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <chrono>
#include <optional>

namespace stagehand {

// One service of a resolved environment: interpolated, overrides merged, paths absolute.
// Keys of the Compose specification that Stagehand does not model are kept in `other`,
// exactly as written, so nothing the user wrote is dropped.
struct Service {
    QString name;
    QString image;
    std::optional<BuildSpec> build;
    std::optional<QStringList> command;
    std::optional<QStringList> entrypoint;
    // env_file contents overlaid with `environment`; nullopt: named without a value and unset.
    QMap<QString, std::optional<QString>> environment;
    QStringList envFiles; // absolute paths, in order
    QList<PortMapping> ports;
    QStringList expose;
    QList<VolumeMount> volumes;
    QMap<QString, ServiceNetwork> networks;
    QString networkMode;
    QList<ServiceDependency> dependsOn;
    std::optional<Healthcheck> healthcheck;
    ResourceSpec limits;
    ResourceSpec reservations;
    QJsonObject deployOther;   // deploy keys besides resources limits/reservations (replicas, restart_policy, ...)
    QJsonObject resourcesOther; // resources keys besides cpus/memory/pids (devices, generic_resources)
    LoggingSpec logging;
    QString restart;
    QMap<QString, QString> labels;
    QStringList profiles;
    QString containerName;
    QString hostname;
    QString user;
    QString workingDir;
    std::optional<bool> init;
    std::optional<std::chrono::nanoseconds> stopGracePeriod;
    QString stopSignal;
    QStringList capAdd;
    QStringList capDrop;
    QList<FileReference> secrets;
    QList<FileReference> configs;
    QJsonObject other;

    SourceLocation location;                   // where the service is first defined
    QHash<QString, SourceLocation> keyLocations; // where each key was last set (after overrides)

    SourceLocation locationOf(const QString &key) const { return keyLocations.value(key, location); }
};

} // namespace stagehand
