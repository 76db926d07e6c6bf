#pragma once

#include "detail/LogEntry.h"
#include "docker/LogLine.h"

#include <QAbstractListModel>
#include <QList>
#include <QStringList>

#include <deque>

namespace stagehand {

// The lines of one or more log streams, in time order: a capped buffer (the oldest lines are
// removed from the front, with beginRemoveRows/endRemoveRows, once there are more than capacity()).
// Lines of several sources are merged by their engine timestamp: a batch whose lines are newer
// than everything is appended; an older line is inserted where its time belongs (equal times keep
// arrival order). Lines without a timestamp are appended in arrival order.
class LogModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Role {
        TimeRole = Qt::UserRole + 1, // QDateTime (UTC), invalid when unknown
        TimeNanosRole,               // qint64
        StreamRole,                  // int(LogChunk::Stream)
        StderrRole,                  // bool
        SourceRole,                  // QString: the source's name
        SourceIndexRole,             // int
    };

    static constexpr int DefaultCapacity = 100000;

    explicit LogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Sources: a name per index (service or container name). addSource returns the new index.
    int addSource(const QString &name);
    QStringList sources() const { return m_sources; }
    QString sourceName(int source) const { return m_sources.value(source); }

    void setCapacity(int lines);
    int capacity() const { return m_capacity; }
    // Lines removed from the front because of the capacity, since the last clear().
    qint64 droppedCount() const { return m_dropped; }

    // Decodes the lines (UTF-8, known secret values redacted) and inserts them in time order.
    void appendLines(int source, const QList<LogLine> &lines);
    void appendEntries(const QList<LogEntry> &entries);
    static QList<LogEntry> entriesFrom(int source, const QList<LogLine> &lines);
    void clear();    // the lines, not the sources
    void clearAll(); // the lines and the sources

    const LogEntry &entry(int row) const { return m_entries[std::size_t(row)]; }

    // "2024-01-02T03:04:05.123456789Z" (UTC, nine fraction digits); empty for 0.
    static QString formatTime(qint64 nanos);
    // A line as saved to a file: "[time ][source ]text", stderr lines marked "stderr " after the source.
    QString formatEntry(const LogEntry &entry, bool withTime, bool withSource) const;

private:
    qsizetype positionFor(const LogEntry &entry) const;
    void trim();

    std::deque<LogEntry> m_entries;
    QStringList m_sources;
    int m_capacity = DefaultCapacity;
    qint64 m_dropped = 0;
};

} // namespace stagehand
