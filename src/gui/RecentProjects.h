#pragma once

#include <QStringList>

namespace stagehand {

// The most recently opened projects, newest first, kept in QSettings.
class RecentProjects {
public:
    static constexpr int MaximumCount = 10;

    static QStringList list();
    static void add(const QString &path);
    static void clear();
};

} // namespace stagehand
