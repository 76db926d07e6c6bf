#include "analysis/PortConflictJson.h"

namespace stagehand {

QJsonArray PortConflictJson::toJson(const QList<PortConflict> &conflicts)
{
    QJsonArray array;
    for (const PortConflict &conflict : conflicts)
        array.append(toJson(conflict));
    return array;
}

QJsonObject PortConflictJson::toJson(const PortConflict &conflict)
{
    QJsonArray claimants;
    for (const PortClaimant &claimant : conflict.claimants)
        claimants.append(toJson(claimant));
    QJsonValue suggestion = QJsonValue::Null;
    if (conflict.suggestion) {
        QJsonObject object{{QStringLiteral("environment"), conflict.suggestion->environment},
                           {QStringLiteral("service"), conflict.suggestion->service},
                           {QStringLiteral("port"), conflict.suggestion->port}};
        if (conflict.suggestion->portEnd > conflict.suggestion->port)
            object.insert(QStringLiteral("port_end"), conflict.suggestion->portEnd);
        suggestion = object;
    }
    return {{QStringLiteral("port"), conflict.port},
            {QStringLiteral("protocol"), conflict.protocol},
            {QStringLiteral("host_ip"), conflict.hostIp},
            {QStringLiteral("claimants"), claimants},
            {QStringLiteral("suggestion"), suggestion}};
}

QJsonObject PortConflictJson::toJson(const PortClaimant &claimant)
{
    switch (claimant.kind) {
    case PortClaimant::Kind::Service:
        return {{QStringLiteral("environment"), claimant.environment}, {QStringLiteral("service"), claimant.service}};
    case PortClaimant::Kind::HostProcess:
        return {{QStringLiteral("pid"), claimant.pid > 0 ? QJsonValue(claimant.pid) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("process"), claimant.process.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(claimant.process)}};
    case PortClaimant::Kind::Container:
        return {{QStringLiteral("container"), claimant.container}};
    }
    return {};
}

} // namespace stagehand
