#pragma once

#include "docker/DockerIgnore.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace stagehand {

// A build context directory as the tar that POST /build takes, produced as it is read (libarchive,
// ustar/pax), so that a big context is never held in memory nor written to disk first. Entries are
// relative to the directory, owned by 0:0, with their modes and times; symbolic links are stored as
// links. What .dockerignore excludes is left out, except the Dockerfile and .dockerignore themselves
// (the engine needs them; the docker CLI sends them too).
//
// Not thread-bound: made on one thread, read on another (the transport's I/O thread) is fine, as
// long as one thread at a time uses it.
class BuildContextArchive {
public:
    // dockerfile: relative to the context ("Dockerfile", "docker/app.Dockerfile").
    BuildContextArchive(const QString &contextDirectory, const QString &dockerfile = QStringLiteral("Dockerfile"));
    ~BuildContextArchive();
    BuildContextArchive(const BuildContextArchive &) = delete;
    BuildContextArchive &operator=(const BuildContextArchive &) = delete;

    // Checks the context (a directory, the Dockerfile inside it) and lists its files; false (see
    // errorString()) if it cannot be sent. read() calls it when not called before.
    bool prepare();
    // The next bytes of the tar: up to maxSize, 0 at the end, -1 on error (errorString()).
    qint64 read(char *data, qint64 maxSize);

    // The entries sent (after prepare()), in order; directories end with '/'.
    QStringList entries() const { return m_entries; }
    QString errorString() const { return m_error; }

    // The whole tar at once (for tests and small contexts).
    static QByteArray readAll(const QString &contextDirectory, const QString &dockerfile = QStringLiteral("Dockerfile"),
                              QString *error = nullptr);

private:
    struct Writer;
    bool writeNext();
    void walk(const QString &relative);

    QString m_root;
    QString m_dockerfile;
    DockerIgnore m_ignore;
    QStringList m_entries;
    qsizetype m_next = 0;
    bool m_prepared = false;
    bool m_closed = false;
    QString m_error;
    QByteArray m_out; // tar bytes made and not read yet
    qsizetype m_outOffset = 0;
    std::unique_ptr<Writer> m_writer;
};

} // namespace stagehand
