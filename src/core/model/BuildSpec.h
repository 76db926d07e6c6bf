#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace stagehand {

// A service's build section. context is an absolute path (or a URL) once resolved.
struct BuildSpec {
    QString context;
    QString dockerfile;
    QString dockerfileInline;
    QString target;
    QMap<QString, std::optional<QString>> args;
    QMap<QString, QString> labels;
    QJsonObject other; // cache_from, network, ssh, tags, ... as written
};

} // namespace stagehand
