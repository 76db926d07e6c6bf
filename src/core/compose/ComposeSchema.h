#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace stagehand {

// The keys the Compose specification allows in each kind of definition. Keys outside these sets
// (and not x- extensions) are errors, as `docker compose` reports them.
class ComposeSchema {
public:
    enum class Section { TopLevel, Service, Network, Volume, Secret, Config, Build, Deploy, Resources, ResourceSpec,
                         Healthcheck, Logging, DependsOnEntry, PortLong, VolumeLong, ServiceNetwork, FileReference,
                         Ipam, IpamPool };

    static const QSet<QString> &keys(Section section);
    static bool isExtension(const QString &key) { return key.startsWith(QLatin1String("x-")); }
    static bool allows(Section section, const QString &key) { return isExtension(key) || keys(section).contains(key); }
    static QString sectionName(Section section);
    // The allowed key closest to an unknown one (for "did you mean"), or empty.
    static QString closest(Section section, const QString &unknown);
    // The candidate closest to a name (at most two edits away), or empty.
    static QString closestOf(const QStringList &candidates, const QString &unknown);
};

} // namespace stagehand
