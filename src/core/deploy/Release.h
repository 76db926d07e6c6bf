#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace stagehand {

// What one deploy did to one service.
struct ServiceRelease {
    QString service;
    QString image;         // the reference as the files name it (or the built tag)
    QString imageId;       // sha256:... (locally built images have no registry digest)
    QString releaseTag;    // "stagehand/<project>/<service>:r<N>": the tag that keeps the image reachable
    QString configHash;    // the container's com.docker.compose.config-hash
    QString action;        // "created", "recreated", "restarted", "unchanged", "removed"
    qint64 durationMs = 0; // from the service's start of work to its gate opening
    QString outcome;       // "ready", "failed", "cancelled", "skipped"

    // Whether the deploy changed the service's containers (created, recreated, restarted or started them).
    bool changed() const
    {
        return action == QLatin1String("created") || action == QLatin1String("recreated") || action == QLatin1String("restarted")
            || action == QLatin1String("started");
    }

    friend bool operator==(const ServiceRelease &, const ServiceRelease &) = default;
};

// One deploy of one environment (ReleaseStore keeps them).
struct Release {
    qint64 id = 0;                   // the store's row id (0 until begun)
    QString project;                 // the Stagehand project name
    QString environment;             // dev, staging, ...
    QString composeProject;          // the Compose project name
    int number = 0;                  // 1, 2, ... per (project, environment)
    QDateTime startedAt, finishedAt; // UTC; finishedAt invalid while running
    QString outcome;                 // "running", "succeeded", "failed", "cancelled"
    QString message;                 // why it failed
    QString envFileHash;             // sha256 hex of the env file's bytes ("" when none)
    QString engine;                  // the engine endpoint
    QString stagehandVersion;
    QJsonObject configuration; // the resolved environment (ComposeJson::toJson) with secret values replaced
    QList<ServiceRelease> services;

    bool running() const { return outcome == QLatin1String("running"); }
    // The services the deploy changed (ServiceRelease::changed()).
    int changedServices() const
    {
        int count = 0;
        for (const ServiceRelease &s : services)
            count += s.changed() ? 1 : 0;
        return count;
    }
};

} // namespace stagehand
