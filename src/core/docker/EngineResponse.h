#pragma once

#include "docker/EngineError.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QMap>

namespace stagehand {

// What the engine answered to one request (or why it did not).
struct EngineResponse {
    int status = 0;                        // 0: no answer (see error)
    QMap<QByteArray, QByteArray> headers;  // names in lower case
    QByteArray body;                       // the whole body; for streams only what was not delivered as chunks (error bodies)
    EngineError error;                     // transport or HTTP error (the engine's {"message"})

    bool ok() const { return !error.isError(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

} // namespace stagehand
