#pragma once

#include "util/SourceLocation.h"

#include <QString>
#include <QStringList>

namespace stagehand {

// An ordered deploy barrier: every service of a phase is ready before the next phase starts.
struct DeployPhase {
    QString name;
    QStringList services;
    SourceLocation location;
};

} // namespace stagehand
