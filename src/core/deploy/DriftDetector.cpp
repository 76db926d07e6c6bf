#include "deploy/DriftDetector.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace stagehand {
namespace {

QString text(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array)
            parts.append(v.toString());
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("none");
    return value.toString();
}

QString difference(const QString &what, const QString &files, const QString &container)
{
    return QStringLiteral("%1: %2 in the files, %3 on the container").arg(what, files, container);
}

// Port bindings with the engine's optional fields spelled out, for comparison.
QJsonObject normalizedBindings(const QJsonObject &bindings)
{
    QJsonObject out;
    for (auto it = bindings.begin(); it != bindings.end(); ++it) {
        QJsonArray list;
        const QJsonArray entries = it.value().toArray();
        for (const QJsonValue &entry : entries) {
            const QJsonObject o = entry.toObject();
            list.append(QJsonObject{{QStringLiteral("HostIp"), o.value(QLatin1String("HostIp")).toString()},
                                    {QStringLiteral("HostPort"), o.value(QLatin1String("HostPort")).toString()}});
        }
        out.insert(it.key(), list);
    }
    return out;
}

} // namespace

QStringList DriftDetector::compare(const ContainerBlueprint &blueprint, const ContainerDetails &container)
{
    QStringList out;
    const QJsonObject want = blueprint.createBody;
    const QJsonObject config = container.raw.value(QLatin1String("Config")).toObject();
    const QJsonObject host = container.raw.value(QLatin1String("HostConfig")).toObject();
    const QJsonObject wantHost = want.value(QLatin1String("HostConfig")).toObject();

    if (want.value(QLatin1String("Image")).toString() != config.value(QLatin1String("Image")).toString())
        out.append(difference(QStringLiteral("image"), want.value(QLatin1String("Image")).toString(),
                              config.value(QLatin1String("Image")).toString()));

    // Environment: names only, values may be secrets.
    QSet<QString> actualEnv;
    const QJsonArray env = config.value(QLatin1String("Env")).toArray();
    for (const QJsonValue &v : env)
        actualEnv.insert(v.toString());
    const QJsonArray wantEnv = want.value(QLatin1String("Env")).toArray();
    for (const QJsonValue &v : wantEnv) {
        if (!actualEnv.contains(v.toString()))
            out.append(QStringLiteral("environment variable %1: differs from the files").arg(v.toString().section(u'=', 0, 0)));
    }

    for (const char *key : {"Cmd", "Entrypoint", "User", "WorkingDir", "Healthcheck", "StopSignal"}) {
        const QString name = QString::fromLatin1(key);
        if (want.contains(name) && want.value(name) != config.value(name))
            out.append(difference(name, text(want.value(name)), text(config.value(name))));
    }

    const QJsonObject wantLabels = want.value(QLatin1String("Labels")).toObject();
    const QJsonObject labels = config.value(QLatin1String("Labels")).toObject();
    for (auto it = wantLabels.begin(); it != wantLabels.end(); ++it) {
        if (labels.value(it.key()) != it.value())
            out.append(difference(QStringLiteral("label %1").arg(it.key()), it.value().toString(),
                                  labels.contains(it.key()) ? labels.value(it.key()).toString() : QStringLiteral("none")));
    }

    // Resources: what `docker update` changes. Absent in the files means none (0).
    const struct {
        const char *key;
        const char *what;
    } numbers[] = {{"Memory", "memory limit"},
                   {"MemoryReservation", "memory reservation"},
                   {"NanoCpus", "CPU limit (nano CPUs)"},
                   {"CpuShares", "CPU shares"},
                   {"MemorySwap", "memory+swap limit"}};
    for (const auto &number : numbers) {
        const QString key = QString::fromLatin1(number.key);
        if (key == QLatin1String("MemorySwap") && !wantHost.contains(key))
            continue; // the engine derives it from Memory
        const qint64 wanted = wantHost.value(key).toInteger(0);
        const qint64 actual = host.value(key).toInteger(0);
        if (wanted != actual)
            out.append(difference(QString::fromLatin1(number.what), QString::number(wanted), QString::number(actual)));
    }
    if (wantHost.contains(QLatin1String("PidsLimit"))
        && wantHost.value(QLatin1String("PidsLimit")).toInteger() != host.value(QLatin1String("PidsLimit")).toInteger())
        out.append(difference(QStringLiteral("pids limit"), text(wantHost.value(QLatin1String("PidsLimit"))),
                              text(host.value(QLatin1String("PidsLimit")))));

    const QJsonObject wantRestart = wantHost.value(QLatin1String("RestartPolicy")).toObject();
    const QJsonObject restart = host.value(QLatin1String("RestartPolicy")).toObject();
    auto policy = [](const QJsonObject &o) {
        const QString name = o.value(QLatin1String("Name")).toString();
        return name.isEmpty() ? QStringLiteral("no") : name;
    };
    if (policy(wantRestart) != policy(restart)
        || wantRestart.value(QLatin1String("MaximumRetryCount")).toInt() != restart.value(QLatin1String("MaximumRetryCount")).toInt())
        out.append(difference(QStringLiteral("restart policy"), policy(wantRestart), policy(restart)));

    const QJsonObject wantPorts = normalizedBindings(wantHost.value(QLatin1String("PortBindings")).toObject());
    const QJsonObject ports = normalizedBindings(host.value(QLatin1String("PortBindings")).toObject());
    if (wantPorts != ports)
        out.append(QStringLiteral("published ports: differ from the files"));

    // Networks the container should be on.
    const QJsonObject attached = container.raw.value(QLatin1String("NetworkSettings")).toObject().value(QLatin1String("Networks")).toObject();
    QStringList networks = want.value(QLatin1String("NetworkingConfig")).toObject().value(QLatin1String("EndpointsConfig")).toObject().keys();
    for (const NetworkAttachment &extra : blueprint.extraNetworks)
        networks.append(extra.network);
    for (const QString &network : std::as_const(networks)) {
        if (!attached.contains(network))
            out.append(QStringLiteral("network %1: attached in the files, not on the container").arg(network));
    }
    return out;
}

} // namespace stagehand
