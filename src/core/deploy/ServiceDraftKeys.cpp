// ServiceDraft: the keys a service keeps as written (Service::other) that a single engine applies,
// each mapped to the field Compose v2 maps it to.

#include "deploy/ServiceDraft.h"

#include "deploy/DraftValues.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace stagehand {
namespace {

template <typename T>
std::optional<QJsonValue> json(const std::optional<T> &value)
{
    if (value)
        return QJsonValue(*value);
    return std::nullopt;
}

std::optional<QJsonValue> asText(const QJsonValue &v) { return json(DraftValues::text(v)); }
std::optional<QJsonValue> asInteger(const QJsonValue &v) { return json(DraftValues::integer(v)); }
std::optional<QJsonValue> asBool(const QJsonValue &v) { return json(DraftValues::boolean(v)); }
std::optional<QJsonValue> asBytes(const QJsonValue &v) { return json(DraftValues::bytes(v)); }
std::optional<QJsonValue> asMap(const QJsonValue &v) { return json(DraftValues::stringMap(v)); }
std::optional<QJsonValue> asMicroseconds(const QJsonValue &v) { return json(DraftValues::microseconds(v)); }

std::optional<QJsonValue> asList(const QJsonValue &v)
{
    if (auto list = DraftValues::stringList(v))
        return QJsonValue(DraftValues::toArray(*list));
    return std::nullopt;
}

std::optional<QJsonValue> asNanoCpus(const QJsonValue &v)
{
    if (auto cpus = DraftValues::decimal(v))
        return QJsonValue(qint64(std::llround(*cpus * 1e9)));
    return std::nullopt;
}

// A key whose value goes, converted, into one field of the container's configuration or of its
// HostConfig; a value the conversion cannot read is reported.
struct FieldKey {
    const char *key;
    bool hostConfig; // else the container's configuration
    const char *field;
    std::optional<QJsonValue> (*convert)(const QJsonValue &);
    // The deploy.resources value that, when set, wins over the key (which is then not read).
    bool (*superseded)(const Service &) = nullptr;
};

const FieldKey FieldKeys[] = {
    {"privileged", true, "Privileged", asBool},
    {"read_only", true, "ReadonlyRootfs", asBool},
    {"tty", false, "Tty", asBool},
    {"stdin_open", false, "OpenStdin", asBool},
    {"domainname", false, "Domainname", asText},
    {"shm_size", true, "ShmSize", asBytes},
    {"dns", true, "Dns", asList},
    {"dns_search", true, "DnsSearch", asList},
    {"dns_opt", true, "DnsOptions", asList},
    {"sysctls", true, "Sysctls", asMap},
    {"storage_opt", true, "StorageOpt", asMap},
    {"device_cgroup_rules", true, "DeviceCgroupRules", asList},
    {"cgroup", true, "CgroupnsMode", asText},
    {"cgroup_parent", true, "CgroupParent", asText},
    {"group_add", true, "GroupAdd", asList},
    {"oom_score_adj", true, "OomScoreAdj", asInteger},
    {"oom_kill_disable", true, "OomKillDisable", asBool},
    {"runtime", true, "Runtime", asText},
    {"userns_mode", true, "UsernsMode", asText},
    {"uts", true, "UTSMode", asText},
    {"mem_limit", true, "Memory", asBytes, [](const Service &s) { return s.limits.memoryBytes.has_value(); }},
    {"mem_reservation", true, "MemoryReservation", asBytes, [](const Service &s) { return s.reservations.memoryBytes.has_value(); }},
    {"memswap_limit", true, "MemorySwap", asBytes},
    {"mem_swappiness", true, "MemorySwappiness", asInteger},
    {"pids_limit", true, "PidsLimit", asInteger, [](const Service &s) { return s.limits.pids.has_value(); }},
    {"cpus", true, "NanoCpus", asNanoCpus, [](const Service &s) { return s.limits.cpus.has_value(); }},
    {"cpu_shares", true, "CpuShares", asInteger}, // written: over the one derived from a reservation
    {"cpu_quota", true, "CpuQuota", asMicroseconds},
    {"cpu_period", true, "CpuPeriod", asMicroseconds},
    {"cpu_rt_runtime", true, "CpuRealtimeRuntime", asMicroseconds},
    {"cpu_rt_period", true, "CpuRealtimePeriod", asMicroseconds},
    {"cpuset", true, "CpusetCpus", asText},
};

// "svc[:alias]" / "container:name[:mode]" -> the service's first container (or the named container).
QString serviceOf(const QString &reference)
{
    return reference.section(QLatin1Char(':'), 0, 0);
}

} // namespace

