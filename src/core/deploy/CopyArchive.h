#pragma once

#include "deploy/ContainerBlueprint.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace stagehand {

// The tar the engine extracts at "/" of a container (PUT /containers/{id}/archive?path=/) to put a
// blueprint's files in place before it starts: each file with its mode and owner, under its
// directories (made here, since the image may not have /run/secrets). Written with libarchive.
class CopyArchive {
public:
    // An empty array and *error set when libarchive fails.
    static QByteArray tar(const QList<ContainerFileCopy> &files, QString *error = nullptr);
};

} // namespace stagehand
