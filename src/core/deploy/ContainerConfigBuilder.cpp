#include "deploy/ContainerConfigBuilder.h"

#include "deploy/DeployLabels.h"
#include "util/Units.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace stagehand {
namespace {

// The Engine API version Stagehand speaks to the engines it deploys to (Docker 20.10).
const char *const EngineApi = "1.41";

// Reports what cannot be applied, as errors at the key's place; silent when there is no list
// (blueprints() builds the same body and leaves those parts out).
class Reporter {
public:
    Reporter(const Service &service, Diagnostics *out)
        : m_service(service)
        , m_out(out)
    {
    }

    void at(const SourceLocation &where, const QString &key, const QString &why) const
    {
        if (!m_out)
            return;
        Diagnostic d = Diagnostic::error(where, QStringLiteral("service '%1': '%2' %3").arg(m_service.name, key, why));
        d.service = m_service.name;
        d.rule = QStringLiteral("deploy-unsupported");
        m_out->append(d);
    }
    // At the service's top-level key (the first part of a dotted key: "deploy.placement" -> deploy).
    void key(const QString &key, const QString &why) const
    {
        at(m_service.locationOf(key.section(QLatin1Char('.'), 0, 0)), key, why);
    }
    void swarm(const QString &name) const
    {
        key(name, QStringLiteral("is a swarm setting: a single engine cannot apply it"));
    }
    void api(const QString &name, const char *version, const char *docker) const
    {
        key(name, QStringLiteral("needs Engine API %1 (Docker %2); Stagehand deploys with API %3")
                      .arg(QLatin1String(version), QLatin1String(docker), QLatin1String(EngineApi)));
    }
    void windows(const QString &name) const
    {
        key(name, QStringLiteral("applies to Windows containers only"));
    }
    void unmapped(const QString &name, const QString &why = {}) const
    {
        key(name, why.isEmpty() ? QStringLiteral("is not supported by Stagehand's deployer") : why);
    }
    void invalid(const QString &name, const QJsonValue &value) const
    {
        key(name, QStringLiteral("has a value Stagehand cannot read: %1")
                      .arg(QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1))));
    }

private:
    const Service &m_service;
    Diagnostics *m_out;
};

// --- reading the values of keys kept as written (service.other, deployOther, resourcesOther) ---------

std::optional<QString> text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    default: return std::nullopt;
    }
}

std::optional<qint64> integer(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::floor(d) != d)
            return std::nullopt;
        return value.toInteger(qint64(d));
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 v = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}

std::optional<bool> boolean(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString()) {
        const QString t = value.toString().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("yes") || t == QLatin1String("on"))
            return true;
        if (t == QLatin1String("false") || t == QLatin1String("no") || t == QLatin1String("off"))
            return false;
    }
    return std::nullopt;
}

// A byte size: a number of bytes, or "512m" as go-units reads it; -1 (unlimited) is kept.
std::optional<qint64> bytes(const QJsonValue &value)
{
    if (auto n = integer(value))
        return *n;
    if (value.isString())
        return Units::parseByteSize(value.toString());
    return std::nullopt;
}

std::optional<double> decimal(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return Units::parseCpus(value.toString());
    return std::nullopt;
}

// Microseconds: a number as written, or a Go duration ("400ms").
std::optional<qint64> microseconds(const QJsonValue &value)
{
    if (auto n = integer(value))
        return *n;
    if (value.isString()) {
        if (auto d = Units::parseDuration(value.toString()))
            return qint64(d->count() / 1000);
    }
    return std::nullopt;
}

// A string or a list of scalars.
std::optional<QStringList> stringList(const QJsonValue &value, bool allowSingle = true)
{
    if (allowSingle) {
        if (auto t = text(value); t && !value.isBool())
            return QStringList{*t};
    }
    if (!value.isArray())
        return std::nullopt;
    QStringList result;
    for (const QJsonValue item : value.toArray()) {
        auto t = text(item);
        if (!t)
            return std::nullopt;
        result.append(*t);
    }
    return result;
}

// A mapping of scalars, or a list of "key<sep>value" (the value may be absent: empty).
std::optional<QJsonObject> stringMap(const QJsonValue &value, QChar separator = QLatin1Char('='))
{
    QJsonObject result;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isNull()) {
                result.insert(it.key(), QString());
                continue;
            }
            auto t = text(it.value());
            if (!t)
                return std::nullopt;
            result.insert(it.key(), *t);
        }
        return result;
    }
    auto list = stringList(value, false);
    if (!list)
        return std::nullopt;
    for (const QString &item : *list) {
        const qsizetype at = item.indexOf(separator);
        result.insert(at < 0 ? item : item.left(at), at < 0 ? QString() : item.mid(at + 1));
    }
    return result;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QString joinPath(const QString &directory, const QString &name)
{
    return directory.endsWith(QLatin1Char('/')) ? QString(directory + name) : QString(directory + QLatin1Char('/') + name);
}

// The engine's file mode for tmpfs: a string is octal ("1777", "0o1777"), a number is taken as written.
std::optional<qint64> fileMode(const QJsonValue &value)
{
    if (value.isString()) {
        QString t = value.toString();
        if (t.startsWith(QLatin1String("0o")))
            t = t.mid(2);
        bool ok = false;
        const qint64 mode = t.toLongLong(&ok, 8);
        return ok ? std::optional<qint64>(mode) : std::nullopt;
    }
    return integer(value);
}

// Expose entries: "3000", "3000/udp", "3000-3005[/proto]", one port each.
std::optional<QStringList> exposedPorts(const QString &entry)
{
    const QString port = entry.section(QLatin1Char('/'), 0, 0);
    const QString protocol = entry.contains(QLatin1Char('/')) ? entry.section(QLatin1Char('/'), 1).toLower() : QStringLiteral("tcp");
    bool okFirst = false;
    bool okLast = true;
    const int first = port.section(QLatin1Char('-'), 0, 0).toInt(&okFirst);
    int last = first;
    if (port.contains(QLatin1Char('-')))
        last = port.section(QLatin1Char('-'), 1).toInt(&okLast);
    if (!okFirst || !okLast || first < 1 || last > 65535 || last < first || protocol.isEmpty())
        return std::nullopt;
    QStringList result;
    for (int p = first; p <= last; ++p)
        result.append(QStringLiteral("%1/%2").arg(p).arg(protocol));
    return result;
}

// deploy.resources.reservations.devices and gpus: DeviceRequests.
std::optional<QJsonObject> deviceRequest(const QJsonValue &value, bool gpu)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject device = value.toObject();
    QJsonObject request;
    QJsonArray capabilities;
    if (device.contains(QStringLiteral("capabilities"))) {
        auto caps = stringList(device.value(QStringLiteral("capabilities")), false);
        if (!caps)
            return std::nullopt;
        capabilities = toArray(*caps);
    }
    if (gpu && !capabilities.contains(QStringLiteral("gpu")))
        capabilities.append(QStringLiteral("gpu"));
    request.insert(QStringLiteral("Capabilities"), QJsonArray{capabilities});
    if (device.contains(QStringLiteral("driver"))) {
        auto driver = text(device.value(QStringLiteral("driver")));
        if (!driver)
            return std::nullopt;
        request.insert(QStringLiteral("Driver"), *driver);
    }
    const bool hasIds = device.contains(QStringLiteral("device_ids"));
    if (hasIds) {
        auto ids = stringList(device.value(QStringLiteral("device_ids")), false);
        if (!ids)
            return std::nullopt;
        request.insert(QStringLiteral("DeviceIDs"), toArray(*ids));
    }
    if (device.contains(QStringLiteral("count"))) {
        const QJsonValue count = device.value(QStringLiteral("count"));
        if (count.toString() == QLatin1String("all")) {
            request.insert(QStringLiteral("Count"), qint64(-1));
        } else if (auto n = integer(count)) {
            request.insert(QStringLiteral("Count"), *n);
        } else {
            return std::nullopt;
        }
    } else if (!hasIds) {
        request.insert(QStringLiteral("Count"), qint64(-1)); // neither count nor ids: all, as Compose reads it
    }
    if (device.contains(QStringLiteral("options"))) {
        auto options = stringMap(device.value(QStringLiteral("options")));
        if (!options)
            return std::nullopt;
        request.insert(QStringLiteral("Options"), *options);
    }
    return request;
}

