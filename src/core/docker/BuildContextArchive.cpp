#include "docker/BuildContextArchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace stagehand {

struct BuildContextArchive::Writer {
    archive *a = nullptr;
    QFile file; // the regular file being copied, if any
    qint64 fileLeft = 0;

    ~Writer()
    {
        if (a)
            archive_write_free(a);
    }
};

namespace {

la_ssize_t writeToBuffer(archive *, void *client, const void *buffer, size_t length)
{
    static_cast<QByteArray *>(client)->append(static_cast<const char *>(buffer), qsizetype(length));
    return la_ssize_t(length);
}

} // namespace

BuildContextArchive::BuildContextArchive(const QString &contextDirectory, const QString &dockerfile)
    : m_root(QDir(contextDirectory).absolutePath())
    , m_dockerfile(QDir::cleanPath(dockerfile.isEmpty() ? QStringLiteral("Dockerfile") : dockerfile))
{
}

BuildContextArchive::~BuildContextArchive() = default;

void BuildContextArchive::walk(const QString &relative)
{
    const QDir dir(relative.isEmpty() ? m_root : m_root + QLatin1Char('/') + relative);
    QStringList names = dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : std::as_const(names)) {
        const QString path = relative.isEmpty() ? name : relative + QLatin1Char('/') + name;
        const QFileInfo info(m_root + QLatin1Char('/') + path);
        const bool keep = path == m_dockerfile || path == QLatin1String(".dockerignore") || !m_ignore.isExcluded(path);
        if (info.isDir() && !info.isSymLink()) {
            if (keep)
                m_entries.append(path + QLatin1Char('/'));
            // An excluded directory may hold re-included ('!') files, or the Dockerfile.
            if (keep || m_ignore.hasExceptions() || m_dockerfile.startsWith(path + QLatin1Char('/')))
                walk(path);
        } else if (keep) {
            m_entries.append(path);
        }
    }
}

bool BuildContextArchive::prepare()
{
    if (m_prepared)
        return m_error.isEmpty();
    m_prepared = true;
    const QFileInfo root(m_root);
    if (!root.isDir()) {
        m_error = QStringLiteral("the build context %1 is not a directory").arg(m_root);
        return false;
    }
    if (QDir::isAbsolutePath(m_dockerfile) || m_dockerfile.startsWith(QLatin1String("../"))) {
        m_error = QStringLiteral("the Dockerfile %1 must be inside the build context %2").arg(m_dockerfile, m_root);
        return false;
    }
    if (!QFileInfo(m_root + QLatin1Char('/') + m_dockerfile).isFile()) {
        m_error = QStringLiteral("no Dockerfile at %1 in the build context %2").arg(m_dockerfile, m_root);
        return false;
    }
    QFile ignore(m_root + QStringLiteral("/.dockerignore"));
    if (ignore.exists()) {
        if (!ignore.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read %1: %2").arg(ignore.fileName(), ignore.errorString());
            return false;
        }
        m_ignore = DockerIgnore::parse(ignore.readAll());
    }
    walk(QString());

    m_writer = std::make_unique<Writer>();
    m_writer->a = archive_write_new();
    archive_write_set_format_pax_restricted(m_writer->a);
    archive_write_set_bytes_per_block(m_writer->a, 10240);
    if (archive_write_open2(m_writer->a, &m_out, nullptr, &writeToBuffer, nullptr, nullptr) != ARCHIVE_OK) {
        m_error =
            QStringLiteral("cannot start the build context's tar: %1").arg(QString::fromUtf8(archive_error_string(m_writer->a)));
        return false;
    }
    return true;
}