// ---- keys kept as written: the single-engine ones Compose maps to a field ------------------

void ServiceDraft::addKeptKeys()
{
    for (auto it = m_service.other.begin(); it != m_service.other.end(); ++it)
        addKeptKey(it.key(), it.value());
    // With deploy.resources.reservations.devices (addResources()).
    if (!m_deviceRequests.isEmpty())
        m_host.insert(QStringLiteral("DeviceRequests"), m_deviceRequests);
    if (!m_links.isEmpty())
        m_host.insert(QStringLiteral("Links"), m_links);
}

void ServiceDraft::addKeptKey(const QString &key, const QJsonValue &value)
{
    if (key.startsWith(QLatin1String("x-")))
        return; // extensions: for tools, ignored by Compose and the engine
    if (addKeptField(key, value))
        return;
    if (key == QLatin1String("scale")) {
        if (!DraftValues::integer(value))
            m_report.invalid(key, value);
    } else if (key == QLatin1String("attach")) {
        // whether `compose up` streams the service's logs: the deployer never attaches
    } else if (key == QLatin1String("pull_policy")) {
        checkPullPolicy(key, value);
    } else if (key == QLatin1String("mac_address")) {
        addMacAddress(key, value);
    } else if (key == QLatin1String("extra_hosts")) {
        addExtraHosts(key, value);
    } else if (key == QLatin1String("ulimits")) {
        addUlimits(key, value);
    } else if (key == QLatin1String("tmpfs")) {
        addTmpfs(key, value);
    } else if (key == QLatin1String("security_opt")) {
        addSecurityOptions(key, value);
    } else if (key == QLatin1String("devices")) {
        addDevices(key, value);
    } else if (key == QLatin1String("gpus")) {
        addGpus(key, value);
    } else if (key == QLatin1String("ipc") || key == QLatin1String("pid")) {
        addNamespaceMode(key, value);
    } else if (key == QLatin1String("isolation")) {
        addIsolation(key, value);
    } else if (key == QLatin1String("blkio_config")) {
        addBlkioConfig(key, value);
    } else if (key == QLatin1String("links")) {
        addLinks(key, value);
    } else if (key == QLatin1String("volumes_from")) {
        addVolumesFrom(key, value);
    } else if (key == QLatin1String("cpu_count") || key == QLatin1String("cpu_percent") || key == QLatin1String("credential_spec")) {
        m_report.windows(key);
    } else if (key == QLatin1String("annotations")) {
        m_report.api(key, "1.43", "24");
    } else if (key == QLatin1String("platform")) {
        m_report.unmapped(key, QStringLiteral("is not applied: Stagehand's deployer runs the image for the engine's own platform"));
    } else {
        // develop, post_start, pre_stop, use_api_socket, external_links, extends, label_file,
        // models, provider, pull_refresh_after, ... and anything newer.
        m_report.unmapped(key);
    }
}

// One of FieldKeys: sets its field, or reports the value as unreadable. False for other keys.
bool ServiceDraft::addKeptField(const QString &key, const QJsonValue &value)
{
    const auto entry = std::find_if(std::begin(FieldKeys), std::end(FieldKeys),
                                    [&](const FieldKey &k) { return key == QLatin1String(k.key); });
    if (entry == std::end(FieldKeys))
        return false;
    if (entry->superseded && entry->superseded(m_service))
        return true;
    if (auto converted = entry->convert(value))
        (entry->hostConfig ? m_host : m_config).insert(QString::fromLatin1(entry->field), *converted);
    else
        m_report.invalid(key, value);
    return true;
}

void ServiceDraft::checkPullPolicy(const QString &key, const QJsonValue &value) const
{
    const QString policy = value.toString();
    // The deployer pulls what the engine does not have (or builds it): that is "missing".
    if (policy != QLatin1String("missing") && policy != QLatin1String("if_not_present")
        && !(policy == QLatin1String("build") && m_service.build))
        m_report.unmapped(key, QStringLiteral("'%1' is not applied: Stagehand's deployer pulls an image only when the engine does not have it").arg(policy));
}

// The container's (API 1.41: one for all its networks); a network's mac_address may agree with it.
void ServiceDraft::addMacAddress(const QString &key, const QJsonValue &value)
{
    if (auto mac = DraftValues::text(value))
        m_macAddress = *mac;
    else
        m_report.invalid(key, value);
}

