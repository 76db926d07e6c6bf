#include "store/Database.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stagehand {
namespace {

// The schema, as an ordered list of migrations: migration i takes the file from user_version i to
// i + 1. Append only: never edit a migration that has shipped.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> list{
        // 1: releases, one row per deploy of an environment, and the services each one touched.
        {
            QStringLiteral("CREATE TABLE releases ("
                           " id INTEGER PRIMARY KEY,"
                           " project TEXT NOT NULL,"
                           " environment TEXT NOT NULL,"
                           " number INTEGER NOT NULL,"
                           " compose_project TEXT NOT NULL DEFAULT '',"
                           " started_at TEXT NOT NULL,"         // ISO 8601 UTC with milliseconds
                           " finished_at TEXT,"                 // NULL while running
                           " outcome TEXT NOT NULL,"            // running, succeeded, failed, cancelled
                           " message TEXT NOT NULL DEFAULT '',"
                           " env_file_hash TEXT NOT NULL DEFAULT '',"
                           " engine TEXT NOT NULL DEFAULT '',"
                           " stagehand_version TEXT NOT NULL DEFAULT '',"
                           " configuration TEXT NOT NULL DEFAULT '{}'," // JSON, secrets redacted
                           " UNIQUE (project, environment, number))"),
            QStringLiteral("CREATE TABLE release_services ("
                           " release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " service TEXT NOT NULL,"
                           " image TEXT NOT NULL DEFAULT '',"
                           " image_id TEXT NOT NULL DEFAULT '',"
                           " release_tag TEXT NOT NULL DEFAULT '',"
                           " config_hash TEXT NOT NULL DEFAULT '',"
                           " action TEXT NOT NULL DEFAULT '',"
                           " duration_ms INTEGER NOT NULL DEFAULT 0,"
                           " outcome TEXT NOT NULL DEFAULT '',"
                           " PRIMARY KEY (release_id, position))"),
            QStringLiteral("CREATE INDEX releases_by_outcome ON releases (project, environment, outcome, number)"),
        },
    };
    return list;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool run(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

// PRAGMA user_version, or -1 with *error.
int readUserVersion(const QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!run(query, QStringLiteral("PRAGMA user_version"), error))
        return -1;
    if (!query.next()) {
        if (error)
            *error = QStringLiteral("PRAGMA user_version returned nothing");
        return -1;
    }
    return query.value(0).toInt();
}

// Sets *error; false. (open() closes the connection once the failing step's queries are gone.)
bool failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

