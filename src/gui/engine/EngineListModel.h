#pragma once

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QTimer>

namespace stagehand {

// The common part of the engine's flat lists (images, volumes, networks): rows keyed by an id,
// refreshed when the engine says something changed, never on a timer. setClient() opens an events
// stream filtered to eventFilters(); when it has started (first time, and again after the engine was
// gone) and shortly after each burst of events, refresh() asks the engine and hands the answer to
// setRows(), which updates rows in place (same key), removes the gone and appends the new, so
// selections survive a refresh.
template <typename Row> class EngineListModel : public QAbstractTableModel {
public:
    explicit EngineListModel(QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_debounce(new QTimer(this))
    {
        m_debounce->setSingleShot(true);
        m_debounce->setInterval(250);
        QObject::connect(m_debounce, &QTimer::timeout, this, [this] { startRefresh(); });
    }
    ~EngineListModel() override { delete m_events; }

    void setClient(DockerClient *client)
    {
        ++m_generation;
        delete m_events;
        m_events = nullptr;
        m_client = client;
        m_loaded = false;
        setRows({});
        clientChanged();
        if (!client)
            return;
        EventOptions options;
        options.filters = eventFilters();
        m_events = client->events(options, nullptr);
        QObject::connect(m_events, &EngineStream::started, this, [this] { startRefresh(); });
        QObject::connect(m_events, &EngineStream::eventReceived, this, [this] { m_debounce->start(); });
    }
    DockerClient *client() const { return m_client; }
    bool isLoaded() const { return m_loaded; }
    // Asks the engine again now (after an action of the user's, say).
    void refreshNow() { startRefresh(); }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    const Row *rowAt(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr; }
    const QList<Row> &rows() const { return m_rows; }
    int rowOf(const QString &key) const
    {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (keyOf(m_rows.at(i)) == key)
                return i;
        }
        return -1;
    }

protected:
    virtual EngineFilters eventFilters() const = 0;
    virtual QString keyOf(const Row &row) const = 0;
    // Asks the engine; calls finishRefresh(generation, rows) (or refreshFailed) when it knows.
    virtual void refresh(quint64 generation) = 0;
    virtual void refreshFailed(const EngineError &) {}
    virtual void refreshed() {}
    // The engine changed (setClient): forget what was cached about the old one.
    virtual void clientChanged() {}

    void finishRefresh(quint64 generation, QList<Row> rows)
    {
        if (generation != m_generation)
            return;
        setRows(std::move(rows));
        m_loaded = true;
        refreshed();
    }
    bool current(quint64 generation) const { return generation == m_generation; }

    void setRows(QList<Row> fresh)
    {
        QHash<QString, int> wanted;
        for (int i = 0; i < fresh.size(); ++i)
            wanted.insert(keyOf(fresh.at(i)), i);
        for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
            if (!wanted.contains(keyOf(m_rows.at(i)))) {
                beginRemoveRows({}, i, i);
                m_rows.removeAt(i);
                endRemoveRows();
            }
        }
        QHash<QString, int> have;
        for (int i = 0; i < m_rows.size(); ++i)
            have.insert(keyOf(m_rows.at(i)), i);
        for (Row &row : fresh) {
            const auto it = have.constFind(keyOf(row));
            if (it != have.cend()) {
                m_rows[*it] = std::move(row);
                Q_EMIT this->dataChanged(this->index(*it, 0), this->index(*it, columnCount() - 1));
            } else {
                const int at = int(m_rows.size());
                beginInsertRows({}, at, at);
                m_rows.append(std::move(row));
                endInsertRows();
            }
        }
    }

    QList<Row> m_rows;
    QPointer<DockerClient> m_client;

private:
    void startRefresh()
    {
        if (m_client)
            refresh(m_generation);
    }

    EngineStream *m_events = nullptr;
    QTimer *m_debounce;
    quint64 m_generation = 0;
    bool m_loaded = false;
};

} // namespace stagehand
