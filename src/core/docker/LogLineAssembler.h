#pragma once

#include "docker/LogChunk.h"
#include "docker/LogLine.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>

#include <array>
#include <optional>

namespace stagehand {

// Joins LogChunks into whole lines, one buffer per stream (a stdout line interrupted by stderr output
// continues where it left off). A line ends at "\n"; a "\r" right before it is dropped too (a TTY
// turns every "\n" into "\r\n"). With timestamps=true each line starts with the RFC3339Nano time the
// engine adds ("2024-01-02T03:04:05.123456789Z text"), split off into LogLine::timestamp; fractions of
// 0 to 9 digits and "Z" or "+hh:mm"/"-hh:mm" offsets are accepted. flush() returns the partial lines
// still buffered (stdin, stdout, stderr order) and empties the buffers.
class LogLineAssembler {
public:
    explicit LogLineAssembler(bool timestamps = false);

    QList<LogLine> feed(const LogChunk &chunk);
    QList<LogLine> flush();

    bool hasPartialLine() const;

    // The RFC3339 / RFC3339Nano parser used for the prefix: nanoseconds since the epoch, or nullopt.
    static std::optional<qint64> parseTimestamp(QByteArrayView text);
    static QDateTime dateTimeFromNanos(qint64 nanos);

private:
    LogLine makeLine(LogChunk::Stream stream, QByteArray text) const;

    bool m_timestamps = false;
    std::array<QByteArray, 3> m_pending;
};

} // namespace stagehand
