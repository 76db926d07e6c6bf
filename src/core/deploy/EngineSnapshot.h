#pragma once

#include "analysis/HostListener.h"
#include "docker/ContainerDetails.h"
#include "docker/ContainerSummary.h"
#include "docker/ImageSummary.h"
#include "docker/NetworkSummary.h"
#include "docker/VolumeSummary.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace stagehand {

// What an engine holds that a deploy plan depends on, read once before planning (DeployPlanner)
// so that the plan itself is computed by pure code (PlanBuilder).
struct EngineSnapshot {
    QList<ContainerSummary> projectContainers;   // every container with the project's label
    QHash<QString, ContainerDetails> inspected;  // the project's service containers, by id
    QList<ContainerSummary> otherContainers;     // running containers of other projects (their published ports)
    QHash<QString, NetworkSummary> networks;     // by name
    QHash<QString, VolumeSummary> volumes;       // by name
    QHash<QString, ImageSummary> images;         // by reference, for the references present
    QHash<QString, QString> unpullable;          // reference -> why the registry will not give it
    QString dockerRootDir;
    std::optional<qint64> freeBytes;             // free space where the engine keeps its data (local engines)
    QList<HostListener> listeners;               // this host's listening sockets (local engines)
    bool hostProbed = false;
};

} // namespace stagehand
