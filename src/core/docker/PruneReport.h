#pragma once

#include <QString>
#include <QStringList>

namespace stagehand {

// What a prune removed, or (preview) would remove: DockerClient::previewPrune() and prune().
struct PruneReport {
    enum class Target {
        Containers,     // stopped containers (created, exited, dead): POST /containers/prune
        DanglingImages, // untagged images no container uses: POST /images/prune (dangling=true)
        Volumes,        // local volumes no container uses: POST /volumes/prune
        Networks,       // custom networks no container is attached to: POST /networks/prune
    };

    Target target = Target::Containers;
    bool preview = false;
    // Container ids, image ids (a prune's also lists the layers it deleted), volume names or network names.
    QStringList removed;
    // Images: the tags (or digests) removed with them ("Untagged"); empty otherwise.
    QStringList untagged;
    // Bytes freed. A preview's is an estimate from the list calls (container SizeRw, image Size,
    // volume UsageData.Size from /system/df): images that share layers count each in full. 0 for networks.
    qint64 spaceReclaimed = 0;
};

} // namespace stagehand
