#include "compose/ComposeJson.h"

#include "util/Units.h"

#include <QJsonArray>

#include "util/YamlCpp.h"

#include <cmath>

namespace stagehand {
namespace {

template<typename Map>
QJsonObject stringMap(const Map &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject optionalStringMap(const QMap<QString, std::optional<QString>> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value() ? QJsonValue(*it.value()) : QJsonValue(QJsonValue::Null));
    return object;
}

QJsonValue duration(std::chrono::nanoseconds value)
{
    return Units::formatDuration(value);
}

QJsonObject resources(const ResourceSpec &spec, const QJsonObject &other)
{
    QJsonObject object = other;
    if (spec.cpus)
        object.insert(QStringLiteral("cpus"), *spec.cpus);
    if (spec.memoryBytes)
        object.insert(QStringLiteral("memory"), *spec.memoryBytes);
    if (spec.pids)
        object.insert(QStringLiteral("pids"), *spec.pids);
    return object;
}

QJsonArray fileReferences(const QList<FileReference> &refs)
{
    QJsonArray array;
    for (const FileReference &ref : refs) {
        QJsonObject object{{QStringLiteral("source"), ref.source}};
        if (!ref.target.isEmpty())
            object.insert(QStringLiteral("target"), ref.target);
        if (!ref.uid.isEmpty())
            object.insert(QStringLiteral("uid"), ref.uid);
        if (!ref.gid.isEmpty())
            object.insert(QStringLiteral("gid"), ref.gid);
        if (ref.mode)
            object.insert(QStringLiteral("mode"), *ref.mode);
        array.append(object);
    }
    return array;
}

QJsonObject fileObject(const FileObjectDefinition &object)
{
    QJsonObject json = object.other;
    json.insert(QStringLiteral("name"), object.name);
    if (!object.file.isEmpty())
        json.insert(QStringLiteral("file"), object.file);
    if (!object.environment.isEmpty())
        json.insert(QStringLiteral("environment"), object.environment);
    if (!object.content.isEmpty())
        json.insert(QStringLiteral("content"), object.content);
    if (object.external)
        json.insert(QStringLiteral("external"), true);
    if (!object.labels.isEmpty())
        json.insert(QStringLiteral("labels"), stringMap(object.labels));
    return json;
}

void emitYaml(YAML::Emitter &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        break;
    case QJsonValue::Bool:
        out << value.toBool();
        break;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9.0e15)
            out << static_cast<long long>(d);
        else
            out << d;
        break;
    }
    case QJsonValue::String: {
        const std::string s = value.toString().toStdString();
        // Quote anything a YAML reader would not read back as this same string.
        out << YAML::DoubleQuoted << s;
        break;
    }
    case QJsonValue::Array:
        out << YAML::BeginSeq;
        for (const QJsonValue &item : value.toArray())
            emitYaml(out, item);
        out << YAML::EndSeq;
        break;
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        out << YAML::BeginMap;
        for (auto it = object.begin(); it != object.end(); ++it) {
            out << YAML::Key << it.key().toStdString() << YAML::Value;
            emitYaml(out, it.value());
        }
        out << YAML::EndMap;
        break;
    }
    }
}

} // namespace

