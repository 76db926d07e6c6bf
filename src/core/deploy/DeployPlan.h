#pragma once

#include "deploy/ContainerBlueprint.h"
#include "deploy/DependencyGraph.h"
#include "util/Diagnostic.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace stagehand {

// One step of a deploy plan: what happens to one network, volume, image or container, and why.
struct PlanAction {
    enum class Resource { Network, Volume, Image, Container };
    enum class Kind {
        Create,    // does not exist
        Recreate,  // exists, but differs from the files (config hash, image, drift, made by another tool)
        Start,     // exists as the files say, but is not running (an interrupted deploy, a stop)
        Restart,   // unchanged, but a service it depends on is recreated
        Keep,      // exists as the files say: left alone
        Remove,    // an orphan (with --remove-orphans), or a surplus replica
        Pull,      // an image missing here, pulled from its registry
        Build,     // an image built from the service's build: section
    };

    Resource resource = Resource::Container;
    Kind kind = Kind::Keep;
    QString service;     // the service concerned (containers, images); empty for networks and volumes
    QString name;        // the engine's name of the object (container, network, volume, image reference)
    QString containerId; // the existing container, for Recreate, Start, Restart, Keep, Remove
    int number = 0;      // the container number
    QString reason;      // for people: "config changed", "drift: memory limit 256M here, 1G in the files"
    QStringList drift;   // the differences between the running container and the files, one per line

    bool changes() const { return kind != Kind::Keep; }
    static QString resourceName(Resource resource);
    static QString kindName(Kind kind);
};

// An image the deploy needs, and how it gets it.
struct PlannedImage {
    QString reference;   // what the containers run
    QStringList services;
    QString imageId;     // when present here
    bool present = false;
    bool build = false;  // built from the service's build: section (else pulled when missing)
    QString buildContext; // the build's context directory and Dockerfile (absolute), when build
    QString dockerfile;
    SourceLocation buildLocation;
};

// Everything a deploy will do, computed before it changes anything: `up --dry-run` prints it, the
// GUI shows it before a deploy that changes something. Problems with errors stop the deploy
// before its first change.
struct DeployPlan {
    QString project;        // the Compose project name
    QString environment;
    DependencyGraph graph;
    QList<PlanAction> actions;               // networks, volumes, images, then containers in start order
    QHash<QString, QList<ContainerBlueprint>> blueprints; // per service
    QHash<QString, PlannedImage> images;     // per service
    Diagnostics problems;                    // unsupported keys, graph errors, preflight findings
    QStringList notes;                       // things worth knowing that are not problems
    bool foreign = false;                    // containers made by another tool (docker-compose) are recreated once

    bool hasErrors() const { return stagehand::hasErrors(problems); }
    bool changesAnything() const;
    QList<PlanAction> containerActions(const QString &service) const;
    // The services with a container created, recreated, started or restarted.
    QStringList changedServices() const;
};

} // namespace stagehand
