#pragma once

#include "docker/LogChunk.h"

#include <QString>
#include <QtGlobal>

namespace stagehand {

// One line in a LogModel: when the engine saw it, on which stream, from which source (an index
// into the model's sources: a container or a Compose service) and its text (UTF-8 decoded).
struct LogEntry {
    qint64 timeNanos = 0; // nanoseconds since the epoch; 0 when unknown
    LogChunk::Stream stream = LogChunk::Stream::Stdout;
    int source = 0;
    QString text;

    bool isStderr() const { return stream == LogChunk::Stream::Stderr; }
};

} // namespace stagehand