QJsonObject ComposeJson::serviceToJson(const Service &s)
{
    QJsonObject json = s.other;
    if (!s.image.isEmpty())
        json.insert(QStringLiteral("image"), s.image);
    if (s.build) {
        QJsonObject build = s.build->other;
        build.insert(QStringLiteral("context"), s.build->context);
        if (!s.build->dockerfile.isEmpty())
            build.insert(QStringLiteral("dockerfile"), s.build->dockerfile);
        if (!s.build->dockerfileInline.isEmpty())
            build.insert(QStringLiteral("dockerfile_inline"), s.build->dockerfileInline);
        if (!s.build->target.isEmpty())
            build.insert(QStringLiteral("target"), s.build->target);
        if (!s.build->args.isEmpty())
            build.insert(QStringLiteral("args"), optionalStringMap(s.build->args));
        if (!s.build->labels.isEmpty())
            build.insert(QStringLiteral("labels"), stringMap(s.build->labels));
        json.insert(QStringLiteral("build"), build);
    }
    if (s.command)
        json.insert(QStringLiteral("command"), QJsonArray::fromStringList(*s.command));
    if (s.entrypoint)
        json.insert(QStringLiteral("entrypoint"), QJsonArray::fromStringList(*s.entrypoint));
    if (!s.environment.isEmpty())
        json.insert(QStringLiteral("environment"), optionalStringMap(s.environment));
    if (!s.envFiles.isEmpty()) {
        QJsonArray files;
        for (const QString &path : s.envFiles)
            files.append(QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("required"), true}});
        json.insert(QStringLiteral("env_file"), files);
    }
    if (!s.ports.isEmpty()) {
        QJsonArray ports;
        for (const PortMapping &p : s.ports) {
            QJsonObject port{{QStringLiteral("target"), p.target}, {QStringLiteral("protocol"), p.protocol}};
            if (p.isRange())
                port.insert(QStringLiteral("published"), QStringLiteral("%1-%2").arg(p.published).arg(p.publishedEnd));
            else if (p.isPublished())
                port.insert(QStringLiteral("published"), p.published);
            if (!p.hostIp.isEmpty())
                port.insert(QStringLiteral("host_ip"), p.hostIp);
            if (!p.mode.isEmpty())
                port.insert(QStringLiteral("mode"), p.mode);
            if (!p.name.isEmpty())
                port.insert(QStringLiteral("name"), p.name);
            if (!p.appProtocol.isEmpty())
                port.insert(QStringLiteral("app_protocol"), p.appProtocol);
            ports.append(port);
        }
        json.insert(QStringLiteral("ports"), ports);
    }
    if (!s.expose.isEmpty())
        json.insert(QStringLiteral("expose"), QJsonArray::fromStringList(s.expose));
    if (!s.volumes.isEmpty()) {
        QJsonArray volumes;
        for (const VolumeMount &v : s.volumes) {
            QJsonObject volume{{QStringLiteral("type"), v.type}, {QStringLiteral("target"), v.target}};
            if (!v.source.isEmpty())
                volume.insert(QStringLiteral("source"), v.source);
            if (v.readOnly)
                volume.insert(QStringLiteral("read_only"), true);
            if (!v.consistency.isEmpty())
                volume.insert(QStringLiteral("consistency"), v.consistency);
            QJsonObject bind = v.bindOptions;
            if (v.createHostPath)
                bind.insert(QStringLiteral("create_host_path"), *v.createHostPath);
            if (!bind.isEmpty())
                volume.insert(QStringLiteral("bind"), bind);
            if (!v.volumeOptions.isEmpty())
                volume.insert(QStringLiteral("volume"), v.volumeOptions);
            if (!v.tmpfsOptions.isEmpty())
                volume.insert(QStringLiteral("tmpfs"), v.tmpfsOptions);
            volumes.append(volume);
        }
        json.insert(QStringLiteral("volumes"), volumes);
    }
    if (!s.networks.isEmpty()) {
        QJsonObject networks;
        for (auto it = s.networks.cbegin(); it != s.networks.cend(); ++it) {
            const ServiceNetwork &n = it.value();
            if (n.isEmpty()) {
                networks.insert(it.key(), QJsonValue(QJsonValue::Null));
                continue;
            }
            QJsonObject network = n.other;
            if (!n.aliases.isEmpty())
                network.insert(QStringLiteral("aliases"), QJsonArray::fromStringList(n.aliases));
            if (!n.ipv4Address.isEmpty())
                network.insert(QStringLiteral("ipv4_address"), n.ipv4Address);
            if (!n.ipv6Address.isEmpty())
                network.insert(QStringLiteral("ipv6_address"), n.ipv6Address);
            if (n.priority)
                network.insert(QStringLiteral("priority"), *n.priority);
            networks.insert(it.key(), network);
        }
        json.insert(QStringLiteral("networks"), networks);
    }
    if (!s.networkMode.isEmpty())
        json.insert(QStringLiteral("network_mode"), s.networkMode);
    if (!s.dependsOn.isEmpty()) {
        QJsonObject deps;
        for (const ServiceDependency &d : s.dependsOn) {
            QJsonObject dep{{QStringLiteral("condition"), ServiceDependency::conditionName(d.condition)},
                            {QStringLiteral("required"), d.required}};
            if (d.restart)
                dep.insert(QStringLiteral("restart"), true);
            deps.insert(d.service, dep);
        }
        json.insert(QStringLiteral("depends_on"), deps);
    }
    if (s.healthcheck) {
        const Healthcheck &h = *s.healthcheck;
        QJsonObject check;
        if (!h.test.isEmpty())
            check.insert(QStringLiteral("test"), QJsonArray::fromStringList(h.test));
        if (h.interval)
            check.insert(QStringLiteral("interval"), duration(*h.interval));
        if (h.timeout)
            check.insert(QStringLiteral("timeout"), duration(*h.timeout));
        if (h.startPeriod)
            check.insert(QStringLiteral("start_period"), duration(*h.startPeriod));
        if (h.startInterval)
            check.insert(QStringLiteral("start_interval"), duration(*h.startInterval));
        if (h.retries)
            check.insert(QStringLiteral("retries"), *h.retries);
        if (h.disable)
            check.insert(QStringLiteral("disable"), true);
        json.insert(QStringLiteral("healthcheck"), check);
    }
    QJsonObject deploy = s.deployOther;
    QJsonObject res;
    if (!s.limits.isEmpty() || s.resourcesOther.contains(QStringLiteral("limits")))
        res.insert(QStringLiteral("limits"), resources(s.limits, s.resourcesOther.value(QStringLiteral("limits")).toObject()));
    if (!s.reservations.isEmpty() || s.resourcesOther.contains(QStringLiteral("reservations")))
        res.insert(QStringLiteral("reservations"),
                   resources(s.reservations, s.resourcesOther.value(QStringLiteral("reservations")).toObject()));
    if (!res.isEmpty())
        deploy.insert(QStringLiteral("resources"), res);
    if (!deploy.isEmpty())
        json.insert(QStringLiteral("deploy"), deploy);
    if (!s.logging.isEmpty()) {
        QJsonObject logging;
        if (!s.logging.driver.isEmpty())
            logging.insert(QStringLiteral("driver"), s.logging.driver);
        if (!s.logging.options.isEmpty())
            logging.insert(QStringLiteral("options"), stringMap(s.logging.options));
        json.insert(QStringLiteral("logging"), logging);
    }
    if (!s.restart.isEmpty())
        json.insert(QStringLiteral("restart"), s.restart);
    if (!s.labels.isEmpty())
        json.insert(QStringLiteral("labels"), stringMap(s.labels));
    if (!s.profiles.isEmpty())
        json.insert(QStringLiteral("profiles"), QJsonArray::fromStringList(s.profiles));
    const std::pair<const char *, const QString *> strings[] = {
        {"container_name", &s.containerName}, {"hostname", &s.hostname}, {"user", &s.user},
        {"working_dir", &s.workingDir}, {"stop_signal", &s.stopSignal}};
    for (const auto &[key, value] : strings) {
        if (!value->isEmpty())
            json.insert(QLatin1String(key), *value);
    }
    if (s.init)
        json.insert(QStringLiteral("init"), *s.init);
    if (s.stopGracePeriod)
        json.insert(QStringLiteral("stop_grace_period"), duration(*s.stopGracePeriod));
    if (!s.capAdd.isEmpty())
        json.insert(QStringLiteral("cap_add"), QJsonArray::fromStringList(s.capAdd));
    if (!s.capDrop.isEmpty())
        json.insert(QStringLiteral("cap_drop"), QJsonArray::fromStringList(s.capDrop));
    if (!s.secrets.isEmpty())
        json.insert(QStringLiteral("secrets"), fileReferences(s.secrets));
    if (!s.configs.isEmpty())
        json.insert(QStringLiteral("configs"), fileReferences(s.configs));
    return json;
}

