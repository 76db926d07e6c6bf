#pragma once

#include "docker/LogChunk.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace stagehand {

// Splits the engine's multiplexed attach/logs stream into chunks. Without a TTY every frame is an
// 8-byte header (stream type 0 stdin, 1 stdout, 2 stderr; three zero bytes; big-endian uint32 payload
// length) followed by the payload. Bytes arrive in arbitrary pieces: a header may be split across
// feeds, a payload across many, and one feed may hold several frames; feed() returns what is complete
// and keeps the rest. A payload split across feeds is returned piecewise as it arrives (never held back
// until the whole frame is in), consecutive pieces of one stream in one feed merged into one chunk.
// With tty=true the engine sends raw stdout bytes, returned as they come.
// A header with an unknown stream type is reported on Stdout (the docker CLI errors out instead; we
// prefer to keep showing the output) and counted in malformedHeaders().
class LogDemuxer {
public:
    explicit LogDemuxer(bool tty = false);

    QList<LogChunk> feed(QByteArrayView bytes);

    // True while a header has been started or a payload has not been fully received.
    bool hasPartialFrame() const;

    bool isTty() const { return m_tty; }
    // Keeps frames apart (no merging) and marks the first chunk of each with frameStart: the
    // engine writes each log entry, and each piece of a long line (over 16 KiB), as one frame.
    void setKeepFrames(bool keep) { m_keepFrames = keep; }
    int malformedHeaders() const { return m_malformedHeaders; }
    void reset();

    static constexpr int HeaderSize = 8;

private:
    bool m_tty = false;
    bool m_keepFrames = false;
    bool m_atFrameStart = false; // the next payload byte is the first of its frame
    QByteArray m_header;         // the bytes of a header received so far (< HeaderSize)
    quint32 m_remaining = 0;     // payload bytes still to come for the current frame
    LogChunk::Stream m_stream = LogChunk::Stream::Stdout;
    int m_malformedHeaders = 0;
};

} // namespace stagehand
