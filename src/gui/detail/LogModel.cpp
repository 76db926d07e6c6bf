#include "detail/LogModel.h"

#include "docker/LogLineAssembler.h"
#include "util/SecretRegistry.h"

#include <QDateTime>

#include <algorithm>

namespace stagehand {

LogModel::LogModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return e.text;
    case TimeRole:
        return e.timeNanos ? LogLineAssembler::dateTimeFromNanos(e.timeNanos) : QDateTime();
    case TimeNanosRole:
        return e.timeNanos;
    case StreamRole:
        return int(e.stream);
    case StderrRole:
        return e.isStderr();
    case SourceRole:
        return sourceName(e.source);
    case SourceIndexRole:
        return e.source;
    default:
        return {};
    }
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TimeRole, "time");
    names.insert(TimeNanosRole, "timeNanos");
    names.insert(StreamRole, "stream");
    names.insert(StderrRole, "stderr");
    names.insert(SourceRole, "source");
    names.insert(SourceIndexRole, "sourceIndex");
    return names;
}

int LogModel::addSource(const QString &name)
{
    m_sources.append(name);
    return int(m_sources.size() - 1);
}

void LogModel::setCapacity(int lines)
{
    m_capacity = std::max(1, lines);
    trim();
}

void LogModel::appendLines(int source, const QList<LogLine> &lines)
{
    appendEntries(entriesFrom(source, lines));
}

QList<LogEntry> LogModel::entriesFrom(int source, const QList<LogLine> &lines)
{
    QList<LogEntry> entries;
    entries.reserve(lines.size());
    const SecretRegistry &secrets = SecretRegistry::instance();
    for (const LogLine &line : lines)
        entries.append(LogEntry{line.timestampNanos, line.stream, source, secrets.redact(QString::fromUtf8(line.text))});
    return entries;
}

qsizetype LogModel::positionFor(const LogEntry &e) const
{
    if (m_entries.empty() || e.timeNanos == 0 || e.timeNanos >= m_entries.back().timeNanos)
        return qsizetype(m_entries.size());
    const auto it = std::upper_bound(m_entries.begin(), m_entries.end(), e.timeNanos,
                                     [](qint64 time, const LogEntry &other) { return time < other.timeNanos; });
    return qsizetype(it - m_entries.begin());
}

void LogModel::appendEntries(const QList<LogEntry> &entries)
{
    qsizetype i = 0;
    while (i < entries.size()) {
        const qsizetype position = positionFor(entries[i]);
        const bool atEnd = position == qsizetype(m_entries.size());
        // The run of lines that all go to this position, in order.
        qsizetype end = i + 1;
        while (end < entries.size()) {
            const LogEntry &next = entries[end];
            if (next.timeNanos < entries[end - 1].timeNanos && next.timeNanos != 0)
                break; // out of order within the batch: place it on its own
            if (!atEnd && (next.timeNanos == 0 || next.timeNanos >= m_entries[std::size_t(position)].timeNanos))
                break;
            ++end;
        }
        beginInsertRows({}, int(position), int(position + (end - i) - 1));
        m_entries.insert(m_entries.begin() + position, entries.begin() + i, entries.begin() + end);
        endInsertRows();
        i = end;
    }
    trim();
}

void LogModel::trim()
{
    if (qsizetype(m_entries.size()) <= m_capacity)
        return;
    const int excess = int(m_entries.size()) - m_capacity;
    beginRemoveRows({}, 0, excess - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
    endRemoveRows();
    m_dropped += excess;
}

void LogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_dropped = 0;
    endResetModel();
}

void LogModel::clearAll()
{
    clear();
    m_sources.clear();
}

QString LogModel::formatTime(qint64 nanos)
{
    if (nanos == 0)
        return {};
    const qint64 seconds = nanos >= 0 ? nanos / 1000000000 : (nanos - 999999999) / 1000000000;
    const qint64 fraction = nanos - seconds * 1000000000;
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.' +
           QStringLiteral("%1").arg(fraction, 9, 10, QLatin1Char('0')) + u'Z';
}

QString LogModel::formatEntry(const LogEntry &e, bool withTime, bool withSource) const
{
    QString out;
    if (withTime && e.timeNanos != 0)
        out += formatTime(e.timeNanos) + u' ';
    if (withSource)
        out += sourceName(e.source) + u' ';
    if (e.isStderr())
        out += QStringLiteral("stderr ");
    return out + e.text;
}

} // namespace stagehand