QJsonObject ComposeJson::toJson(const ComposeModel &model)
{
    QJsonObject json = model.other;
    for (auto it = model.extensions.begin(); it != model.extensions.end(); ++it)
        json.insert(it.key(), it.value());
    json.insert(QStringLiteral("name"), model.name);

    QJsonObject services;
    for (auto it = model.services.cbegin(); it != model.services.cend(); ++it)
        services.insert(it.key(), serviceToJson(it.value()));
    json.insert(QStringLiteral("services"), services);

    QJsonObject networks;
    for (const NetworkDefinition &n : model.networks) {
        QJsonObject network = n.other;
        network.insert(QStringLiteral("name"), n.name);
        if (!n.driver.isEmpty())
            network.insert(QStringLiteral("driver"), n.driver);
        if (!n.driverOpts.isEmpty())
            network.insert(QStringLiteral("driver_opts"), stringMap(n.driverOpts));
        if (!n.ipamDriver.isEmpty() || !n.ipamConfig.isEmpty() || !n.ipamOptions.isEmpty()) {
            QJsonObject ipam;
            if (!n.ipamDriver.isEmpty())
                ipam.insert(QStringLiteral("driver"), n.ipamDriver);
            if (!n.ipamOptions.isEmpty())
                ipam.insert(QStringLiteral("options"), stringMap(n.ipamOptions));
            QJsonArray config;
            for (const NetworkDefinition::IpamPool &p : n.ipamConfig) {
                QJsonObject pool;
                if (!p.subnet.isEmpty())
                    pool.insert(QStringLiteral("subnet"), p.subnet);
                if (!p.ipRange.isEmpty())
                    pool.insert(QStringLiteral("ip_range"), p.ipRange);
                if (!p.gateway.isEmpty())
                    pool.insert(QStringLiteral("gateway"), p.gateway);
                if (!p.auxAddresses.isEmpty())
                    pool.insert(QStringLiteral("aux_addresses"), stringMap(p.auxAddresses));
                config.append(pool);
            }
            if (!config.isEmpty())
                ipam.insert(QStringLiteral("config"), config);
            network.insert(QStringLiteral("ipam"), ipam);
        }
        if (n.external)
            network.insert(QStringLiteral("external"), true);
        if (n.internal)
            network.insert(QStringLiteral("internal"), true);
        if (n.attachable)
            network.insert(QStringLiteral("attachable"), true);
        if (n.enableIpv6)
            network.insert(QStringLiteral("enable_ipv6"), *n.enableIpv6);
        if (!n.labels.isEmpty())
            network.insert(QStringLiteral("labels"), stringMap(n.labels));
        networks.insert(n.key, network);
    }
    json.insert(QStringLiteral("networks"), networks);

    QJsonObject volumes;
    for (const VolumeDefinition &v : model.volumes) {
        QJsonObject volume = v.other;
        volume.insert(QStringLiteral("name"), v.name);
        if (!v.driver.isEmpty())
            volume.insert(QStringLiteral("driver"), v.driver);
        if (!v.driverOpts.isEmpty())
            volume.insert(QStringLiteral("driver_opts"), stringMap(v.driverOpts));
        if (v.external)
            volume.insert(QStringLiteral("external"), true);
        if (!v.labels.isEmpty())
            volume.insert(QStringLiteral("labels"), stringMap(v.labels));
        volumes.insert(v.key, volume);
    }
    json.insert(QStringLiteral("volumes"), volumes);

    if (!model.secrets.isEmpty()) {
        QJsonObject secrets;
        for (const FileObjectDefinition &o : model.secrets)
            secrets.insert(o.key, fileObject(o));
        json.insert(QStringLiteral("secrets"), secrets);
    }
    if (!model.configs.isEmpty()) {
        QJsonObject configs;
        for (const FileObjectDefinition &o : model.configs)
            configs.insert(o.key, fileObject(o));
        json.insert(QStringLiteral("configs"), configs);
    }
    return json;
}

QByteArray ComposeJson::toYaml(const QJsonObject &document)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emitYaml(out, document);
    QByteArray yaml(out.c_str(), qsizetype(out.size()));
    yaml.append('\n');
    return yaml;
}

} // namespace stagehand
