#pragma once

#include "util/SourceLocation.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace stagehand {

// A top-level secret or config: from a file, an environment variable, inline content, or external.
struct FileObjectDefinition {
    QString key;
    QString name;
    QString file;        // absolute path
    QString environment; // variable name
    QString content;     // configs only
    bool external = false;
    QMap<QString, QString> labels;
    QJsonObject other;
    SourceLocation location;
};

} // namespace stagehand
