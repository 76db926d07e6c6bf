#include "deploy/CopyArchive.h"

#include <QDir>
#include <QSet>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace stagehand {
namespace {

struct ArchiveDeleter {
    void operator()(archive *a) const { archive_write_free(a); }
};
struct EntryDeleter {
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

la_ssize_t appendBytes(archive *, void *client, const void *buffer, size_t length)
{
    static_cast<QByteArray *>(client)->append(static_cast<const char *>(buffer), qsizetype(length));
    return la_ssize_t(length);
}

bool writeEntry(archive *a, const QString &path, mode_t type, int mode, int uid, int gid, const QByteArray &content)
{
    std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    const QByteArray name = path.toUtf8();
    archive_entry_set_pathname(entry.get(), name.constData());
    archive_entry_set_filetype(entry.get(), type);
    archive_entry_set_perm(entry.get(), mode_t(mode));
    archive_entry_set_uid(entry.get(), uid);
    archive_entry_set_gid(entry.get(), gid);
    archive_entry_set_size(entry.get(), type == AE_IFREG ? content.size() : 0);
    if (archive_write_header(a, entry.get()) != ARCHIVE_OK)
        return false;
    if (type == AE_IFREG && !content.isEmpty() && archive_write_data(a, content.constData(), size_t(content.size())) < 0)
        return false;
    return true;
}

} // namespace

QByteArray CopyArchive::tar(const QList<ContainerFileCopy> &files, QString *error)
{
    QByteArray out;
    std::unique_ptr<archive, ArchiveDeleter> a(archive_write_new());
    archive_write_set_format_pax_restricted(a.get());
    archive_write_set_bytes_in_last_block(a.get(), 1);
    if (archive_write_open(a.get(), &out, nullptr, appendBytes, nullptr) != ARCHIVE_OK) {
        if (error)
            *error = QString::fromUtf8(archive_error_string(a.get()));
        return {};
    }
    QSet<QString> directories;
    for (const ContainerFileCopy &file : files) {
        // Every directory on the way, relative to "/".
        const QStringList parts = QDir::cleanPath(file.directory).split(u'/', Qt::SkipEmptyParts);
        QString path;
        for (const QString &part : parts) {
            path = path.isEmpty() ? part : path + u'/' + part;
            if (directories.contains(path))
                continue;
            directories.insert(path);
            if (!writeEntry(a.get(), path + u'/', AE_IFDIR, 0755, 0, 0, {})) {
                if (error)
                    *error = QString::fromUtf8(archive_error_string(a.get()));
                return {};
            }
        }
        const QString name = path.isEmpty() ? file.fileName : path + u'/' + file.fileName;
        if (!writeEntry(a.get(), name, AE_IFREG, file.mode, file.uid, file.gid, file.content)) {
            if (error)
                *error = QString::fromUtf8(archive_error_string(a.get()));
            return {};
        }
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK) {
        if (error)
            *error = QString::fromUtf8(archive_error_string(a.get()));
        return {};
    }
    return out;
}

} // namespace stagehand
