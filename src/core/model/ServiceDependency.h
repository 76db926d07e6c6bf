#pragma once

#include "util/SourceLocation.h"

#include <QString>

namespace stagehand {

// One depends_on entry.
struct ServiceDependency {
    enum class Condition { Started, Healthy, CompletedSuccessfully };

    QString service;
    Condition condition = Condition::Started;
    bool required = true;
    bool restart = false;
    SourceLocation location;

    static QString conditionName(Condition condition);
};

} // namespace stagehand
