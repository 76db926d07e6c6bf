#include "RecentProjects.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace stagehand {
namespace {
const QString Key = QStringLiteral("projects/recent");
}

QStringList RecentProjects::list()
{
    QStringList paths = QSettings().value(Key).toStringList();
    paths.erase(std::remove_if(paths.begin(), paths.end(), [](const QString &p) { return !QFileInfo::exists(p); }), paths.end());
    return paths;
}

void RecentProjects::add(const QString &path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList paths = QSettings().value(Key).toStringList();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > MaximumCount)
        paths.removeLast();
    QSettings().setValue(Key, paths);
}

void RecentProjects::clear()
{
    QSettings().remove(Key);
}

} // namespace stagehand