// "host:ip" as the engine takes it, from a list of host:ip / host=ip or a mapping.
void ServiceDraft::addExtraHosts(const QString &key, const QJsonValue &value)
{
    QJsonArray hosts;
    bool ok = true;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto h = object.begin(); h != object.end(); ++h) {
            const auto addresses = DraftValues::stringList(h.value());
            if (!addresses)
                ok = false;
            for (const QString &address : addresses.value_or(QStringList{}))
                hosts.append(QString(h.key() + QLatin1Char(':') + address));
        }
    } else if (auto list = DraftValues::stringList(value, false)) {
        for (const QString &entry : *list) {
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            hosts.append(eq >= 0 ? QString(entry.left(eq) + QLatin1Char(':') + entry.mid(eq + 1)) : entry);
        }
    } else {
        ok = false;
    }
    if (ok)
        m_host.insert(QStringLiteral("ExtraHosts"), hosts);
    else
        m_report.invalid(key, value);
}

void ServiceDraft::addUlimits(const QString &key, const QJsonValue &value)
{
    QJsonArray ulimits;
    bool ok = value.isObject();
    const QJsonObject object = value.toObject();
    for (auto u = object.begin(); u != object.end(); ++u) {
        std::optional<qint64> soft;
        std::optional<qint64> hard;
        if (u.value().isObject()) {
            soft = DraftValues::integer(u.value().toObject().value(QStringLiteral("soft")));
            hard = DraftValues::integer(u.value().toObject().value(QStringLiteral("hard")));
        } else {
            soft = hard = DraftValues::integer(u.value());
        }
        if (!soft || !hard) {
            ok = false;
            continue;
        }
        ulimits.append(QJsonObject{{QStringLiteral("Name"), u.key()}, {QStringLiteral("Soft"), *soft}, {QStringLiteral("Hard"), *hard}});
    }
    if (ok)
        m_host.insert(QStringLiteral("Ulimits"), ulimits);
    else
        m_report.invalid(key, value);
}

// "path[:options]" each.
void ServiceDraft::addTmpfs(const QString &key, const QJsonValue &value)
{
    auto list = DraftValues::stringList(value);
    if (!list) {
        m_report.invalid(key, value);
        return;
    }
    QJsonObject tmpfs;
    for (const QString &entry : *list) {
        const qsizetype colon = entry.indexOf(QLatin1Char(':'));
        tmpfs.insert(colon < 0 ? entry : entry.left(colon), colon < 0 ? QString() : entry.mid(colon + 1));
    }
    m_host.insert(QStringLiteral("Tmpfs"), tmpfs);
}

void ServiceDraft::addSecurityOptions(const QString &key, const QJsonValue &value)
{
    auto list = DraftValues::stringList(value, false);
    if (!list) {
        m_report.invalid(key, value);
        return;
    }
    QJsonArray options;
    for (const QString &option : *list) {
        if (option == QLatin1String("systempaths=unconfined")) {
            // What `docker run --security-opt systempaths=unconfined` does: nothing masked.
            m_host.insert(QStringLiteral("MaskedPaths"), QJsonArray{});
            m_host.insert(QStringLiteral("ReadonlyPaths"), QJsonArray{});
            continue;
        }
        const bool seccomp = option.startsWith(QLatin1String("seccomp=")) || option.startsWith(QLatin1String("seccomp:"));
        const QString profile = option.mid(8);
        if (seccomp && profile != QLatin1String("unconfined") && profile != QLatin1String("builtin")) {
            m_report.key(key, QStringLiteral("names the seccomp profile file '%1', which Stagehand does not read").arg(profile));
            continue;
        }
        options.append(option);
    }
    if (!options.isEmpty())
        m_host.insert(QStringLiteral("SecurityOpt"), options);
}

void ServiceDraft::addDevices(const QString &key, const QJsonValue &value)
{
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
            m_report.key(key, QStringLiteral("names the CDI device '%1', which needs Engine API 1.45 (Docker 26); Stagehand deploys with API %2").arg(source, QLatin1String(DraftReporter::EngineApi)));
            continue;
        }
        devices.append(QJsonObject{{QStringLiteral("PathOnHost"), source},
                                   {QStringLiteral("PathInContainer"), target},
                                   {QStringLiteral("CgroupPermissions"), permissions}});
    }
    if (ok)
        m_host.insert(QStringLiteral("Devices"), devices);
    else
        m_report.invalid(key, value);
}

