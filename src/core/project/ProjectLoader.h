#pragma once

#include "model/Project.h"
#include "util/Diagnostic.h"

#include <optional>

namespace stagehand {

struct ProjectLoadResult {
    std::optional<Project> project;
    Diagnostics diagnostics;
};

// Opens a project: a folder holding stagehand.yaml, the stagehand.yaml itself, or a plain Compose
// folder (compose.yaml / docker-compose.yml with its .env), read as `docker compose` would read it:
// one environment called "default", named after the folder.
class ProjectLoader {
public:
    static ProjectLoadResult load(const QString &path);

    static constexpr const char *ProjectFileName = "stagehand.yaml";
    // Compose's own rule for a project name: lower case letters, digits, '-' and '_', starting with a letter or digit.
    static QString normalizeProjectName(const QString &name);

private:
    static ProjectLoadResult loadProjectFile(const QString &file);
    static ProjectLoadResult loadComposeFolder(const QString &directory, const QString &namedFile = {});
};

} // namespace stagehand
