#pragma once

#include <QString>

namespace stagehand {

// The demo project is embedded in the application; it is copied out to the data location the
// first time (and again when the embedded copy changes) so the engine can read its files.
class DemoProject {
public:
    // The folder holding the demo's stagehand.yaml; empty with *error set when it cannot be written.
    static QString ensureExtracted(QString *error = nullptr);
    static QString embeddedRoot() { return QStringLiteral(":/examples/demo"); }
};

} // namespace stagehand
