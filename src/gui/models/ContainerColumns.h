#pragma once

#include "models/ContainerInfo.h"

#include <QCoreApplication>
#include <QVariant>

namespace stagehand {

// What a project or service row of the container tree sums up of its containers.
struct ContainerGroupTotals {
    bool project = false; // a project row (else a service row)
    bool other = false;   // the "Other containers" group
    QString key;          // the project or service name
    QString projectKey;
    int total = 0, running = 0, withStats = 0;
    double cpu = 0;
    qint64 memory = 0;
    QString worstHealth; // unhealthy before starting before healthy

    void add(const ContainerInfo &container);
};

// The cells of ContainerModel's rows (display, tooltip, sort, filter and the delegate's roles): a
// container's, and a group's from its totals.
class ContainerColumns {
    Q_DECLARE_TR_FUNCTIONS(ContainerColumns)

public:
    static QVariant containerData(const ContainerInfo &container, int column, int role);
    static QVariant groupData(const ContainerGroupTotals &group, int column, int role);
    // "42 s", "5 min", "3 h 12 min", "2 d 4 h"
    static QString formatUptime(qint64 seconds);
};

} // namespace stagehand
