#pragma once

#include "docker/LogChunk.h"

#include <QByteArray>
#include <QDateTime>

namespace stagehand {

// One whole line of a container's output. text has no line terminator (neither "\n" nor the "\r"
// before it). With timestamps, timestamp is the engine's time for the line in UTC (millisecond
// precision, as QDateTime holds it) and timestampNanos the same instant in nanoseconds since the Unix
// epoch (full precision); without timestamps, or when the prefix does not parse, timestamp is invalid,
// timestampNanos 0 and text holds the whole line.
struct LogLine {
    LogChunk::Stream stream = LogChunk::Stream::Stdout;
    QDateTime timestamp;
    qint64 timestampNanos = 0;
    QByteArray text;
};

} // namespace stagehand
