#pragma once

#include "deploy/Release.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace stagehand {

// Releases as `stagehand-cli releases --format json` prints them: {"number", "project", "environment",
// "compose_project", "started_at", "finished_at" (ISO 8601 UTC; null while running), "outcome",
// "message", "env_file_hash", "engine", "stagehand_version", "services": [...], "configuration": {...}}.
class ReleaseJson {
public:
    static QJsonObject toJson(const Release &release);
    static QJsonArray toJson(const QList<Release> &releases);
    // {"service", "image", "image_id", "release_tag", "config_hash", "action", "duration_ms", "outcome"}
    static QJsonObject serviceToJson(const ServiceRelease &service);
    // ISO 8601 in UTC with milliseconds ("2025-03-01T12:00:00.250Z"), or null when invalid.
    static QJsonValue timestamp(const QDateTime &when);
};

} // namespace stagehand