void ServiceDraft::addGpus(const QString &key, const QJsonValue &value)
{
    if (value.toString() == QLatin1String("all")) {
        m_deviceRequests.append(QJsonObject{{QStringLiteral("Count"), qint64(-1)},
                                            {QStringLiteral("Capabilities"), QJsonArray{QJsonArray{QStringLiteral("gpu")}}}});
    } else if (value.isArray()) {
        for (const QJsonValue gpu : value.toArray()) {
            if (auto request = DraftValues::deviceRequest(gpu, true))
                m_deviceRequests.append(*request);
            else
                m_report.invalid(key, gpu);
        }
    } else {
        m_report.invalid(key, value);
    }
}

// ipc and pid.
void ServiceDraft::addNamespaceMode(const QString &key, const QJsonValue &value)
{
    const QString mode = value.toString();
    if (mode.startsWith(QLatin1String("service:"))) {
        m_report.unmapped(key, QStringLiteral("'%1' (sharing another service's namespace) is not supported by Stagehand's deployer; use container:<name>").arg(mode));
        return;
    }
    if (auto converted = DraftValues::text(value))
        m_host.insert(key == QLatin1String("ipc") ? QStringLiteral("IpcMode") : QStringLiteral("PidMode"), *converted);
    else
        m_report.invalid(key, value);
}

void ServiceDraft::addIsolation(const QString &key, const QJsonValue &value)
{
    if (value.toString() == QLatin1String("default"))
        m_host.insert(QStringLiteral("Isolation"), QStringLiteral("default"));
    else
        m_report.windows(key);
}

void ServiceDraft::addBlkioConfig(const QString &key, const QJsonValue &value)
{
    const QJsonObject blkio = value.toObject();
    bool ok = value.isObject();
    auto devices = [&](const QString &field, const QString &engineField, bool isRate, bool isBytes) {
        if (!blkio.contains(field))
            return;
        QJsonArray list;
        for (const QJsonValue item : blkio.value(field).toArray()) {
            const QJsonObject d = item.toObject();
            const QJsonValue amount = d.value(isRate ? QStringLiteral("rate") : QStringLiteral("weight"));
            const auto n = isBytes ? DraftValues::bytes(amount) : DraftValues::integer(amount);
            if (!n || !d.value(QStringLiteral("path")).isString()) {
                ok = false;
                continue;
            }
            list.append(QJsonObject{{QStringLiteral("Path"), d.value(QStringLiteral("path"))},
                                    {isRate ? QStringLiteral("Rate") : QStringLiteral("Weight"), *n}});
        }
        m_host.insert(engineField, list);
    };
    for (auto b = blkio.begin(); b != blkio.end(); ++b) {
        if (b.key() == QLatin1String("weight")) {
            if (auto w = DraftValues::integer(b.value()))
                m_host.insert(QStringLiteral("BlkioWeight"), *w);
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
            m_report.unmapped(key + QLatin1Char('.') + b.key());
        }
    }
    if (!ok)
        m_report.invalid(key, value);
}

// "service[:alias]": the service's first container, under the alias (or the service's name).
void ServiceDraft::addLinks(const QString &key, const QJsonValue &value)
{
    auto list = DraftValues::stringList(value, false);
    if (!list) {
        m_report.invalid(key, value);
        return;
    }
    for (const QString &link : *list) {
        const QString target = serviceOf(link);
        const QString alias = link.contains(QLatin1Char(':')) ? link.section(QLatin1Char(':'), 1) : target;
        if (!m_model.services.contains(target)) {
            m_report.key(key, QStringLiteral("names '%1', which is not a service of the environment").arg(target));
            continue;
        }
        m_links.append(QString(m_builder.nameOf(m_model.services[target], 1) + QLatin1Char(':') + alias));
    }
}

// "service[:ro|rw]" (the service's first container) or "container:name[:ro|rw]".
void ServiceDraft::addVolumesFrom(const QString &key, const QJsonValue &value)
{
    auto list = DraftValues::stringList(value, false);
    if (!list) {
        m_report.invalid(key, value);
        return;
    }
    QJsonArray from;
    for (const QString &entry : *list) {
        QStringList parts = entry.split(QLatin1Char(':'));
        QString container;
        if (parts.first() == QLatin1String("container") && parts.size() >= 2) {
            parts.removeFirst();
            container = parts.first();
        } else if (m_model.services.contains(parts.first())) {
            container = m_builder.nameOf(m_model.services[parts.first()], 1);
        } else {
            m_report.key(key, QStringLiteral("names '%1', which is not a service of the environment").arg(parts.first()));
            continue;
        }
        from.append(parts.size() > 1 ? QString(container + QLatin1Char(':') + parts.at(1)) : container);
    }
    m_host.insert(QStringLiteral("VolumesFrom"), from);
}

} // namespace stagehand
