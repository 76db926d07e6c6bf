#pragma once

#include "detail/LogEntry.h"
#include "docker/LogLine.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QToolButton;

namespace stagehand {

class LogDelegate;
class LogFilterProxyModel;
class LogModel;

// The log viewer shared by the container detail and the project logs: a LogModel behind a
// LogFilterProxyModel, painted by a LogDelegate, and the controls:
// - Follow: keep the newest line in view (scrolling up turns it off, scrolling to the end on).
// - Pause: the view stops changing, the lines that arrive meanwhile are buffered (up to the
//   model's capacity) and added when unpaused; the streams keep running.
// - Search: a regular expression (case-insensitive), matches highlighted, next/previous
//   (Enter, F3, Shift+F3), optionally only the matching lines shown.
// - stdout / stderr / per-source (service) filters, timestamps column toggle.
// - Save shown / Save all: written atomically (QSaveFile) on a worker thread.
class LogPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPane)

public:
    explicit LogPane(QWidget *parent = nullptr);
    ~LogPane() override;

    LogModel *model() const { return m_model; }
    LogFilterProxyModel *proxy() const { return m_proxy; }
    LogDelegate *delegate() const { return m_delegate; }
    QListView *view() const { return m_view; }

    // Replaces the sources (and clears the lines): one name per source index.
    void setSources(const QStringList &names);
    void appendLines(int source, const QList<LogLine> &lines);
    void clear();

    bool isFollowing() const;
    void setFollowing(bool follow);
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    int pendingCount() const { return int(m_pending.size()); }

    void setSearchText(const QString &pattern);
    void setOnlyMatches(bool only);
    // Selects and shows the next/previous match; its proxy row, -1 if none.
    int findNext();
    int findPrevious();
    int currentMatchRow() const { return m_currentMatch; }

    void setTimestampsShown(bool shown);
    bool timestampsShown() const;

    // The status line ("120 lines, 3 matches, paused: 4 new").
    QString statusText() const;

    // Writes the shown lines (as displayed: with timestamps if shown, sources if several) or all
    // lines (with timestamps) to path; savedFile() or saveFailed() follows.
    void save(const QString &path, bool shownOnly);
    // The text save() writes.
    QByteArray textFor(bool shownOnly) const;

Q_SIGNALS:
    void savedFile(const QString &path, int lines);
    void saveFailed(const QString &path, const QString &error);

private:
    void buildUi();
    void chooseFileAndSave(bool shownOnly);
    int selectMatch(int row);
    void scheduleScroll();
    void updateStatus();
    void rebuildSourceMenu();

    LogModel *m_model = nullptr;
    LogFilterProxyModel *m_proxy = nullptr;
    LogDelegate *m_delegate = nullptr;
    QListView *m_view = nullptr;
    QCheckBox *m_follow = nullptr;
    QToolButton *m_pause = nullptr;
    QLineEdit *m_search = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QCheckBox *m_onlyMatches = nullptr;
    QCheckBox *m_stdout = nullptr;
    QCheckBox *m_stderr = nullptr;
    QToolButton *m_sourcesButton = nullptr;
    QMenu *m_sourcesMenu = nullptr;
    QCheckBox *m_timestamps = nullptr;
    QToolButton *m_save = nullptr;
    QLabel *m_status = nullptr;
    QString m_lastMessage;

    bool m_paused = false;
    QList<LogEntry> m_pending;
    bool m_scrollPending = false;
    int m_currentMatch = -1;
};

} // namespace stagehand
