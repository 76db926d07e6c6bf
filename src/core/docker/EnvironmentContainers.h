#pragma once

#include "docker/ContainerSummary.h"

#include <QList>
#include <QMap>
#include <QString>

namespace stagehand {

// The containers of one Compose project on an engine, as ComposeMatcher sorts them: per service of
// the environment's files (every service is a key, with an empty list when nothing runs for it),
// the orphans (the project's label but a service the files no longer have, as `docker compose up
// --remove-orphans` would remove them) and the one-off containers of `docker compose run`.
// Every list is ordered by container number, then name.
struct EnvironmentContainers {
    QString project;
    QMap<QString, QList<ContainerSummary>> services;
    QList<ContainerSummary> orphans;
    QList<ContainerSummary> oneOffs;

    // Services' containers in service order, then one-offs, then orphans.
    QList<ContainerSummary> all() const
    {
        QList<ContainerSummary> out;
        for (const QList<ContainerSummary> &containers : services)
            out.append(containers);
        out.append(oneOffs);
        out.append(orphans);
        return out;
    }
    bool isEmpty() const { return all().isEmpty(); }
};

} // namespace stagehand
