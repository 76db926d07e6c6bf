#include "models/ContainerInfo.h"

#include "models/ContainerPorts.h"

#include <QJsonArray>

namespace stagehand {

ContainerSummary ContainerInfo::toSummary() const
{
    ContainerSummary s;
    s.id = id;
    s.names = {name};
    s.image = image;
    s.imageId = imageId;
    s.state = state;
    s.status = status;
    s.created = created;
    s.labels = labels;
    return s;
}

ContainerInfo ContainerInfo::fromSummary(const ContainerSummary &summary)
{
    ContainerInfo c;
    c.id = summary.id;
    c.name = summary.name();
    c.image = summary.image;
    c.imageId = summary.imageId;
    c.state = summary.state;
    c.status = summary.status;
    c.health = healthFromStatus(summary.status);
    c.ports = ContainerPorts::fromList(summary.raw.value(QLatin1String("Ports")).toArray());
    c.created = summary.created;
    c.labels = summary.labels;
    return c;
}

ContainerInfo ContainerInfo::fromDetails(const ContainerDetails &details)
{
    ContainerInfo c;
    c.id = details.id;
    c.name = details.name;
    c.image = details.image;
    c.imageId = details.imageId;
    c.state = details.status;
    c.health = details.health;
    const QJsonObject settings = details.raw.value(QLatin1String("NetworkSettings")).toObject();
    c.ports = ContainerPorts::fromInspect(settings.value(QLatin1String("Ports")).toObject());
    c.created = QDateTime::fromString(details.raw.value(QLatin1String("Created")).toString(), Qt::ISODateWithMs);
    if (details.running && details.startedAt.isValid() && details.startedAt.date().year() > 1)
        c.startedAt = details.startedAt;
    c.labels = details.labels;
    return c;
}

QString ContainerInfo::healthFromStatus(const QString &status)
{
    if (status.contains(QLatin1String("(healthy)")))
        return QStringLiteral("healthy");
    if (status.contains(QLatin1String("(unhealthy)")))
        return QStringLiteral("unhealthy");
    if (status.contains(QLatin1String("(health: starting)")))
        return QStringLiteral("starting");
    return {};
}

} // namespace stagehand
