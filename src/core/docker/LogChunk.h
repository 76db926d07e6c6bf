#pragma once

#include <QByteArray>

namespace stagehand {

// One piece of a container's output as the engine sends it: which stream it came from and its bytes.
// A chunk is not a line: lines may span chunks and a chunk may hold several lines (see LogLineAssembler).
struct LogChunk {
    enum class Stream { Stdin, Stdout, Stderr };
    Stream stream = Stream::Stdout;
    QByteArray data;
    // These bytes open an engine frame (one log entry: with timestamps, it starts with its own);
    // only set by a LogDemuxer that keeps frames apart.
    bool frameStart = false;

    friend bool operator==(const LogChunk &, const LogChunk &) = default;
};

} // namespace stagehand
