#pragma once

#include "util/SourceLocation.h"

#include <QString>
#include <QStringList>

namespace stagehand {

// An environment as the project file declares it: which files make it, and where it runs.
struct EnvironmentSpec {
    QString name;
    QStringList composeFiles; // absolute paths, merged in order
    QString envFile;          // absolute path; empty: none
    QString projectName;      // the Compose project name
    QString engine;           // engine endpoint (unix://, tcp://); empty: the default
    QStringList sharesHostWith;
    SourceLocation location;
};

} // namespace stagehand