Database::Database()
{
    static QAtomicInteger<quint64> counter;
    m_connectionName = QStringLiteral("stagehand-store-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

Database::~Database()
{
    close();
}

QString Database::defaultDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("STAGEHAND_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QFileInfo(fromEnvironment).absoluteFilePath();
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        return {};
    return base + QStringLiteral("/stagehand");
}

QString Database::defaultPath()
{
    const QString directory = defaultDirectory();
    return directory.isEmpty() ? QString() : directory + QStringLiteral("/stagehand.sqlite");
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

bool Database::open(QString *error)
{
    const QString path = defaultPath();
    if (path.isEmpty())
        return fail(error, QStringLiteral("cannot open the Stagehand store: no data directory (set HOME or STAGEHAND_DATA_DIR)"));
    return open(path, error);
}

bool Database::fail(QString *error, const QString &message)
{
    close();
    if (error)
        *error = message;
    return false;
}

bool Database::open(const QString &path, QString *error)
{
    close();
    m_path = QFileInfo(path).absoluteFilePath();
    if (!prepareFile(error)) {
        close();
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        if (!db.isValid()) {
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return fail(error, QStringLiteral("cannot open the Stagehand store %1: Qt's SQLite driver (QSQLITE) is not installed "
                                              "(Debian: libqt6sql6-sqlite)")
                                   .arg(m_path));
        }
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
        if (!db.open()) {
            const QString reason = db.lastError().text();
            db = QSqlDatabase();
            return fail(error, QStringLiteral("cannot open the Stagehand store %1: %2").arg(m_path, reason));
        }
    }
    m_open = true;
    if (!configure(error) || !migrate(error)) {
        close();
        return false;
    }
    return true;
}

// Creates the directory (0700) and the file (0600) before SQLite sees them, and refuses what SQLite
// would open read-only or fail on later.
bool Database::prepareFile(QString *error) const
{
    const QFileInfo file(m_path);
    const QString directory = file.absolutePath();
    const QFileInfo directoryInfo(directory);
    const QByteArray directoryPath = QFile::encodeName(directory);
    if (directoryInfo.exists() && !directoryInfo.isDir()) {
        if (error)
            *error = QStringLiteral("cannot open the Stagehand store: %1 is not a directory").arg(directory);
        return false;
    }
    // The default directory is ours alone (a STAGEHAND_DATA_DIR that exists is the user's: left as it is).
    bool tighten = qEnvironmentVariable("STAGEHAND_DATA_DIR").isEmpty() && directory == defaultDirectory();
    if (!directoryInfo.exists()) {
        const QString parent = QFileInfo(directory).absolutePath();
        if (!QDir().mkpath(parent) || (::mkdir(directoryPath.constData(), 0700) != 0 && errno != EEXIST)) {
            const int saved = errno;
            if (error)
                *error = QStringLiteral("cannot create the directory %1 for the Stagehand store: %2").arg(directory, errnoText(saved));
            return false;
        }
        tighten = true;
    }
    if (tighten)
        ::chmod(directoryPath.constData(), 0700); // ours: only its owner may list it
    if (::access(directoryPath.constData(), W_OK | X_OK) != 0) {
        const int saved = errno;
        if (error)
            *error = QStringLiteral("cannot open the Stagehand store %1: its directory is not writable (%2); "
                                    "the store keeps its journal files beside it")
                         .arg(m_path, errnoText(saved));
        return false;
    }

    const QByteArray filePath = QFile::encodeName(m_path);
    const int fd = ::open(filePath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int saved = errno;
        if (error) {
            *error = saved == EACCES || saved == EROFS || saved == EPERM
                         ? QStringLiteral("cannot open the Stagehand store %1: the file is read-only (%2)").arg(m_path, errnoText(saved))
                         : QStringLiteral("cannot open the Stagehand store %1: %2").arg(m_path, errnoText(saved));
        }
        return false;
    }
    struct stat status {};
    const bool statted = ::fstat(fd, &status) == 0;
    if (statted && !S_ISREG(status.st_mode)) {
        ::close(fd);
        if (error)
            *error = QStringLiteral("cannot open the Stagehand store %1: not a regular file").arg(m_path);
        return false;
    }
    // A store someone made readable to others is made private again (its contents are unchanged).
    if (statted && (status.st_mode & 077) != 0 && status.st_uid == ::geteuid())
        ::fchmod(fd, 0600);
    ::close(fd);
    return true;
}

// Refuses what this build cannot read before changing anything in the file, then sets the
// connection up: WAL (readers never block the writer), foreign keys.
bool Database::configure(QString *error)
{
    const QSqlDatabase db = connection();
    QString reason;
    const int version = readUserVersion(db, &reason);
    if (version < 0)
        return failed(error, QStringLiteral("cannot read the Stagehand store %1 (left as it is): %2").arg(m_path, reason));
    if (version > latestSchemaVersion()) {
        return failed(error, QStringLiteral("the Stagehand store %1 has schema version %2, newer than this Stagehand %3 knows (%4): "
                                          "it was written by a newer Stagehand; left as it is. Use that version, or set "
                                          "STAGEHAND_DATA_DIR to use another store")
                               .arg(m_path)
                               .arg(version)
                               .arg(QStringLiteral(STAGEHAND_VERSION))
                               .arg(latestSchemaVersion()));
    }
    QSqlQuery query(db);
    // WAL may be refused (a file system without shared memory): the busy timeout still serialises writers.
    run(query, QStringLiteral("PRAGMA journal_mode=WAL"), nullptr);
    query.finish();
    if (!run(query, QStringLiteral("PRAGMA foreign_keys=ON"), &reason)
        || !run(query, QStringLiteral("PRAGMA busy_timeout=%1").arg(BusyTimeoutMs), &reason)) {
        return failed(error, QStringLiteral("cannot set up the Stagehand store %1: %2").arg(m_path, reason));
    }
    return true;
}

bool Database::migrate(QString *error)
{
    QSqlDatabase db = connection();
    QString reason;
    int version = readUserVersion(db, &reason);
    if (version == latestSchemaVersion())
        return true;
    if (!beginWrite(&reason))
        return failed(error, QStringLiteral("cannot migrate the Stagehand store %1: %2").arg(m_path, reason));
    // Another process may have migrated it while we waited for the lock.
    version = readUserVersion(db, &reason);
    if (version < 0 || version > latestSchemaVersion()) {
        rollback();
        return failed(error, QStringLiteral("cannot migrate the Stagehand store %1 (left as it is): %2")
                               .arg(m_path, version < 0 ? reason : QStringLiteral("it has a newer schema")));
    }
    QSqlQuery query(db);
    for (int from = version; from < latestSchemaVersion(); ++from) {
        for (const QString &statement : migrations().at(from)) {
            if (!run(query, statement, &reason)) {
                query.finish();
                rollback();
                return failed(error, QStringLiteral("migrating the Stagehand store %1 to schema version %2 failed (nothing was "
                                                  "changed): %3")
                                       .arg(m_path)
                                       .arg(from + 1)
                                       .arg(reason));
            }
        }
    }
    // user_version lives in the file header and is part of the transaction.
    if (!run(query, QStringLiteral("PRAGMA user_version=%1").arg(latestSchemaVersion()), &reason) || !commit(&reason)) {
        query.finish();
        rollback();
        return failed(error, QStringLiteral("migrating the Stagehand store %1 failed (nothing was changed): %2").arg(m_path, reason));
    }
    return true;
}

void Database::close()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

bool Database::isOpen() const
{
    return m_open;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Database::beginWrite(QString *error)
{
    if (!m_open) {
        if (error)
            *error = QStringLiteral("the Stagehand store is not open");
        return false;
    }
    QSqlQuery query(connection());
    return run(query, QStringLiteral("BEGIN IMMEDIATE"), error);
}

bool Database::commit(QString *error)
{
    QSqlQuery query(connection());
    return run(query, QStringLiteral("COMMIT"), error);
}

void Database::rollback()
{
    QSqlQuery query(connection());
    query.exec(QStringLiteral("ROLLBACK"));
}

} // namespace stagehand
