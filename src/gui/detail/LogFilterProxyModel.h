#pragma once

#include <QRegularExpression>
#include <QSet>
#include <QSortFilterProxyModel>

namespace stagehand {

// The lines of a LogModel that are shown: by stream (stdout, stderr), by source (per service),
// and, when filterToMatches is on, only those the search expression matches. The search is a
// case-insensitive regular expression; an invalid one matches nothing (isSearchValid() false).
// Also finds the next/previous matching row for search navigation.
class LogFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterProxyModel)

public:
    explicit LogFilterProxyModel(QObject *parent = nullptr);

    void setSearchPattern(const QString &pattern);
    QString searchPattern() const { return m_pattern; }
    bool isSearchValid() const { return m_pattern.isEmpty() || m_search.isValid(); }
    bool hasSearch() const { return !m_pattern.isEmpty() && m_search.isValid(); }
    QRegularExpression searchExpression() const { return m_search; }

    void setFilterToMatches(bool on);
    bool filterToMatches() const { return m_filterToMatches; }

    void setStdoutShown(bool shown);
    void setStderrShown(bool shown);
    bool stdoutShown() const { return m_stdout; }
    bool stderrShown() const { return m_stderr; }

    void setSourceShown(int source, bool shown);
    bool isSourceShown(int source) const { return !m_hiddenSources.contains(source); }
    void showAllSources();

    // Whether the line at this row of the proxy matches the search.
    bool rowMatches(int proxyRow) const;
    // The first matching row after (forward) or before from, wrapping around; -1 if none.
    // from = -1 starts at the top (forward) or bottom (backward).
    int findMatch(int from, bool forward) const;
    int matchCount() const;

Q_SIGNALS:
    void searchChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool textMatches(const QString &text) const;

    QString m_pattern;
    QRegularExpression m_search;
    bool m_filterToMatches = false;
    bool m_stdout = true;
    bool m_stderr = true;
    QSet<int> m_hiddenSources;
};

} // namespace stagehand
