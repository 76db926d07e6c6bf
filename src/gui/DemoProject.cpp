#include "DemoProject.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace stagehand {
namespace {

QByteArray embeddedDigest()
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QDirIterator it(DemoProject::embeddedRoot(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            hash.addData(path.toUtf8());
            hash.addData(file.readAll());
        }
    }
    return hash.result().toHex();
}

} // namespace

QString DemoProject::ensureExtracted(QString *error)
{
    const QString target = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/examples/demo");
    const QByteArray digest = embeddedDigest();
    const QString stamp = target + QStringLiteral("/.stagehand-demo-digest");
    QFile stampFile(stamp);
    if (stampFile.open(QIODevice::ReadOnly) && stampFile.readAll() == digest)
        return target;

    QDirIterator it(embeddedRoot(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = source.mid(embeddedRoot().size() + 1);
        const QString destination = target + QLatin1Char('/') + relative;
        QDir().mkpath(QFileInfo(destination).absolutePath());
        QFile in(source);
        QSaveFile out(destination); // atomic: temp file + rename
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly) || out.write(in.readAll()) < 0 || !out.commit()) {
            if (error)
                *error = QStringLiteral("cannot write %1: %2").arg(destination, out.errorString());
            return {};
        }
        // Env files hold the demo's passwords: owner only.
        const bool secret = QFileInfo(destination).fileName().startsWith(QLatin1String(".env"));
        QFile::setPermissions(destination, secret ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                                                  : (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                                     | QFileDevice::ReadOther));
    }
    QSaveFile out(stamp);
    if (out.open(QIODevice::WriteOnly)) {
        out.write(digest);
        out.commit();
    }
    return target;
}

} // namespace stagehand
