#pragma once

#include <QColor>
#include <QFont>
#include <QRegularExpression>
#include <QStyledItemDelegate>

namespace stagehand {

// Paints one log line of a LogModel (through any proxy) in a monospace font: an optional
// timestamp column (local time, grey), an optional source column in the source's colour, then the
// text; stderr lines have a red bar at the left, a tinted background and dark red text; matches
// of the search expression are highlighted.
class LogDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogDelegate)

public:
    explicit LogDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    void setTimestampsShown(bool shown) { m_timestamps = shown; }
    bool timestampsShown() const { return m_timestamps; }
    void setSourcesShown(bool shown) { m_sources = shown; }
    bool sourcesShown() const { return m_sources; }
    // The widest source name, in characters (for the source column).
    void setSourceColumnCharacters(int characters) { m_sourceCharacters = characters; }
    void setSearchExpression(const QRegularExpression &expression) { m_search = expression; }
    void setFont(const QFont &font) { m_font = font; }
    QFont font() const { return m_font; }

    // A distinct colour per source index (cycles through a palette readable on white).
    static QColor sourceColour(int source);
    static QColor stderrColour() { return {0xb3, 0x1d, 0x1d}; }
    static QColor stderrBackground() { return {0xfd, 0xec, 0xec}; }
    static QColor matchBackground() { return {0xff, 0xe0, 0x66}; }
    // The local time as shown in the timestamp column.
    static QString displayTime(const QDateTime &utc);

private:
    QFont m_font;
    bool m_timestamps = true;
    bool m_sources = false;
    int m_sourceCharacters = 8;
    QRegularExpression m_search;
};

} // namespace stagehand
