#pragma once

#include <QSqlDatabase>
#include <QString>

namespace stagehand {

// Stagehand's own SQLite store (releases, ...): one file shared by the GUI and the CLI,
// <GenericDataLocation>/stagehand/stagehand.sqlite, or <$STAGEHAND_DATA_DIR>/stagehand.sqlite.
//
// The file is created with mode 0600 and its directory with 0700. Its schema is versioned with
// PRAGMA user_version: open() applies the migrations the file lacks, in order, in one transaction
// (all or nothing). A file whose schema is newer than this build knows, that is not a SQLite
// database, or that cannot be written is refused with a message and left as it is. The journal is
// WAL with a busy timeout, so the GUI and the CLI can use the store at the same time.
//
// Each instance is its own QSqlDatabase connection (a unique connection name) and, as every
// QSqlDatabase, must be used on the thread that opened it.
class Database final {
public:
    Database();
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // $STAGEHAND_DATA_DIR when set, else <GenericDataLocation>/stagehand (the same whatever the
    // application's organisation and name, so the GUI and the CLI find one store).
    static QString defaultDirectory();
    static QString defaultPath();
    // The schema version this build creates and understands.
    static int latestSchemaVersion();

    // Opens (creating and migrating when needed) defaultPath() or the given file; false with the
    // reason in *error (which may be null).
    bool open(QString *error);
    bool open(const QString &path, QString *error);
    void close();

    bool isOpen() const;
    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }
    // The connection, for queries (valid while open).
    QSqlDatabase connection() const;

    // A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so that two processes
    // never both read and then fail to upgrade; waits up to the busy timeout for the other writer.
    bool beginWrite(QString *error);
    bool commit(QString *error);
    void rollback();

    static constexpr int BusyTimeoutMs = 10000;

private:
    bool prepareFile(QString *error) const;
    bool configure(QString *error);
    bool migrate(QString *error);
    bool fail(QString *error, const QString &message);

    QString m_connectionName;
    QString m_path;
    bool m_open = false;
};

} // namespace stagehand
