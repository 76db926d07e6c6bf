#include "docker/LogLineAssembler.h"

#include <QDate>
#include <QTime>

#include <utility>

namespace stagehand {

namespace {

constexpr qint64 kNanosPerSecond = 1000000000LL;

int index(LogChunk::Stream stream)
{
    return static_cast<int>(stream);
}

bool digits(QByteArrayView text, qsizetype from, qsizetype count, int *value)
{
    if (from + count > text.size())
        return false;
    int v = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *value = v;
    return true;
}

} // namespace

LogLineAssembler::LogLineAssembler(bool timestamps)
    : m_timestamps(timestamps)
{
}

std::optional<qint64> LogLineAssembler::parseTimestamp(QByteArrayView text)
{
    // YYYY-MM-DDTHH:MM:SS[.fffffffff](Z|+hh:mm|-hh:mm)
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(text, 0, 4, &year) || text.size() < 20 || text[4] != '-' || !digits(text, 5, 2, &month)
        || text[7] != '-' || !digits(text, 8, 2, &day) || (text[10] != 'T' && text[10] != 't')
        || !digits(text, 11, 2, &hour) || text[13] != ':' || !digits(text, 14, 2, &minute) || text[16] != ':'
        || !digits(text, 17, 2, &second))
        return std::nullopt;
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;

    qsizetype pos = 19;
    qint64 fraction = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int count = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (count < 9) {
                fraction = fraction * 10 + (text[pos] - '0');
                ++count;
            }
            ++pos;
        }
        if (count == 0)
            return std::nullopt;
        for (int i = count; i < 9; ++i)
            fraction *= 10;
    }
    if (pos >= text.size())
        return std::nullopt;
    qint64 offsetSeconds = 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int oh = 0, om = 0;
        if (!digits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':'
            || !digits(text, pos + 4, 2, &om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetSeconds = (text[pos] == '-' ? -1 : 1) * (qint64(oh) * 3600 + om * 60);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;

    const qint64 seconds = QDateTime(date, time, Qt::UTC).toSecsSinceEpoch() - offsetSeconds;
    return seconds * kNanosPerSecond + fraction;
}

QDateTime LogLineAssembler::dateTimeFromNanos(qint64 nanos)
{
    qint64 millis = nanos / 1000000;
    if (nanos % 1000000 < 0)
        --millis; // floor for instants before the epoch
    return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
}

LogLine LogLineAssembler::makeLine(LogChunk::Stream stream, QByteArray text) const
{
    LogLine line;
    line.stream = stream;
    if (text.endsWith('\r'))
        text.chop(1);
    if (m_timestamps) {
        const qsizetype space = text.indexOf(' ');
        const QByteArrayView prefix = space < 0 ? QByteArrayView(text) : QByteArrayView(text).first(space);
        if (const auto nanos = parseTimestamp(prefix)) {
            line.timestampNanos = *nanos;
            line.timestamp = dateTimeFromNanos(*nanos);
            text.remove(0, space < 0 ? text.size() : space + 1);
        }
    }
    line.text = std::move(text);
    return line;
}

QList<LogLine> LogLineAssembler::feed(const LogChunk &chunk)
{
    QList<LogLine> out;
    QByteArray &pending = m_pending[size_t(index(chunk.stream))];
    const QByteArray &data = chunk.data;
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype newline = data.indexOf('\n', start);
        if (newline < 0) {
            pending.append(QByteArrayView(data).sliced(start));
            break;
        }
        QByteArray text = std::exchange(pending, QByteArray());
        text.append(QByteArrayView(data).sliced(start, newline - start));
        out.append(makeLine(chunk.stream, std::move(text)));
        start = newline + 1;
    }
    return out;
}

QList<LogLine> LogLineAssembler::flush()
{
    QList<LogLine> out;
    for (size_t i = 0; i < m_pending.size(); ++i) {
        if (m_pending[i].isEmpty())
            continue;
        out.append(makeLine(static_cast<LogChunk::Stream>(i), std::exchange(m_pending[i], QByteArray())));
    }
    return out;
}

bool LogLineAssembler::hasPartialLine() const
{
    for (const QByteArray &pending : m_pending) {
        if (!pending.isEmpty())
            return true;
    }
    return false;
}

} // namespace stagehand
