#include "detail/InspectMasker.h"

#include "util/SecretRegistry.h"

#include <QJsonArray>

namespace stagehand {

QString InspectMasker::maskEnvironmentEntry(const QString &entry)
{
    const qsizetype equals = entry.indexOf(u'=');
    const QString name = equals < 0 ? entry : entry.left(equals);
    if (equals >= 0 && SecretRegistry::isSecretName(name))
        return name + u'=' + mask();
    return SecretRegistry::instance().redact(entry);
}

QJsonValue InspectMasker::redactValue(const QJsonValue &value)
{
    if (value.isString())
        return SecretRegistry::instance().redact(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(redactValue(v));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(it.key(), redactValue(it.value()));
        return out;
    }
    return value;
}

QJsonObject InspectMasker::maskInspect(const QJsonObject &inspect)
{
    QJsonObject out = redactValue(inspect).toObject();
    QJsonObject config = out.value(QLatin1String("Config")).toObject();
    if (config.contains(QLatin1String("Env"))) {
        QJsonArray env;
        for (const QJsonValue &v : inspect.value(QLatin1String("Config")).toObject().value(QLatin1String("Env")).toArray())
            env.append(maskEnvironmentEntry(v.toString()));
        config.insert(QLatin1String("Env"), env);
        out.insert(QLatin1String("Config"), config);
    }
    return out;
}

} // namespace stagehand