// Adds the next piece to m_out: the next entry's header, or the next part of a file's data; at the
// end closes the archive (its last blocks). False when nothing is left or on error.
bool BuildContextArchive::writeNext()
{
    Writer &w = *m_writer;
    if (w.fileLeft > 0) {
        char buffer[65536];
        const qint64 n = w.file.read(buffer, std::min<qint64>(sizeof buffer, w.fileLeft));
        if (n <= 0) {
            m_error = QStringLiteral("reading %1 failed: %2").arg(w.file.fileName(), w.file.errorString());
            return false;
        }
        if (archive_write_data(w.a, buffer, size_t(n)) < 0) {
            m_error = QString::fromUtf8(archive_error_string(w.a));
            return false;
        }
        w.fileLeft -= n;
        if (w.fileLeft == 0) {
            archive_write_finish_entry(w.a);
            w.file.close();
        }
        return true;
    }
    if (m_next >= m_entries.size()) {
        if (!m_closed) {
            m_closed = true;
            archive_write_close(w.a);
            return true;
        }
        return false;
    }
    QString name = m_entries.at(m_next++);
    const bool isDir = name.endsWith(QLatin1Char('/'));
    const QString path = m_root + QLatin1Char('/') + (isDir ? name.chopped(1) : name);
    struct stat st {};
    const QByteArray native = QFile::encodeName(path);
    if (::lstat(native.constData(), &st) != 0) {
        m_error = QStringLiteral("the build context changed while it was sent: %1 is gone").arg(path);
        return false;
    }
    archive_entry *entry = archive_entry_new();
    archive_entry_copy_stat(entry, &st);
    archive_entry_set_uid(entry, 0);
    archive_entry_set_gid(entry, 0);
    archive_entry_set_uname(entry, "");
    archive_entry_set_gname(entry, "");
    const QByteArray entryName = name.toUtf8();
    archive_entry_set_pathname_utf8(entry, entryName.constData());
    QByteArray target;
    if (S_ISLNK(st.st_mode)) {
        char link[4096];
        const ssize_t length = ::readlink(native.constData(), link, sizeof link - 1);
        target = length > 0 ? QByteArray(link, qsizetype(length)) : QByteArray();
        archive_entry_set_symlink(entry, target.constData());
        archive_entry_set_size(entry, 0);
    } else if (!S_ISREG(st.st_mode)) {
        archive_entry_set_size(entry, 0);
    }
    if (S_ISREG(st.st_mode)) {
        w.file.setFileName(path);
        if (!w.file.open(QIODevice::ReadOnly)) {
            archive_entry_free(entry);
            m_error = QStringLiteral("cannot read %1: %2").arg(path, w.file.errorString());
            return false;
        }
        w.fileLeft = st.st_size;
    }
    const int rc = archive_write_header(w.a, entry);
    archive_entry_free(entry);
    if (rc < ARCHIVE_WARN) {
        m_error =
            QStringLiteral("adding %1 to the build context failed: %2").arg(name, QString::fromUtf8(archive_error_string(w.a)));
        return false;
    }
    if (w.fileLeft == 0) {
        w.file.close();
        archive_write_finish_entry(w.a);
    }
    return true;
}

qint64 BuildContextArchive::read(char *data, qint64 maxSize)
{
    if (!prepare())
        return -1;
    while (m_out.size() - m_outOffset < maxSize) {
        if (!writeNext()) {
            if (!m_error.isEmpty())
                return -1;
            break;
        }
    }
    const qint64 n = std::min<qint64>(maxSize, m_out.size() - m_outOffset);
    std::memcpy(data, m_out.constData() + m_outOffset, size_t(n));
    m_outOffset += n;
    if (m_outOffset > 1024 * 1024 || m_outOffset == m_out.size()) {
        m_out.remove(0, m_outOffset);
        m_outOffset = 0;
    }
    return n;
}

QByteArray BuildContextArchive::readAll(const QString &contextDirectory, const QString &dockerfile, QString *error)
{
    BuildContextArchive archive(contextDirectory, dockerfile);
    QByteArray out;
    char buffer[65536];
    for (;;) {
        const qint64 n = archive.read(buffer, sizeof buffer);
        if (n < 0) {
            if (error)
                *error = archive.errorString();
            return {};
        }
        if (n == 0)
            break;
        out.append(buffer, qsizetype(n));
    }
    return out;
}

} // namespace stagehand
