#pragma once

#include "analysis/ContainerPublication.h"
#include "analysis/EnvironmentPorts.h"
#include "analysis/HostListener.h"

#include <QList>
#include <QString>

namespace stagehand {

// Everything the port analysis looks at; gathered by PortCheck (or written by hand in a test).
struct PortAnalysisInput {
    // In seniority order: on a conflict, the later environment's service moves. The first is the
    // primary one (the environment asked about, or the first the project declares).
    QList<EnvironmentPorts> environments;
    // When set, only conflicts involving this environment's services are reported; the other
    // environments are there for the cross check (they share its host).
    QString focus;
    QList<HostListener> listeners;           // this host's (for environments with localEngine)
    QList<ContainerPublication> containers;  // running containers of the engines used
};

} // namespace stagehand
