#pragma once

#include "model/VolumeMount.h"

#include <optional>

namespace stagehand {

// The short volume syntax: [SOURCE:]TARGET[:MODE], MODE a comma list of ro, rw, z, Z, nocopy,
// cached, delegated, consistent, and propagation flags.
class VolumeSyntax {
public:
    static std::optional<VolumeMount> parse(const QString &text, QString *error);
    // A bind source: starts with '.', '/', '~' or is a Windows path; anything else names a volume.
    static bool isPath(const QString &source);
};

} // namespace stagehand
