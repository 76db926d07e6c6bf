#pragma once

#include "docker/ImageSummary.h"

#include <QStringList>

namespace stagehand {

// One image of the images list, with the containers (names) made from it.
struct ImageRow {
    ImageSummary image;
    QStringList containers;

    // No tag: what `docker images --filter dangling=true` lists.
    bool dangling() const
    {
        return image.repoTags.isEmpty() || (image.repoTags.size() == 1 && image.repoTags.first() == u"<none>:<none>");
    }
    QString shortId() const { return image.id.mid(image.id.indexOf(u':') + 1, 12); }
};

} // namespace stagehand