// "svc[:alias]" / "container:name[:mode]" -> the service's first container (or the named container).
QString serviceOf(const QString &reference)
{
    return reference.section(QLatin1Char(':'), 0, 0);
}

void appendUnique(QJsonArray &array, const QString &value)
{
    if (!array.contains(value))
        array.append(value);
}

} // namespace

DeployIdentity DeployIdentity::of(const ComposeModel &model)
{
    DeployIdentity identity;
    identity.project = model.name;
    identity.workingDir = model.workingDir;
    identity.configFiles = model.files;
    return identity;
}

ContainerConfigBuilder::ContainerConfigBuilder(const ComposeModel &model, DeployIdentity identity)
    : m_model(model)
    , m_identity(std::move(identity))
{
}

QString ContainerConfigBuilder::containerName(const QString &project, const QString &service, int number)
{
    return QStringLiteral("%1-%2-%3").arg(project, service).arg(number);
}

QString ContainerConfigBuilder::builtImageName(const QString &project, const QString &service)
{
    return project + QLatin1Char('-') + service;
}

int ContainerConfigBuilder::replicas(const Service &service) const
{
    std::optional<qint64> count;
    if (service.deployOther.contains(QStringLiteral("replicas")))
        count = integer(service.deployOther.value(QStringLiteral("replicas")));
    if (!count && service.other.contains(QStringLiteral("scale")))
        count = integer(service.other.value(QStringLiteral("scale")));
    return count ? int(std::clamp<qint64>(*count, 0, 1000000)) : 1;
}

QStringList ContainerConfigBuilder::networksByPriority(const Service &service)
{
    QStringList keys = service.networks.keys(); // by name
    std::stable_sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) {
        return service.networks.value(a).priority.value_or(0) > service.networks.value(b).priority.value_or(0);
    });
    return keys;
}

QString ContainerConfigBuilder::nameOf(const Service &service, int number) const
{
    return service.containerName.isEmpty() ? containerName(m_identity.project, service.name, number) : service.containerName;
}

Diagnostics ContainerConfigBuilder::unsupported(const Service &service) const
{
    Diagnostics problems;
    draft(service, service.image, 1, &problems);
    return problems;
}

Diagnostics ContainerConfigBuilder::unsupported(const NetworkDefinition &network) const
{
    Diagnostics problems;
    auto report = [&](const QString &key, const QString &why) {
        problems.append(Diagnostic::error(network.location, QStringLiteral("network '%1': '%2' %3").arg(network.key, key, why)));
        problems.last().rule = QStringLiteral("deploy-unsupported");
    };
    for (auto it = network.other.begin(); it != network.other.end(); ++it) {
        if (it.key().startsWith(QLatin1String("x-")))
            continue;
        if (it.key() == QLatin1String("enable_ipv4")) {
            if (boolean(it.value()).value_or(true))
                continue; // IPv4 is what a network has without the key
            report(it.key(), QStringLiteral("needs Engine API 1.47 (Docker 28); Stagehand deploys with API %1").arg(QLatin1String(EngineApi)));
        } else {
            report(it.key(), QStringLiteral("is not supported by Stagehand's deployer"));
        }
    }
    return problems;
}

Diagnostics ContainerConfigBuilder::unsupported(const VolumeDefinition &volume) const
{
    Diagnostics problems;
    for (auto it = volume.other.begin(); it != volume.other.end(); ++it) {
        if (it.key().startsWith(QLatin1String("x-")))
            continue;
        problems.append(Diagnostic::error(volume.location, QStringLiteral("volume '%1': '%2' is not supported by Stagehand's deployer").arg(volume.key, it.key())));
        problems.last().rule = QStringLiteral("deploy-unsupported");
    }
    return problems;
}

QList<ContainerBlueprint> ContainerConfigBuilder::blueprints(const Service &service, const QString &imageReference) const
{
    QList<ContainerBlueprint> result;
    int count = replicas(service);
    if (!service.containerName.isEmpty())
        count = std::min(count, 1); // a fixed name allows one container
    if (count == 0)
        return result;
    const QString hash = configHash(service, imageReference);
    for (int number = 1; number <= count; ++number) {
        ContainerBlueprint blueprint = draft(service, imageReference, number, nullptr);
        blueprint.configHash = hash;
        QJsonObject labels = blueprint.createBody.value(QStringLiteral("Labels")).toObject();
        labels.insert(DeployLabels::configHash(), hash);
        blueprint.createBody.insert(QStringLiteral("Labels"), labels);
        result.append(blueprint);
    }
    return result;
}

QString ContainerConfigBuilder::configHash(const Service &service, const QString &imageReference) const
{
    return hashOf(draft(service, imageReference, 1, nullptr));
}

