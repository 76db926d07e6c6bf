#pragma once

#include "lint/LintFix.h"
#include "util/Diagnostic.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace stagehand {

// Lint findings as `stagehand-cli lint --format json` prints them (a public interface): a list of
//   {"severity": "error|warning|info", "rule": "...", "file": "...", "line": 12, "column": 5,
//    "service": "api" or null, "message": "...", "hint": "...", "fix": null or
//    {"file": "...", "line": 18, "column": 10, "old_text": "...", "new_text": "...", "description": "..."}}
// Files are relative to the project's folder when inside it; service is null for a finding in an env file.
class LintJson {
public:
    // fixes: one per finding (same index), or empty for none at all.
    static QJsonArray toJson(const Diagnostics &findings, const QList<std::optional<LintFix>> &fixes, const QString &projectDirectory);
    static QJsonObject toJson(const Diagnostic &finding, const std::optional<LintFix> &fix, const QString &projectDirectory);
    static QJsonObject toJson(const LintFix &fix, const QString &projectDirectory);

    // A file as the output names it: relative to projectDirectory when inside it, else as given.
    static QString displayPath(const QString &file, const QString &projectDirectory);
};

} // namespace stagehand
