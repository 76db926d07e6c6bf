#pragma once

#include "util/SourceLocation.h"

#include <QString>

#include <optional>

namespace stagehand {

// A service's use of a top-level secret or config (long form).
struct FileReference {
    QString source;
    QString target;
    QString uid;
    QString gid;
    std::optional<int> mode;
    SourceLocation location;
};

} // namespace stagehand