QString ContainerConfigBuilder::hashOf(const ContainerBlueprint &blueprint)
{
    QJsonObject body = blueprint.createBody;
    QJsonObject labels = body.value(QStringLiteral("Labels")).toObject();
    labels.remove(DeployLabels::configHash());
    labels.remove(DeployLabels::containerNumber());
    // Stagehand's version says who created the container, not what it is: an upgrade alone must not
    // recreate every container (a change of the mapping changes the body, and so the hash, anyway).
    labels.remove(DeployLabels::version());
    // Where the project's files are is not what the container is either: a checkout moved (or the
    // GUI's copy of the demo beside the repository's) keeps its containers. Bind sources in the
    // folder are absolute paths in the body, so what really depends on the place still counts.
    labels.remove(DeployLabels::workingDir());
    labels.remove(DeployLabels::configFiles());
    body.insert(QStringLiteral("Labels"), labels);

    QJsonArray networks;
    for (const NetworkAttachment &attachment : blueprint.extraNetworks)
        networks.append(QJsonObject{{QStringLiteral("network"), attachment.network}, {QStringLiteral("endpoint"), attachment.endpoint}});
    QJsonArray copies;
    for (const ContainerFileCopy &copy : blueprint.copies) {
        copies.append(QJsonObject{
            {QStringLiteral("directory"), copy.directory},
            {QStringLiteral("fileName"), copy.fileName},
            {QStringLiteral("sha256"), QString::fromLatin1(QCryptographicHash::hash(copy.content, QCryptographicHash::Sha256).toHex())},
            {QStringLiteral("mode"), copy.mode},
            {QStringLiteral("uid"), copy.uid},
            {QStringLiteral("gid"), copy.gid},
        });
    }
    const QJsonObject canonical{
        {QStringLiteral("create"), body},
        {QStringLiteral("extraNetworks"), networks},
        {QStringLiteral("copies"), copies},
        {QStringLiteral("networkModeService"), blueprint.networkModeService},
    };
    // QJsonObject keeps its keys sorted, so the compact text is canonical.
    const QByteArray text = QJsonDocument(canonical).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

QJsonObject ContainerConfigBuilder::networkBody(const NetworkDefinition &network) const
{
    QJsonObject body;
    body.insert(QStringLiteral("Name"), network.name);
    body.insert(QStringLiteral("CheckDuplicate"), true);
    if (!network.driver.isEmpty())
        body.insert(QStringLiteral("Driver"), network.driver);
    if (!network.driverOpts.isEmpty()) {
        QJsonObject options;
        for (auto it = network.driverOpts.cbegin(); it != network.driverOpts.cend(); ++it)
            options.insert(it.key(), it.value());
        body.insert(QStringLiteral("Options"), options);
    }
    if (network.internal)
        body.insert(QStringLiteral("Internal"), true);
    if (network.attachable)
        body.insert(QStringLiteral("Attachable"), true);
    if (network.enableIpv6)
        body.insert(QStringLiteral("EnableIPv6"), *network.enableIpv6);
    if (!network.ipamDriver.isEmpty() || !network.ipamConfig.isEmpty() || !network.ipamOptions.isEmpty()) {
        QJsonObject ipam;
        if (!network.ipamDriver.isEmpty())
            ipam.insert(QStringLiteral("Driver"), network.ipamDriver);
        QJsonArray pools;
        for (const NetworkDefinition::IpamPool &pool : network.ipamConfig) {
            QJsonObject p;
            if (!pool.subnet.isEmpty())
                p.insert(QStringLiteral("Subnet"), pool.subnet);
            if (!pool.ipRange.isEmpty())
                p.insert(QStringLiteral("IPRange"), pool.ipRange);
            if (!pool.gateway.isEmpty())
                p.insert(QStringLiteral("Gateway"), pool.gateway);
            if (!pool.auxAddresses.isEmpty()) {
                QJsonObject aux;
                for (auto it = pool.auxAddresses.cbegin(); it != pool.auxAddresses.cend(); ++it)
                    aux.insert(it.key(), it.value());
                p.insert(QStringLiteral("AuxiliaryAddresses"), aux);
            }
            pools.append(p);
        }
        if (!pools.isEmpty())
            ipam.insert(QStringLiteral("Config"), pools);
        if (!network.ipamOptions.isEmpty()) {
            QJsonObject options;
            for (auto it = network.ipamOptions.cbegin(); it != network.ipamOptions.cend(); ++it)
                options.insert(it.key(), it.value());
            ipam.insert(QStringLiteral("Options"), options);
        }
        body.insert(QStringLiteral("IPAM"), ipam);
    }
    // The file's labels, then Compose's (which win, as in Compose).
    QJsonObject labels;
    for (auto it = network.labels.cbegin(); it != network.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    labels.insert(DeployLabels::project(), m_identity.project);
    labels.insert(DeployLabels::network(), network.key);
    labels.insert(DeployLabels::version(), m_identity.version);
    body.insert(QStringLiteral("Labels"), labels);
    return body;
}

QJsonObject ContainerConfigBuilder::volumeBody(const VolumeDefinition &volume) const
{
    QJsonObject body;
    body.insert(QStringLiteral("Name"), volume.name);
    if (!volume.driver.isEmpty())
        body.insert(QStringLiteral("Driver"), volume.driver);
    if (!volume.driverOpts.isEmpty()) {
        QJsonObject options;
        for (auto it = volume.driverOpts.cbegin(); it != volume.driverOpts.cend(); ++it)
            options.insert(it.key(), it.value());
        body.insert(QStringLiteral("DriverOpts"), options);
    }
    QJsonObject labels;
    for (auto it = volume.labels.cbegin(); it != volume.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    labels.insert(DeployLabels::project(), m_identity.project);
    labels.insert(DeployLabels::volume(), volume.key);
    labels.insert(DeployLabels::version(), m_identity.version);
    body.insert(QStringLiteral("Labels"), labels);
    return body;
}

ContainerBlueprint ContainerConfigBuilder::draft(const Service &service, const QString &imageReference, int number,
                                                 Diagnostics *problems) const
{
    const Reporter report(service, problems);
    ContainerBlueprint blueprint;
    blueprint.service = service.name;
    blueprint.number = number;
    blueprint.name = nameOf(service, number);

    QJsonObject config;
    QJsonObject host;
    auto setString = [](QJsonObject &object, const QString &field, const QString &value) {
        if (!value.isEmpty())
            object.insert(field, value);
    };

    // ---- the container: image, process, environment ---------------------------------------------
    config.insert(QStringLiteral("Image"), imageReference);
    setString(config, QStringLiteral("Hostname"), service.hostname);
    setString(config, QStringLiteral("User"), service.user);
    setString(config, QStringLiteral("WorkingDir"), service.workingDir);
    if (service.command)
        config.insert(QStringLiteral("Cmd"), toArray(*service.command));
    if (service.entrypoint)
        config.insert(QStringLiteral("Entrypoint"), toArray(*service.entrypoint));
    QJsonArray env;
    for (auto it = service.environment.cbegin(); it != service.environment.cend(); ++it) {
        if (it.value()) // named without a value and unset where Stagehand runs: not set, as Compose does
            env.append(QString(it.key() + QLatin1Char('=') + *it.value()));
    }
    if (!env.isEmpty())
        config.insert(QStringLiteral("Env"), env);
    setString(config, QStringLiteral("StopSignal"), service.stopSignal);
    if (service.stopGracePeriod) {
        // The engine counts whole seconds: a fraction is rounded up, so the process never gets less
        // time to stop than the file grants.
        const qint64 ns = service.stopGracePeriod->count();
        config.insert(QStringLiteral("StopTimeout"), qint64(ns <= 0 ? 0 : (ns + 999999999) / 1000000000));
    }
    if (service.healthcheck) {
        const Healthcheck &check = *service.healthcheck;
        QJsonObject health;
        if (check.disable)
            health.insert(QStringLiteral("Test"), QJsonArray{QStringLiteral("NONE")});
        else if (!check.test.isEmpty())
            health.insert(QStringLiteral("Test"), toArray(check.test));
        // Only what the file sets: the engine's defaults (or the image's values) apply to the rest.
        if (check.interval)
            health.insert(QStringLiteral("Interval"), qint64(check.interval->count()));
        if (check.timeout)
            health.insert(QStringLiteral("Timeout"), qint64(check.timeout->count()));
        if (check.startPeriod)
            health.insert(QStringLiteral("StartPeriod"), qint64(check.startPeriod->count()));
        if (check.retries)
            health.insert(QStringLiteral("Retries"), *check.retries);
        if (check.startInterval && !check.disable)
            report.api(QStringLiteral("healthcheck.start_interval"), "1.44", "25");
        if (!health.isEmpty())
            config.insert(QStringLiteral("Healthcheck"), health);
    }

    // ---- labels, as Compose v2 puts them -------------------------------------------------------
    QJsonObject labels;
    for (auto it = service.labels.cbegin(); it != service.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    labels.insert(DeployLabels::project(), m_identity.project);
    labels.insert(DeployLabels::service(), service.name);
    labels.insert(DeployLabels::oneoff(), DeployLabels::oneoffFalse());
    labels.insert(DeployLabels::containerNumber(), QString::number(number));
    labels.insert(DeployLabels::version(), m_identity.version);
    labels.insert(DeployLabels::workingDir(), m_identity.workingDir);
    labels.insert(DeployLabels::configFiles(), DeployLabels::configFilesValue(m_identity.configFiles));
    labels.insert(DeployLabels::dependsOn(), DeployLabels::dependsOnValue(service.dependsOn));
    labels.insert(DeployLabels::deployer(), DeployLabels::deployerName());
    config.insert(QStringLiteral("Labels"), labels);

    // ---- ports ------------------------------------------------------------------------------------
    QJsonObject exposed;
    QJsonObject bindings;
    for (const PortMapping &port : service.ports) {
        const QString key = QStringLiteral("%1/%2").arg(port.target).arg(port.protocol);
        exposed.insert(key, QJsonObject{});
        // Every entry of ports: is published, on an engine-chosen host port when none is given.
        QString hostPort;
        if (port.isPublished())
            hostPort = port.isRange() ? QStringLiteral("%1-%2").arg(port.published).arg(port.publishedEnd) : QString::number(port.published);
        QJsonArray list = bindings.value(key).toArray();
        list.append(QJsonObject{{QStringLiteral("HostIp"), port.hostIp}, {QStringLiteral("HostPort"), hostPort}});
        bindings.insert(key, list);
    }
    for (const QString &entry : service.expose) {
        if (auto keys = exposedPorts(entry)) {
            for (const QString &key : *keys)
                exposed.insert(key, QJsonObject{});
        } else {
            report.key(QStringLiteral("expose"), QStringLiteral("has an entry Stagehand cannot read: '%1'").arg(entry));
        }
    }
    if (!exposed.isEmpty())
        config.insert(QStringLiteral("ExposedPorts"), exposed);
    if (!bindings.isEmpty())
        host.insert(QStringLiteral("PortBindings"), bindings);

    // ---- volumes ----------------------------------------------------------------------------------
    QJsonArray binds;
    QJsonArray mounts;
    QSet<QString> targets;
    for (const VolumeMount &mount : service.volumes) {
        const QString what = QStringLiteral("volumes (%1)").arg(mount.target);
        auto reportMount = [&](const QString &why) { report.at(mount.location, what, why); };
        targets.insert(mount.target);
        QJsonObject m;
        m.insert(QStringLiteral("Type"), mount.type);
        m.insert(QStringLiteral("Target"), mount.target);
        if (mount.readOnly)
            m.insert(QStringLiteral("ReadOnly"), true);
        setString(m, QStringLiteral("Consistency"), mount.consistency);
        if (mount.type == QLatin1String("volume")) {
            if (!mount.source.isEmpty()) // empty: an anonymous volume
                m.insert(QStringLiteral("Source"), m_model.volumes.contains(mount.source) ? m_model.volumes.value(mount.source).name : mount.source);
            QJsonObject options;
            for (auto it = mount.volumeOptions.begin(); it != mount.volumeOptions.end(); ++it) {
                if (it.key() == QLatin1String("nocopy")) {
                    if (auto b = boolean(it.value()); b && *b)
                        options.insert(QStringLiteral("NoCopy"), true);
                } else if (it.key() == QLatin1String("subpath")) {
                    reportMount(QStringLiteral("uses volume.subpath, which needs Engine API 1.45 (Docker 26); Stagehand deploys with API %1").arg(QLatin1String(EngineApi)));
                } else {
                    reportMount(QStringLiteral("uses volume.%1, which Stagehand does not support").arg(it.key()));
                }
            }
            if (!options.isEmpty())
                m.insert(QStringLiteral("VolumeOptions"), options);
            mounts.append(m);
        } else if (mount.type == QLatin1String("bind")) {
            QString propagation;
            QString selinux;
            QString recursive;
            for (auto it = mount.bindOptions.begin(); it != mount.bindOptions.end(); ++it) {
                if (it.key() == QLatin1String("propagation"))
                    propagation = it.value().toString();
                else if (it.key() == QLatin1String("selinux"))
                    selinux = it.value().toString();
                else if (it.key() == QLatin1String("recursive"))
                    recursive = it.value().toString();
                else
                    reportMount(QStringLiteral("uses bind.%1, which Stagehand does not support").arg(it.key()));
            }
            // Compose creates a missing host path for the short syntax and for a long one without a
            // bind: section (the Binds field does); create_host_path: false (or bind options without it)
            // takes the Mount API, where the engine refuses a missing source instead.
            const bool createHostPath = mount.createHostPath.value_or(mount.bindOptions.isEmpty());
            if (!recursive.isEmpty() && recursive != QLatin1String("enabled") && (createHostPath || recursive != QLatin1String("disabled"))) {
                reportMount(recursive == QLatin1String("disabled")
                    ? QStringLiteral("uses bind.recursive: disabled with create_host_path, which the engine cannot do at once on API %1").arg(QLatin1String(EngineApi))
                    : QStringLiteral("uses bind.recursive: %1, which needs Engine API 1.44 (Docker 25); Stagehand deploys with API %2").arg(recursive, QLatin1String(EngineApi)));
            }
            if (createHostPath) {
                QStringList options;
                if (mount.readOnly)
                    options.append(QStringLiteral("ro"));
                if (!selinux.isEmpty())
                    options.append(selinux);
                if (!propagation.isEmpty())
                    options.append(propagation);
                binds.append(QString(mount.source + QLatin1Char(':') + mount.target
                                     + (options.isEmpty() ? QString() : QString(QLatin1Char(':') + options.join(QLatin1Char(','))))));
            } else {
                if (!selinux.isEmpty())
                    reportMount(QStringLiteral("uses bind.selinux with create_host_path: false: the engine relabels only bind mounts it may create (Binds)"));
                m.insert(QStringLiteral("Source"), mount.source);
                QJsonObject options;
                setString(options, QStringLiteral("Propagation"), propagation);
                if (recursive == QLatin1String("disabled"))
                    options.insert(QStringLiteral("NonRecursive"), true);
                if (!options.isEmpty())
                    m.insert(QStringLiteral("BindOptions"), options);
                mounts.append(m);
            }
        } else if (mount.type == QLatin1String("tmpfs")) {
            QJsonObject options;
            for (auto it = mount.tmpfsOptions.begin(); it != mount.tmpfsOptions.end(); ++it) {
                if (it.key() == QLatin1String("size")) {
                    if (auto size = bytes(it.value()))
                        options.insert(QStringLiteral("SizeBytes"), *size);
                    else
                        reportMount(QStringLiteral("has a tmpfs.size Stagehand cannot read"));
                } else if (it.key() == QLatin1String("mode")) {
                    if (auto mode = fileMode(it.value()))
                        options.insert(QStringLiteral("Mode"), *mode);
                    else
                        reportMount(QStringLiteral("has a tmpfs.mode Stagehand cannot read"));
                } else {
                    reportMount(QStringLiteral("uses tmpfs.%1, which needs a later Engine API than %2").arg(it.key(), QLatin1String(EngineApi)));
                }
            }
            if (!options.isEmpty())
                m.insert(QStringLiteral("TmpfsOptions"), options);
            mounts.append(m);
        } else if (mount.type == QLatin1String("npipe")) {
            reportMount(QStringLiteral("is a named pipe, which applies to Windows engines only"));
        } else if (mount.type == QLatin1String("cluster")) {
            reportMount(QStringLiteral("is a cluster volume, a swarm feature a single engine cannot mount"));
        } else if (mount.type == QLatin1String("image")) {
            reportMount(QStringLiteral("mounts an image, which needs Engine API 1.47 (Docker 28); Stagehand deploys with API %1").arg(QLatin1String(EngineApi)));
        } else {
            reportMount(QStringLiteral("has the volume type '%1', which Stagehand does not support").arg(mount.type));
        }
    }

    // ---- secrets and configs: files bind-mounted read-only, values copied in ---------------------
    auto fileObjects = [&](const QList<FileReference> &references, const QMap<QString, FileObjectDefinition> &definitions,
                           bool isSecret) {
        const QString kind = isSecret ? QStringLiteral("secrets") : QStringLiteral("configs");
        const QString baseDir = isSecret ? QStringLiteral("/run/secrets") : QStringLiteral("/");
        for (const FileReference &ref : references) {
            const QString what = QStringLiteral("%1 (%2)").arg(kind, ref.source);
            auto reportRef = [&](const QString &why) { report.at(ref.location, what, why); };
            if (!definitions.contains(ref.source)) {
                reportRef(QStringLiteral("refers to no top-level %1 of that name").arg(isSecret ? QStringLiteral("secret") : QStringLiteral("config")));
                continue;
            }
            const FileObjectDefinition &definition = definitions[ref.source];
            if (definition.external) {
                reportRef(QStringLiteral("is external: external secrets and configs are swarm objects, which a single engine does not hold"));
                continue;
            }
            bool usable = true;
            for (auto it = definition.other.begin(); it != definition.other.end(); ++it) {
                if (it.key().startsWith(QLatin1String("x-")))
                    continue;
                reportRef(QStringLiteral("uses %1, which a single engine cannot apply").arg(it.key()));
                usable = false;
            }
            const QString target = ref.target.isEmpty() ? joinPath(baseDir, ref.source)
                                 : ref.target.startsWith(QLatin1Char('/')) ? ref.target
                                 : joinPath(baseDir, ref.target);
            if (targets.contains(target))
                continue; // a volume at the same place wins, as in Compose
            targets.insert(target);
            const bool owned = !ref.uid.isEmpty() || !ref.gid.isEmpty() || ref.mode.has_value();
            ContainerFileCopy copy;
            const qsizetype slash = target.lastIndexOf(QLatin1Char('/'));
            copy.directory = slash <= 0 ? QStringLiteral("/") : target.left(slash);
            copy.fileName = target.mid(slash + 1);
            copy.mode = ref.mode.value_or(0444);
            auto id = [&](const QString &written, const char *field) {
                bool ok = true;
                const int value = written.isEmpty() ? 0 : written.toInt(&ok);
                if (!ok || value < 0) {
                    reportRef(QStringLiteral("has a %1 that is not a number: '%2'").arg(QLatin1String(field), written));
                    usable = false;
                }
                return value;
            };
            copy.uid = id(ref.uid, "uid");
            copy.gid = id(ref.gid, "gid");
            if (!usable)
                continue;
            if (!definition.file.isEmpty()) {
                if (!owned) {
                    // Bind-mounted, as Compose does: the engine refuses a missing file instead of
                    // creating a folder in its place (the Mount API).
                    mounts.append(QJsonObject{{QStringLiteral("Type"), QStringLiteral("bind")},
                                              {QStringLiteral("Source"), definition.file},
                                              {QStringLiteral("Target"), target},
                                              {QStringLiteral("ReadOnly"), true}});
                    continue;
                }
                // A bind mount cannot change a file's owner or mode: the file is copied in with them.
                QFile file(definition.file);
                if (!file.open(QIODevice::ReadOnly)) {
                    reportRef(QStringLiteral("sets uid, gid or mode, so the file is copied in, but '%1' cannot be read: %2").arg(definition.file, file.errorString()));
                    continue;
                }
                copy.content = file.readAll();
            } else if (!definition.environment.isEmpty()) {
                const QString &variable = definition.environment;
                std::optional<QString> value;
                if (service.environment.contains(variable))
                    value = service.environment.value(variable);
                if (!value && m_processEnvironment.contains(variable))
                    value = m_processEnvironment.value(variable);
                if (!value) {
                    reportRef(QStringLiteral("takes its value from the environment variable %1, which is not set").arg(variable));
                    continue;
                }
                copy.content = value->toUtf8();
            } else {
                copy.content = definition.content.toUtf8();
            }
            blueprint.copies.append(copy);
        }
    };
    fileObjects(service.secrets, m_model.secrets, true);
    fileObjects(service.configs, m_model.configs, false);

    // ---- restart policy -----------------------------------------------------------------------
    QJsonObject restart;
    auto restartPolicy = [](const QString &name, qint64 attempts) {
        QJsonObject policy{{QStringLiteral("Name"), name}};
        if (name == QLatin1String("on-failure") && attempts > 0) // the engine takes a count with on-failure only
            policy.insert(QStringLiteral("MaximumRetryCount"), attempts);
        return policy;
    };
    if (!service.restart.isEmpty()) {
        const QString name = service.restart.section(QLatin1Char(':'), 0, 0);
        bool ok = true;
        const qint64 attempts = service.restart.contains(QLatin1Char(':')) ? service.restart.section(QLatin1Char(':'), 1).toLongLong(&ok) : 0;
        if (!ok)
            report.key(QStringLiteral("restart"), QStringLiteral("has a retry count that is not a number: '%1'").arg(service.restart));
        restart = restartPolicy(name, attempts);
    }

    // ---- resources: deploy.resources first, the legacy keys where it says nothing --------------
    if (service.limits.memoryBytes)
        host.insert(QStringLiteral("Memory"), *service.limits.memoryBytes);
    if (service.limits.cpus)
        host.insert(QStringLiteral("NanoCpus"), qint64(std::llround(*service.limits.cpus * 1e9)));
    if (service.limits.pids)
        host.insert(QStringLiteral("PidsLimit"), *service.limits.pids);
    if (service.reservations.memoryBytes)
        host.insert(QStringLiteral("MemoryReservation"), *service.reservations.memoryBytes);
    if (service.reservations.cpus && *service.reservations.cpus > 0) {
        // One engine has no CPU reservation (that is a swarm scheduling constraint); what honours a
        // reservation there is the cgroup CPU weight: under contention, CPU time is shared in
        // proportion to the shares, 1024 being one CPU's worth (the engine's default). The kernel's
        // minimum is 2.
        host.insert(QStringLiteral("CpuShares"), std::max<qint64>(2, std::llround(*service.reservations.cpus * 1024)));
    }
    if (service.reservations.pids)
        report.key(QStringLiteral("deploy.resources.reservations.pids"), QStringLiteral("has no meaning on an engine: a number of processes is a limit, not a reservation"));
    QJsonArray deviceRequests;
    for (auto kind = service.resourcesOther.begin(); kind != service.resourcesOther.end(); ++kind) {
        const QJsonObject section = kind.value().toObject();
        for (auto it = section.begin(); it != section.end(); ++it) {
            const QString name = QStringLiteral("deploy.resources.%1.%2").arg(kind.key(), it.key());
            if (kind.key() == QLatin1String("reservations") && it.key() == QLatin1String("devices")) {
                bool ok = it.value().isArray();
                for (const QJsonValue device : it.value().toArray()) {
                    if (auto request = deviceRequest(device, false))
                        deviceRequests.append(*request);
                    else
                        ok = false;
                }
                if (!ok)
                    report.invalid(name, it.value());
            } else if (it.key() == QLatin1String("generic_resources")) {
                report.swarm(name);
            } else {
                report.unmapped(name);
            }
        }
    }

    // ---- deploy: what one engine can do of it ---------------------------------------------------
    for (auto it = service.deployOther.begin(); it != service.deployOther.end(); ++it) {
        const QString name = QStringLiteral("deploy.") + it.key();
        if (it.key() == QLatin1String("replicas")) {
            if (!integer(it.value()))
                report.invalid(name, it.value());
        } else if (it.key() == QLatin1String("mode")) {
            if (it.value().toString() != QLatin1String("replicated"))
                report.key(name, QStringLiteral("'%1' is a swarm mode: a single engine runs replicated services only").arg(text(it.value()).value_or(QString())));
        } else if (it.key() == QLatin1String("restart_policy")) {
            const QJsonObject policy = it.value().toObject();
            if (!it.value().isObject())
                report.invalid(name, it.value());
            QString condition = QStringLiteral("any"); // the specification's default
            qint64 attempts = 0;
            for (auto p = policy.begin(); p != policy.end(); ++p) {
                if (p.key() == QLatin1String("condition")) {
                    condition = p.value().toString();
                } else if (p.key() == QLatin1String("max_attempts")) {
                    if (auto n = integer(p.value()))
                        attempts = *n;
                    else
                        report.invalid(name + QStringLiteral(".max_attempts"), p.value());
                } else {
                    // delay, window: the engine restarts at once, with its own back-off.
                    report.key(name + QLatin1Char('.') + p.key(), QStringLiteral("is a swarm setting: the engine's restart policy has no %1").arg(p.key()));
                }
            }
            // Over restart:, as in Compose.
            if (condition == QLatin1String("none"))
                restart = restartPolicy(QStringLiteral("no"), 0);
            else if (condition == QLatin1String("on-failure"))
                restart = restartPolicy(QStringLiteral("on-failure"), attempts);
            else if (condition == QLatin1String("any"))
                restart = restartPolicy(QStringLiteral("always"), 0);
            else
                report.key(name + QStringLiteral(".condition"), QStringLiteral("'%1' is not a restart condition (none, on-failure or any)").arg(condition));
        } else if (it.key() == QLatin1String("labels") || it.key() == QLatin1String("placement")
                   || it.key() == QLatin1String("update_config") || it.key() == QLatin1String("rollback_config")
                   || it.key() == QLatin1String("endpoint_mode")) {
            report.swarm(name);
        } else {
            report.unmapped(name);
        }
    }
    if (!restart.isEmpty())
        host.insert(QStringLiteral("RestartPolicy"), restart);
    if (service.deployOther.contains(QStringLiteral("replicas")) && service.other.contains(QStringLiteral("scale"))
        && integer(service.deployOther.value(QStringLiteral("replicas"))) != integer(service.other.value(QStringLiteral("scale")))) {
        report.key(QStringLiteral("scale"), QStringLiteral("and deploy.replicas give different numbers of containers"));
    }
    if (!service.containerName.isEmpty() && replicas(service) > 1)
        report.key(QStringLiteral("container_name"), QStringLiteral("allows one container, but the service asks for %1").arg(replicas(service)));

    // ---- logging, init, capabilities --------------------------------------------------------------
    if (!service.logging.isEmpty()) {
        QJsonObject options;
        for (auto it = service.logging.options.cbegin(); it != service.logging.options.cend(); ++it)
            options.insert(it.key(), it.value());
        host.insert(QStringLiteral("LogConfig"), QJsonObject{{QStringLiteral("Type"), service.logging.driver}, {QStringLiteral("Config"), options}});
    }
    if (service.init)
        host.insert(QStringLiteral("Init"), *service.init);
    if (!service.capAdd.isEmpty())
        host.insert(QStringLiteral("CapAdd"), toArray(service.capAdd));
    if (!service.capDrop.isEmpty())
        host.insert(QStringLiteral("CapDrop"), toArray(service.capDrop));

    // ---- keys kept as written: the single-engine ones Compose maps to a field ------------------
    QJsonArray links;
    std::optional<QString> macAddress;
    for (auto it = service.other.begin(); it != service.other.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue value = it.value();
        // Sets field to convert(value), or reports the value as unreadable.
        auto set = [&](QJsonObject &object, const QString &field, auto convert) {
            if (auto converted = convert(value))
                object.insert(field, *converted);
            else
                report.invalid(key, value);
        };
        auto asText = [](const QJsonValue &v) { return text(v); };
        auto asInteger = [](const QJsonValue &v) { return integer(v); };
        auto asBool = [](const QJsonValue &v) { return boolean(v); };
        auto asBytes = [](const QJsonValue &v) { return bytes(v); };
        auto asList = [](const QJsonValue &v) -> std::optional<QJsonArray> {
            if (auto list = stringList(v))
                return toArray(*list);
            return std::nullopt;
        };
        auto asMap = [](const QJsonValue &v) { return stringMap(v); };
        auto asMicroseconds = [](const QJsonValue &v) { return microseconds(v); };

        if (key.startsWith(QLatin1String("x-"))) {
            continue; // extensions: for tools, ignored by Compose and the engine
        } else if (key == QLatin1String("scale")) {
            if (!integer(value))
                report.invalid(key, value);
        } else if (key == QLatin1String("attach")) {
            continue; // whether `compose up` streams the service's logs: the deployer never attaches
        } else if (key == QLatin1String("pull_policy")) {
            const QString policy = value.toString();
            // The deployer pulls what the engine does not have (or builds it): that is "missing".
            if (policy != QLatin1String("missing") && policy != QLatin1String("if_not_present")
                && !(policy == QLatin1String("build") && service.build))
                report.unmapped(key, QStringLiteral("'%1' is not applied: Stagehand's deployer pulls an image only when the engine does not have it").arg(policy));
        } else if (key == QLatin1String("privileged")) {
            set(host, QStringLiteral("Privileged"), asBool);
        } else if (key == QLatin1String("read_only")) {
            set(host, QStringLiteral("ReadonlyRootfs"), asBool);
        } else if (key == QLatin1String("tty")) {
            set(config, QStringLiteral("Tty"), asBool);
        } else if (key == QLatin1String("stdin_open")) {
            set(config, QStringLiteral("OpenStdin"), asBool);
        } else if (key == QLatin1String("domainname")) {
            set(config, QStringLiteral("Domainname"), asText);
        } else if (key == QLatin1String("mac_address")) {
            if (auto mac = text(value))
                macAddress = *mac;
            else
                report.invalid(key, value);
        } else if (key == QLatin1String("shm_size")) {
            set(host, QStringLiteral("ShmSize"), asBytes);
        } else if (key == QLatin1String("extra_hosts")) {
            // "host:ip" as the engine takes it, from a list of host:ip / host=ip or a mapping.
            QJsonArray hosts;
            bool ok = true;
            if (value.isObject()) {
                const QJsonObject object = value.toObject();
                for (auto h = object.begin(); h != object.end(); ++h) {
                    const auto addresses = stringList(h.value());
                    if (!addresses)
                        ok = false;
                    for (const QString &address : addresses.value_or(QStringList{}))
                        hosts.append(QString(h.key() + QLatin1Char(':') + address));
                }
            } else if (auto list = stringList(value, false)) {
                for (const QString &entry : *list) {
                    const qsizetype eq = entry.indexOf(QLatin1Char('='));
                    hosts.append(eq >= 0 ? QString(entry.left(eq) + QLatin1Char(':') + entry.mid(eq + 1)) : entry);
                }
            } else {
                ok = false;
            }
            if (ok)
                host.insert(QStringLiteral("ExtraHosts"), hosts);
            else
                report.invalid(key, value);
        } else if (key == QLatin1String("dns")) {
            set(host, QStringLiteral("Dns"), asList);
        } else if (key == QLatin1String("dns_search")) {
            set(host, QStringLiteral("DnsSearch"), asList);
        } else if (key == QLatin1String("dns_opt")) {
            set(host, QStringLiteral("DnsOptions"), asList);
        } else if (key == QLatin1String("sysctls")) {
            set(host, QStringLiteral("Sysctls"), asMap);
        } else if (key == QLatin1String("storage_opt")) {
            set(host, QStringLiteral("StorageOpt"), asMap);
        } else if (key == QLatin1String("ulimits")) {
            QJsonArray ulimits;
            bool ok = value.isObject();
            const QJsonObject object = value.toObject();
            for (auto u = object.begin(); u != object.end(); ++u) {
                std::optional<qint64> soft;
                std::optional<qint64> hard;
                if (u.value().isObject()) {
                    soft = integer(u.value().toObject().value(QStringLiteral("soft")));
                    hard = integer(u.value().toObject().value(QStringLiteral("hard")));
                } else {
                    soft = hard = integer(u.value());
                }
                if (!soft || !hard) {
                    ok = false;
                    continue;
                }
                ulimits.append(QJsonObject{{QStringLiteral("Name"), u.key()}, {QStringLiteral("Soft"), *soft}, {QStringLiteral("Hard"), *hard}});
            }
            if (ok)
                host.insert(QStringLiteral("Ulimits"), ulimits);
            else
                report.invalid(key, value);
        } else if (key == QLatin1String("tmpfs")) {
            // "path[:options]" each.
            if (auto list = stringList(value)) {
                QJsonObject tmpfs;
                for (const QString &entry : *list) {
                    const qsizetype colon = entry.indexOf(QLatin1Char(':'));
                    tmpfs.insert(colon < 0 ? entry : entry.left(colon), colon < 0 ? QString() : entry.mid(colon + 1));
                }
                host.insert(QStringLiteral("Tmpfs"), tmpfs);
            } else {
                report.invalid(key, value);
            }
        } else if (key == QLatin1String("security_opt")) {
            if (auto list = stringList(value, false)) {
                QJsonArray options;
                for (const QString &option : *list) {
                    if (option == QLatin1String("systempaths=unconfined")) {
                        // What `docker run --security-opt systempaths=unconfined` does: nothing masked.
                        host.insert(QStringLiteral("MaskedPaths"), QJsonArray{});
                        host.insert(QStringLiteral("ReadonlyPaths"), QJsonArray{});
                        continue;
                    }
                    const bool seccomp = option.startsWith(QLatin1String("seccomp=")) || option.startsWith(QLatin1String("seccomp:"));
                    const QString profile = option.mid(8);
                    if (seccomp && profile != QLatin1String("unconfined") && profile != QLatin1String("builtin")) {
                        report.key(key, QStringLiteral("names the seccomp profile file '%1', which Stagehand does not read").arg(profile));
                        continue;
                    }
                    options.append(option);
                }
                if (!options.isEmpty())
                    host.insert(QStringLiteral("SecurityOpt"), options);
            } else {
                report.invalid(key, value);
            }
        } else if (key == QLatin1String("devices")) {
            QJsonArray devices;
            bool ok = value.isArray();
            for (const QJsonValue item : value.toArray()) {
                QString source;
                QString target;
                QString permissions = QStringLiteral("rwm");
                if (item.isObject()) {
                    const QJsonObject d = item.toObject();
                    source = d.value(QStringLiteral("source")).toString();
                    target = d.value(QStringLiteral("target")).toString(source);
                    permissions = d.value(QStringLiteral("permissions")).toString(permissions);
                } else if (item.isString()) {
                    const QStringList parts = item.toString().split(QLatin1Char(':'));
                    source = parts.value(0);
                    target = parts.value(1, source);
                    permissions = parts.value(2, permissions);
                } else {
                    ok = false;
                    continue;
                }
                if (!source.startsWith(QLatin1Char('/'))) {
                    report.key(key, QStringLiteral("names the CDI device '%1', which needs Engine API 1.45 (Docker 26); Stagehand deploys with API %2").arg(source, QLatin1String(EngineApi)));
                    continue;
                }
                devices.append(QJsonObject{{QStringLiteral("PathOnHost"), source},
                                           {QStringLiteral("PathInContainer"), target},
                                           {QStringLiteral("CgroupPermissions"), permissions}});
            }
            if (ok)
                host.insert(QStringLiteral("Devices"), devices);
            else
                report.invalid(key, value);
        } else if (key == QLatin1String("device_cgroup_rules")) {
            set(host, QStringLiteral("DeviceCgroupRules"), asList);
        } else if (key == QLatin1String("gpus")) {
            if (value.toString() == QLatin1String("all")) {
                deviceRequests.append(QJsonObject{{QStringLiteral("Count"), qint64(-1)},
                                                  {QStringLiteral("Capabilities"), QJsonArray{QJsonArray{QStringLiteral("gpu")}}}});
            } else if (value.isArray()) {
                for (const QJsonValue gpu : value.toArray()) {
                    if (auto request = deviceRequest(gpu, true))
                        deviceRequests.append(*request);
                    else
                        report.invalid(key, gpu);
                }
            } else {
                report.invalid(key, value);
            }
        } else if (key == QLatin1String("ipc") || key == QLatin1String("pid")) {
            const QString mode = value.toString();
            if (mode.startsWith(QLatin1String("service:")))
                report.unmapped(key, QStringLiteral("'%1' (sharing another service's namespace) is not supported by Stagehand's deployer; use container:<name>").arg(mode));
            else
                set(host, key == QLatin1String("ipc") ? QStringLiteral("IpcMode") : QStringLiteral("PidMode"), asText);
        } else if (key == QLatin1String("cgroup")) {
            set(host, QStringLiteral("CgroupnsMode"), asText);
        } else if (key == QLatin1String("cgroup_parent")) {
            set(host, QStringLiteral("CgroupParent"), asText);
        } else if (key == QLatin1String("group_add")) {
            set(host, QStringLiteral("GroupAdd"), asList);
        } else if (key == QLatin1String("oom_score_adj")) {
            set(host, QStringLiteral("OomScoreAdj"), asInteger);
        } else if (key == QLatin1String("oom_kill_disable")) {
            set(host, QStringLiteral("OomKillDisable"), asBool);
        } else if (key == QLatin1String("runtime")) {
            set(host, QStringLiteral("Runtime"), asText);
        } else if (key == QLatin1String("userns_mode")) {
            set(host, QStringLiteral("UsernsMode"), asText);
        } else if (key == QLatin1String("uts")) {
            set(host, QStringLiteral("UTSMode"), asText);
        } else if (key == QLatin1String("isolation")) {
            if (value.toString() == QLatin1String("default"))
                host.insert(QStringLiteral("Isolation"), QStringLiteral("default"));
            else
                report.windows(key);
        } else if (key == QLatin1String("mem_limit")) {
            if (!service.limits.memoryBytes)
                set(host, QStringLiteral("Memory"), asBytes);
        } else if (key == QLatin1String("mem_reservation")) {
            if (!service.reservations.memoryBytes)
                set(host, QStringLiteral("MemoryReservation"), asBytes);
        } else if (key == QLatin1String("memswap_limit")) {
            set(host, QStringLiteral("MemorySwap"), asBytes);
        } else if (key == QLatin1String("mem_swappiness")) {
            set(host, QStringLiteral("MemorySwappiness"), asInteger);
        } else if (key == QLatin1String("pids_limit")) {
            if (!service.limits.pids)
                set(host, QStringLiteral("PidsLimit"), asInteger);
        } else if (key == QLatin1String("cpus")) {
            if (!service.limits.cpus) {
                set(host, QStringLiteral("NanoCpus"), [](const QJsonValue &v) -> std::optional<qint64> {
                    if (auto cpus = decimal(v))
                        return qint64(std::llround(*cpus * 1e9));
                    return std::nullopt;
                });
            }
        } else if (key == QLatin1String("cpu_shares")) {
            set(host, QStringLiteral("CpuShares"), asInteger); // written: over the one derived from a reservation
        } else if (key == QLatin1String("cpu_quota")) {
            set(host, QStringLiteral("CpuQuota"), asMicroseconds);
        } else if (key == QLatin1String("cpu_period")) {
            set(host, QStringLiteral("CpuPeriod"), asMicroseconds);
        } else if (key == QLatin1String("cpu_rt_runtime")) {
            set(host, QStringLiteral("CpuRealtimeRuntime"), asMicroseconds);
        } else if (key == QLatin1String("cpu_rt_period")) {
            set(host, QStringLiteral("CpuRealtimePeriod"), asMicroseconds);
        } else if (key == QLatin1String("cpuset")) {
            set(host, QStringLiteral("CpusetCpus"), asText);
        } else if (key == QLatin1String("blkio_config")) {
            const QJsonObject blkio = value.toObject();
            bool ok = value.isObject();
            auto devices = [&](const QString &field, const QString &engineField, bool isRate, bool isBytes) {
                if (!blkio.contains(field))
                    return;
                QJsonArray list;
                for (const QJsonValue item : blkio.value(field).toArray()) {
                    const QJsonObject d = item.toObject();
                    const QJsonValue amount = d.value(isRate ? QStringLiteral("rate") : QStringLiteral("weight"));
                    const auto n = isBytes ? bytes(amount) : integer(amount);
                    if (!n || !d.value(QStringLiteral("path")).isString()) {
                        ok = false;
                        continue;
                    }
                    list.append(QJsonObject{{QStringLiteral("Path"), d.value(QStringLiteral("path"))},
                                            {isRate ? QStringLiteral("Rate") : QStringLiteral("Weight"), *n}});
                }
                host.insert(engineField, list);
            };
            for (auto b = blkio.begin(); b != blkio.end(); ++b) {
                if (b.key() == QLatin1String("weight")) {
                    if (auto w = integer(b.value()))
                        host.insert(QStringLiteral("BlkioWeight"), *w);
                    else
                        ok = false;
                } else if (b.key() == QLatin1String("weight_device")) {
                    devices(b.key(), QStringLiteral("BlkioWeightDevice"), false, false);
                } else if (b.key() == QLatin1String("device_read_bps")) {
                    devices(b.key(), QStringLiteral("BlkioDeviceReadBps"), true, true);
                } else if (b.key() == QLatin1String("device_write_bps")) {
                    devices(b.key(), QStringLiteral("BlkioDeviceWriteBps"), true, true);
                } else if (b.key() == QLatin1String("device_read_iops")) {
                    devices(b.key(), QStringLiteral("BlkioDeviceReadIOps"), true, false);
                } else if (b.key() == QLatin1String("device_write_iops")) {
                    devices(b.key(), QStringLiteral("BlkioDeviceWriteIOps"), true, false);
                } else {
                    report.unmapped(key + QLatin1Char('.') + b.key());
                }
            }
            if (!ok)
                report.invalid(key, value);
        } else if (key == QLatin1String("links")) {
            // "service[:alias]": the service's first container, under the alias (or the service's name).
            if (auto list = stringList(value, false)) {
                for (const QString &link : *list) {
                    const QString target = serviceOf(link);
                    const QString alias = link.contains(QLatin1Char(':')) ? link.section(QLatin1Char(':'), 1) : target;
                    if (!m_model.services.contains(target)) {
                        report.key(key, QStringLiteral("names '%1', which is not a service of the environment").arg(target));
                        continue;
                    }
                    links.append(QString(nameOf(m_model.services[target], 1) + QLatin1Char(':') + alias));
                }
            } else {
                report.invalid(key, value);
            }
        } else if (key == QLatin1String("volumes_from")) {
            // "service[:ro|rw]" (the service's first container) or "container:name[:ro|rw]".
            if (auto list = stringList(value, false)) {
                QJsonArray from;
                for (const QString &entry : *list) {
                    QStringList parts = entry.split(QLatin1Char(':'));
                    QString container;
                    if (parts.first() == QLatin1String("container") && parts.size() >= 2) {
                        parts.removeFirst();
                        container = parts.first();
                    } else if (m_model.services.contains(parts.first())) {
                        container = nameOf(m_model.services[parts.first()], 1);
                    } else {
                        report.key(key, QStringLiteral("names '%1', which is not a service of the environment").arg(parts.first()));
                        continue;
                    }
                    from.append(parts.size() > 1 ? QString(container + QLatin1Char(':') + parts.at(1)) : container);
                }
                host.insert(QStringLiteral("VolumesFrom"), from);
            } else {
                report.invalid(key, value);
            }
        } else if (key == QLatin1String("cpu_count") || key == QLatin1String("cpu_percent") || key == QLatin1String("credential_spec")) {
            report.windows(key);
        } else if (key == QLatin1String("annotations")) {
            report.api(key, "1.43", "24");
        } else if (key == QLatin1String("platform")) {
            report.unmapped(key, QStringLiteral("is not applied: Stagehand's deployer runs the image for the engine's own platform"));
        } else {
            // develop, post_start, pre_stop, use_api_socket, external_links, extends, label_file,
            // models, provider, pull_refresh_after, ... and anything newer.
            report.unmapped(key);
        }
    }
    if (!deviceRequests.isEmpty())
        host.insert(QStringLiteral("DeviceRequests"), deviceRequests);
    if (!links.isEmpty())
        host.insert(QStringLiteral("Links"), links);

    // ---- networks -------------------------------------------------------------------------------
    if (!service.networkMode.isEmpty()) {
        if (service.networkMode.startsWith(QLatin1String("service:")))
            blueprint.networkModeService = service.networkMode.mid(8); // container:<id> once that container exists
        else
            host.insert(QStringLiteral("NetworkMode"), service.networkMode);
    } else {
        const QStringList order = networksByPriority(service);
        for (qsizetype i = 0; i < order.size(); ++i) {
            const QString &key = order.at(i);
            const ServiceNetwork attachment = service.networks.value(key);
            const QString what = QStringLiteral("networks.%1").arg(key);
            auto reportNetwork = [&](const QString &field, const QString &why) {
                report.at(attachment.location.isValid() ? attachment.location : service.locationOf(QStringLiteral("networks")),
                          what + QLatin1Char('.') + field, why);
            };
            const QString engineName = m_model.networks.contains(key) ? m_model.networks.value(key).name : key;
            // The service's name first, so that the other services reach it by name, then its aliases.
            QJsonArray aliases{service.name};
            for (const QString &alias : attachment.aliases)
                appendUnique(aliases, alias);
            QJsonObject endpoint{{QStringLiteral("Aliases"), aliases}};
            QJsonObject ipam;
            setString(ipam, QStringLiteral("IPv4Address"), attachment.ipv4Address);
            setString(ipam, QStringLiteral("IPv6Address"), attachment.ipv6Address);
            for (auto it = attachment.other.begin(); it != attachment.other.end(); ++it) {
                if (it.key() == QLatin1String("link_local_ips")) {
                    if (auto ips = stringList(it.value(), false))
                        ipam.insert(QStringLiteral("LinkLocalIPs"), toArray(*ips));
                    else
                        reportNetwork(it.key(), QStringLiteral("has a value Stagehand cannot read"));
                } else if (it.key() == QLatin1String("driver_opts")) {
                    if (auto options = stringMap(it.value()))
                        endpoint.insert(QStringLiteral("DriverOpts"), *options);
                    else
                        reportNetwork(it.key(), QStringLiteral("has a value Stagehand cannot read"));
                } else if (it.key() == QLatin1String("mac_address")) {
                    // API 1.41 takes one MAC address, the container's, which is its primary network's.
                    const QString mac = it.value().toString();
                    if (i > 0)
                        reportNetwork(it.key(), QStringLiteral("on a network other than the first needs Engine API 1.44 (Docker 25); Stagehand deploys with API %1").arg(QLatin1String(EngineApi)));
                    else if (macAddress && *macAddress != mac)
                        reportNetwork(it.key(), QStringLiteral("differs from the service's mac_address"));
                    else
                        macAddress = mac;
                } else if (it.key() == QLatin1String("interface_name")) {
                    reportNetwork(it.key(), QStringLiteral("needs Engine API 1.49 (Docker 28.2); Stagehand deploys with API %1").arg(QLatin1String(EngineApi)));
                } else if (it.key() == QLatin1String("gw_priority")) {
                    reportNetwork(it.key(), QStringLiteral("needs Engine API 1.48 (Docker 28.1); Stagehand deploys with API %1").arg(QLatin1String(EngineApi)));
                } else if (!it.key().startsWith(QLatin1String("x-"))) {
                    reportNetwork(it.key(), QStringLiteral("is not supported by Stagehand's deployer"));
                }
            }
            if (!ipam.isEmpty())
                endpoint.insert(QStringLiteral("IPAMConfig"), ipam);
            if (!links.isEmpty())
                endpoint.insert(QStringLiteral("Links"), links); // on user-defined networks, links live on the endpoint
            if (i == 0) {
                host.insert(QStringLiteral("NetworkMode"), engineName);
                blueprint.createBody.insert(QStringLiteral("NetworkingConfig"),
                                            QJsonObject{{QStringLiteral("EndpointsConfig"), QJsonObject{{engineName, endpoint}}}});
            } else {
                blueprint.extraNetworks.append(NetworkAttachment{engineName, endpoint});
            }
        }
    }
    if (macAddress)
        config.insert(QStringLiteral("MacAddress"), *macAddress);

    if (!binds.isEmpty())
        host.insert(QStringLiteral("Binds"), binds);
    if (!mounts.isEmpty())
        host.insert(QStringLiteral("Mounts"), mounts);

    // The create body: the container's configuration at the top level, with HostConfig and
    // NetworkingConfig beside it.
    for (auto it = config.begin(); it != config.end(); ++it)
        blueprint.createBody.insert(it.key(), it.value());
    blueprint.createBody.insert(QStringLiteral("HostConfig"), host);
    return blueprint;
}

} // namespace stagehand
