#pragma once

#include "model/FileObjectDefinition.h"
#include "model/NetworkDefinition.h"
#include "model/Service.h"
#include "model/VolumeDefinition.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace stagehand {

// One environment's resolved Compose application: what `docker compose config` would print.
struct ComposeModel {
    QString name; // the Compose project name
    QString workingDir;
    QStringList files; // the compose files, absolute, in merge order
    QMap<QString, Service> services;
    QMap<QString, NetworkDefinition> networks;
    QMap<QString, VolumeDefinition> volumes;
    QMap<QString, FileObjectDefinition> secrets;
    QMap<QString, FileObjectDefinition> configs;
    QJsonObject extensions; // top-level x-* keys
    QJsonObject other;      // top-level spec keys not modelled (models, ...)
};

} // namespace stagehand
