#include "ContainerFormat.h"

#include "docker/ComposeMatcher.h"

#include <QJsonArray>

namespace stagehand::cli {
namespace {

QJsonArray portList(const ContainerSummary &container)
{
    return container.raw.value(QLatin1String("Ports")).toArray();
}

QJsonObject labelsJson(const ContainerSummary &container)
{
    QJsonObject labels;
    for (auto it = container.labels.cbegin(); it != container.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    return labels;
}

} // namespace

QStringList ContainerFormat::header()
{
    return {QStringLiteral("NAME"),  QStringLiteral("SERVICE"), QStringLiteral("STATE"), QStringLiteral("HEALTH"),
            QStringLiteral("PORTS"), QStringLiteral("IMAGE"),   QStringLiteral("STATUS")};
}

QString ContainerFormat::health(const ContainerSummary &container)
{
    const QString &status = container.status;
    if (status.contains(QLatin1String("(healthy)")))
        return QStringLiteral("healthy");
    if (status.contains(QLatin1String("(unhealthy)")))
        return QStringLiteral("unhealthy");
    if (status.contains(QLatin1String("(health: starting)")))
        return QStringLiteral("starting");
    return {};
}

QString ContainerFormat::ports(const ContainerSummary &container)
{
    QStringList out;
    for (const QJsonValue &value : portList(container)) {
        const QJsonObject port = value.toObject();
        const QString target = QString::number(port.value(QLatin1String("PrivatePort")).toInt()) + u'/' +
                               port.value(QLatin1String("Type")).toString();
        const int published = port.value(QLatin1String("PublicPort")).toInt();
        if (published > 0) {
            const QString ip = port.value(QLatin1String("IP")).toString();
            out.append(ip + u':' + QString::number(published) + QStringLiteral("->") + target);
        } else {
            out.append(target);
        }
    }
    out.removeDuplicates();
    return out.join(QStringLiteral(", "));
}

QStringList ContainerFormat::row(const ContainerSummary &container, Role role)
{
    QString service = container.composeService();
    if (role == Role::Orphan)
        service += QStringLiteral(" (orphan)");
    else if (role == Role::OneOff)
        service += QStringLiteral(" (run)");
    const QString healthText = health(container);
    return {container.name(), service.trimmed(), container.state, healthText.isEmpty() ? QStringLiteral("-") : healthText,
            ports(container), container.image,   container.status};
}

QJsonObject ContainerFormat::toJson(const ContainerSummary &container, Role role)
{
    QJsonArray portArray;
    for (const QJsonValue &value : portList(container)) {
        const QJsonObject port = value.toObject();
        const int published = port.value(QLatin1String("PublicPort")).toInt();
        portArray.append(QJsonObject{{QStringLiteral("host_ip"), port.value(QLatin1String("IP")).toString()},
                                     {QStringLiteral("published"), published > 0 ? QJsonValue(published) : QJsonValue()},
                                     {QStringLiteral("target"), port.value(QLatin1String("PrivatePort")).toInt()},
                                     {QStringLiteral("protocol"), port.value(QLatin1String("Type")).toString()}});
    }
    return QJsonObject{
        {QStringLiteral("id"), container.id},
        {QStringLiteral("name"), container.name()},
        {QStringLiteral("project"), container.composeProject()},
        {QStringLiteral("service"), container.composeService()},
        {QStringLiteral("number"), ComposeMatcher::containerNumber(container)},
        {QStringLiteral("one_off"), role == Role::OneOff || (role == Role::Plain && ComposeMatcher::isOneOff(container))},
        {QStringLiteral("orphan"), role == Role::Orphan},
        {QStringLiteral("state"), container.state},
        {QStringLiteral("health"), health(container)},
        {QStringLiteral("status"), container.status},
        {QStringLiteral("image"), container.image},
        {QStringLiteral("image_id"), container.imageId},
        {QStringLiteral("ports"), portArray},
        {QStringLiteral("created"), container.created.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("labels"), labelsJson(container)}};
}

} // namespace stagehand::cli
