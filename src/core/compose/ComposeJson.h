#pragma once

#include "model/ComposeModel.h"

#include <QByteArray>
#include <QJsonObject>

namespace stagehand {

// The resolved environment in the Compose specification's canonical long forms, as
// `stagehand-cli config` prints it: ports and targets as numbers, memory in bytes, cpus as a number,
// durations as Go duration strings, `$$` already reduced to `$`.
class ComposeJson {
public:
    static QJsonObject toJson(const ComposeModel &model);
    static QJsonObject serviceToJson(const Service &service);
    // The same document as YAML (keys in the JSON's order).
    static QByteArray toYaml(const QJsonObject &document);
};

} // namespace stagehand
