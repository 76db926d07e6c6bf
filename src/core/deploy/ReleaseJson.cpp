#include "deploy/ReleaseJson.h"

namespace stagehand {

QJsonValue ReleaseJson::timestamp(const QDateTime &when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonObject ReleaseJson::serviceToJson(const ServiceRelease &s)
{
    return {
        {QStringLiteral("service"), s.service},
        {QStringLiteral("image"), s.image},
        {QStringLiteral("image_id"), s.imageId},
        {QStringLiteral("release_tag"), s.releaseTag},
        {QStringLiteral("config_hash"), s.configHash},
        {QStringLiteral("action"), s.action},
        {QStringLiteral("duration_ms"), s.durationMs},
        {QStringLiteral("outcome"), s.outcome},
    };
}

QJsonObject ReleaseJson::toJson(const Release &r)
{
    QJsonArray services;
    for (const ServiceRelease &s : r.services)
        services.append(serviceToJson(s));
    return {
        {QStringLiteral("number"), r.number},
        {QStringLiteral("project"), r.project},
        {QStringLiteral("environment"), r.environment},
        {QStringLiteral("compose_project"), r.composeProject},
        {QStringLiteral("started_at"), timestamp(r.startedAt)},
        {QStringLiteral("finished_at"), r.running() ? QJsonValue(QJsonValue::Null) : timestamp(r.finishedAt)},
        {QStringLiteral("outcome"), r.outcome},
        {QStringLiteral("message"), r.message},
        {QStringLiteral("env_file_hash"), r.envFileHash},
        {QStringLiteral("engine"), r.engine},
        {QStringLiteral("stagehand_version"), r.stagehandVersion},
        {QStringLiteral("services"), services},
        {QStringLiteral("configuration"), r.configuration},
    };
}

QJsonArray ReleaseJson::toJson(const QList<Release> &releases)
{
    QJsonArray array;
    for (const Release &r : releases)
        array.append(toJson(r));
    return array;
}

} // namespace stagehand
