#pragma once

#include "lint/LintFix.h"
#include "model/ComposeModel.h"
#include "util/Diagnostic.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace stagehand {

// Fixes for lint findings, and applying them. Today one rule has a safe fix: database-port-public,
// whose port entry gets the host address 127.0.0.1 (the short syntax "5434:5432" becomes
// "127.0.0.1:5434:5432", "5432" becomes "127.0.0.1::5432", "0.0.0.0:..." and "[::]:..." become
// "127.0.0.1:...", the long syntax gets or changes its host_ip). A host address written as a
// variable, or a port entry the file does not hold verbatim, gets no fix.
class LintFixer {
public:
    // The fix for a finding of the environment `model` was resolved to (its port mappings say what the
    // entry publishes); reads the finding's file. Empty when there is none or it would not be safe.
    static std::optional<LintFix> fixFor(const Diagnostic &finding, const ComposeModel &model);
    // The same on the file's content.
    static std::optional<LintFix> fixFor(const Diagnostic &finding, const ComposeModel &model, const QByteArray &content);

    // Applies a fix to a file's content; false (with *error) when the content no longer holds oldText there.
    static bool apply(const LintFix &fix, QByteArray &content, QString *error = nullptr);
    // Applies fixes to their files (several per file: from the last position to the first) and writes
    // each file atomically; nothing is written to a file unless all its fixes apply.
    static bool write(const QList<LintFix> &fixes, QString *error = nullptr);
};

} // namespace stagehand
