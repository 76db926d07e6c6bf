#include "docker/LogDemuxer.h"

#include <algorithm>

namespace stagehand {

namespace {

void append(QList<LogChunk> &out, LogChunk::Stream stream, QByteArrayView bytes, bool merge = true, bool frameStart = false)
{
    if (bytes.isEmpty())
        return;
    if (merge && !out.isEmpty() && out.last().stream == stream) {
        out.last().data.append(bytes);
        return;
    }
    out.append(LogChunk{stream, bytes.toByteArray(), frameStart});
}

} // namespace

LogDemuxer::LogDemuxer(bool tty)
    : m_tty(tty)
{
}

void LogDemuxer::reset()
{
    m_header.clear();
    m_remaining = 0;
    m_atFrameStart = false;
    m_stream = LogChunk::Stream::Stdout;
    m_malformedHeaders = 0;
}

bool LogDemuxer::hasPartialFrame() const
{
    return !m_tty && (!m_header.isEmpty() || m_remaining > 0);
}

QList<LogChunk> LogDemuxer::feed(QByteArrayView bytes)
{
    QList<LogChunk> out;
    if (m_tty) {
        append(out, LogChunk::Stream::Stdout, bytes);
        return out;
    }

    qsizetype pos = 0;
    const qsizetype size = bytes.size();
    while (pos < size) {
        if (m_remaining > 0) {
            const qsizetype take = std::min<qsizetype>(qsizetype(m_remaining), size - pos);
            append(out, m_stream, bytes.sliced(pos, take), !m_keepFrames, m_keepFrames && m_atFrameStart);
            m_atFrameStart = false;
            pos += take;
            m_remaining -= quint32(take);
            continue;
        }
        const qsizetype need = HeaderSize - m_header.size();
        const qsizetype take = std::min(need, size - pos);
        m_header.append(bytes.sliced(pos, take));
        pos += take;
        if (m_header.size() < HeaderSize)
            break;

        const auto *h = reinterpret_cast<const unsigned char *>(m_header.constData());
        switch (h[0]) {
        case 0:
            m_stream = LogChunk::Stream::Stdin;
            break;
        case 1:
            m_stream = LogChunk::Stream::Stdout;
            break;
        case 2:
            m_stream = LogChunk::Stream::Stderr;
            break;
        default:
            m_stream = LogChunk::Stream::Stdout;
            ++m_malformedHeaders;
            break;
        }
        m_remaining = (quint32(h[4]) << 24) | (quint32(h[5]) << 16) | (quint32(h[6]) << 8) | quint32(h[7]);
        m_header.clear();
        m_atFrameStart = true;
    }
    return out;
}

} // namespace stagehand
