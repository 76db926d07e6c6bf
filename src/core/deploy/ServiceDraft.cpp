#include "deploy/ServiceDraft.h"

#include "deploy/DeployLabels.h"
#include "deploy/DraftValues.h"

#include <algorithm>
#include <cmath>

namespace stagehand {
namespace {

void setString(QJsonObject &object, const QString &field, const QString &value)
{
    if (!value.isEmpty())
        object.insert(field, value);
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

QJsonObject restartPolicy(const QString &name, qint64 attempts)
{
    QJsonObject policy{{QStringLiteral("Name"), name}};
    if (name == QLatin1String("on-failure") && attempts > 0) // the engine takes a count with on-failure only
        policy.insert(QStringLiteral("MaximumRetryCount"), attempts);
    return policy;
}

void appendUnique(QJsonArray &array, const QString &value)
{
    if (!array.contains(value))
        array.append(value);
}

} // namespace

ServiceDraft::ServiceDraft(const ContainerConfigBuilder &builder, const Service &service, const QString &imageReference,
                           int number, Diagnostics *problems)
    : m_builder(builder)
    , m_model(builder.m_model)
    , m_service(service)
    , m_imageReference(imageReference)
    , m_number(number)
    , m_report(service, problems)
{
}

ContainerBlueprint ServiceDraft::build()
{
    m_blueprint.service = m_service.name;
    m_blueprint.number = m_number;
    m_blueprint.name = m_builder.nameOf(m_service, m_number);

    addProcess();
    addHealthcheck();
    addLabels();
    addPorts();
    addVolumes();
    addFileObjects(m_service.secrets, m_model.secrets, true);
    addFileObjects(m_service.configs, m_model.configs, false);
    addRestartPolicy();
    addResources();
    addDeploy();
    addLoggingInitCapabilities();
    addKeptKeys();
    addNetworks();
    return assemble();
}

// ---- the container: image, process, environment ---------------------------------------------

void ServiceDraft::addProcess()
{
    m_config.insert(QStringLiteral("Image"), m_imageReference);
    setString(m_config, QStringLiteral("Hostname"), m_service.hostname);
    setString(m_config, QStringLiteral("User"), m_service.user);
    setString(m_config, QStringLiteral("WorkingDir"), m_service.workingDir);
    if (m_service.command)
        m_config.insert(QStringLiteral("Cmd"), DraftValues::toArray(*m_service.command));
    if (m_service.entrypoint)
        m_config.insert(QStringLiteral("Entrypoint"), DraftValues::toArray(*m_service.entrypoint));
    QJsonArray env;
    for (auto it = m_service.environment.cbegin(); it != m_service.environment.cend(); ++it) {
        if (it.value()) // named without a value and unset where Stagehand runs: not set, as Compose does
            env.append(QString(it.key() + QLatin1Char('=') + *it.value()));
    }
    if (!env.isEmpty())
        m_config.insert(QStringLiteral("Env"), env);
    setString(m_config, QStringLiteral("StopSignal"), m_service.stopSignal);
    if (m_service.stopGracePeriod) {
        // The engine counts whole seconds: a fraction is rounded up, so the process never gets less
        // time to stop than the file grants.
        const qint64 ns = m_service.stopGracePeriod->count();
        m_config.insert(QStringLiteral("StopTimeout"), qint64(ns <= 0 ? 0 : (ns + 999999999) / 1000000000));
    }
}

void ServiceDraft::addHealthcheck()
{
    if (!m_service.healthcheck)
        return;
    const Healthcheck &check = *m_service.healthcheck;
    QJsonObject health;
    if (check.disable)
        health.insert(QStringLiteral("Test"), QJsonArray{QStringLiteral("NONE")});
    else if (!check.test.isEmpty())
        health.insert(QStringLiteral("Test"), DraftValues::toArray(check.test));
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
        m_report.api(QStringLiteral("healthcheck.start_interval"), "1.44", "25");
    if (!health.isEmpty())
        m_config.insert(QStringLiteral("Healthcheck"), health);
}

// ---- labels, as Compose v2 puts them -------------------------------------------------------

void ServiceDraft::addLabels()
{
    const DeployIdentity &identity = m_builder.m_identity;
    QJsonObject labels;
    for (auto it = m_service.labels.cbegin(); it != m_service.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    labels.insert(DeployLabels::project(), identity.project);
    labels.insert(DeployLabels::service(), m_service.name);
    labels.insert(DeployLabels::oneoff(), DeployLabels::oneoffFalse());
    labels.insert(DeployLabels::containerNumber(), QString::number(m_number));
    labels.insert(DeployLabels::version(), identity.version);
    labels.insert(DeployLabels::workingDir(), identity.workingDir);
    labels.insert(DeployLabels::configFiles(), DeployLabels::configFilesValue(identity.configFiles));
    labels.insert(DeployLabels::dependsOn(), DeployLabels::dependsOnValue(m_service.dependsOn));
    labels.insert(DeployLabels::deployer(), DeployLabels::deployerName());
    m_config.insert(QStringLiteral("Labels"), labels);
}

// ---- ports ------------------------------------------------------------------------------------

void ServiceDraft::addPorts()
{
    QJsonObject exposed;
    QJsonObject bindings;
    for (const PortMapping &port : m_service.ports) {
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
    for (const QString &entry : m_service.expose) {
        if (auto keys = exposedPorts(entry)) {
            for (const QString &key : *keys)
                exposed.insert(key, QJsonObject{});
        } else {
            m_report.key(QStringLiteral("expose"), QStringLiteral("has an entry Stagehand cannot read: '%1'").arg(entry));
        }
    }
    if (!exposed.isEmpty())
        m_config.insert(QStringLiteral("ExposedPorts"), exposed);
    if (!bindings.isEmpty())
        m_host.insert(QStringLiteral("PortBindings"), bindings);
}

// ---- restart policy -----------------------------------------------------------------------

void ServiceDraft::addRestartPolicy()
{
    if (m_service.restart.isEmpty())
        return;
    const QString name = m_service.restart.section(QLatin1Char(':'), 0, 0);
    bool ok = true;
    const qint64 attempts = m_service.restart.contains(QLatin1Char(':')) ? m_service.restart.section(QLatin1Char(':'), 1).toLongLong(&ok) : 0;
    if (!ok)
        m_report.key(QStringLiteral("restart"), QStringLiteral("has a retry count that is not a number: '%1'").arg(m_service.restart));
    m_restart = restartPolicy(name, attempts);
}

// ---- resources: deploy.resources first, the legacy keys where it says nothing --------------

void ServiceDraft::addResources()
{
    if (m_service.limits.memoryBytes)
        m_host.insert(QStringLiteral("Memory"), *m_service.limits.memoryBytes);
    if (m_service.limits.cpus)
        m_host.insert(QStringLiteral("NanoCpus"), qint64(std::llround(*m_service.limits.cpus * 1e9)));
    if (m_service.limits.pids)
        m_host.insert(QStringLiteral("PidsLimit"), *m_service.limits.pids);
    if (m_service.reservations.memoryBytes)
        m_host.insert(QStringLiteral("MemoryReservation"), *m_service.reservations.memoryBytes);
    if (m_service.reservations.cpus && *m_service.reservations.cpus > 0) {
        // One engine has no CPU reservation (that is a swarm scheduling constraint); what honours a
        // reservation there is the cgroup CPU weight: under contention, CPU time is shared in
        // proportion to the shares, 1024 being one CPU's worth (the engine's default). The kernel's
        // minimum is 2.
        m_host.insert(QStringLiteral("CpuShares"), std::max<qint64>(2, std::llround(*m_service.reservations.cpus * 1024)));
    }
    if (m_service.reservations.pids)
        m_report.key(QStringLiteral("deploy.resources.reservations.pids"), QStringLiteral("has no meaning on an engine: a number of processes is a limit, not a reservation"));
    for (auto kind = m_service.resourcesOther.begin(); kind != m_service.resourcesOther.end(); ++kind) {
        const QJsonObject section = kind.value().toObject();
        for (auto it = section.begin(); it != section.end(); ++it) {
            const QString name = QStringLiteral("deploy.resources.%1.%2").arg(kind.key(), it.key());
            if (kind.key() == QLatin1String("reservations") && it.key() == QLatin1String("devices")) {
                bool ok = it.value().isArray();
                for (const QJsonValue device : it.value().toArray()) {
                    if (auto request = DraftValues::deviceRequest(device, false))
                        m_deviceRequests.append(*request);
                    else
                        ok = false;
                }
                if (!ok)
                    m_report.invalid(name, it.value());
            } else if (it.key() == QLatin1String("generic_resources")) {
                m_report.swarm(name);
            } else {
                m_report.unmapped(name);
            }
        }
    }
}

// ---- deploy: what one engine can do of it ---------------------------------------------------

void ServiceDraft::addDeploy()
{
    for (auto it = m_service.deployOther.begin(); it != m_service.deployOther.end(); ++it) {
        const QString name = QStringLiteral("deploy.") + it.key();
        if (it.key() == QLatin1String("replicas")) {
            if (!DraftValues::integer(it.value()))
                m_report.invalid(name, it.value());
        } else if (it.key() == QLatin1String("mode")) {
            if (it.value().toString() != QLatin1String("replicated"))
                m_report.key(name, QStringLiteral("'%1' is a swarm mode: a single engine runs replicated services only").arg(DraftValues::text(it.value()).value_or(QString())));
        } else if (it.key() == QLatin1String("restart_policy")) {
            applyDeployRestartPolicy(name, it.value());
        } else if (it.key() == QLatin1String("labels") || it.key() == QLatin1String("placement")
                   || it.key() == QLatin1String("update_config") || it.key() == QLatin1String("rollback_config")
                   || it.key() == QLatin1String("endpoint_mode")) {
            m_report.swarm(name);
        } else {
            m_report.unmapped(name);
        }
    }
    if (!m_restart.isEmpty())
        m_host.insert(QStringLiteral("RestartPolicy"), m_restart);
    const QJsonValue replicas = m_service.deployOther.value(QStringLiteral("replicas"));
    if (m_service.deployOther.contains(QStringLiteral("replicas")) && m_service.other.contains(QStringLiteral("scale"))
        && DraftValues::integer(replicas) != DraftValues::integer(m_service.other.value(QStringLiteral("scale")))) {
        m_report.key(QStringLiteral("scale"), QStringLiteral("and deploy.replicas give different numbers of containers"));
    }
    if (!m_service.containerName.isEmpty() && m_builder.replicas(m_service) > 1)
        m_report.key(QStringLiteral("container_name"), QStringLiteral("allows one container, but the service asks for %1").arg(m_builder.replicas(m_service)));
}

// deploy.restart_policy: over restart:, as in Compose.
void ServiceDraft::applyDeployRestartPolicy(const QString &name, const QJsonValue &value)
{
    const QJsonObject policy = value.toObject();
    if (!value.isObject())
        m_report.invalid(name, value);
    QString condition = QStringLiteral("any"); // the specification's default
    qint64 attempts = 0;
    for (auto p = policy.begin(); p != policy.end(); ++p) {
        if (p.key() == QLatin1String("condition")) {
            condition = p.value().toString();
        } else if (p.key() == QLatin1String("max_attempts")) {
            if (auto n = DraftValues::integer(p.value()))
                attempts = *n;
            else
                m_report.invalid(name + QStringLiteral(".max_attempts"), p.value());
        } else {
            // delay, window: the engine restarts at once, with its own back-off.
            m_report.key(name + QLatin1Char('.') + p.key(), QStringLiteral("is a swarm setting: the engine's restart policy has no %1").arg(p.key()));
        }
    }
    if (condition == QLatin1String("none"))
        m_restart = restartPolicy(QStringLiteral("no"), 0);
    else if (condition == QLatin1String("on-failure"))
        m_restart = restartPolicy(QStringLiteral("on-failure"), attempts);
    else if (condition == QLatin1String("any"))
        m_restart = restartPolicy(QStringLiteral("always"), 0);
    else
        m_report.key(name + QStringLiteral(".condition"), QStringLiteral("'%1' is not a restart condition (none, on-failure or any)").arg(condition));
}

// ---- logging, init, capabilities --------------------------------------------------------------

void ServiceDraft::addLoggingInitCapabilities()
{
    if (!m_service.logging.isEmpty()) {
        QJsonObject options;
        for (auto it = m_service.logging.options.cbegin(); it != m_service.logging.options.cend(); ++it)
            options.insert(it.key(), it.value());
        m_host.insert(QStringLiteral("LogConfig"), QJsonObject{{QStringLiteral("Type"), m_service.logging.driver}, {QStringLiteral("Config"), options}});
    }
    if (m_service.init)
        m_host.insert(QStringLiteral("Init"), *m_service.init);
    if (!m_service.capAdd.isEmpty())
        m_host.insert(QStringLiteral("CapAdd"), DraftValues::toArray(m_service.capAdd));
    if (!m_service.capDrop.isEmpty())
        m_host.insert(QStringLiteral("CapDrop"), DraftValues::toArray(m_service.capDrop));
}

// ---- networks -------------------------------------------------------------------------------

void ServiceDraft::addNetworks()
{
    if (!m_service.networkMode.isEmpty()) {
        if (m_service.networkMode.startsWith(QLatin1String("service:")))
            m_blueprint.networkModeService = m_service.networkMode.mid(8); // container:<id> once that container exists
        else
            m_host.insert(QStringLiteral("NetworkMode"), m_service.networkMode);
        return;
    }
    const QStringList order = ContainerConfigBuilder::networksByPriority(m_service);
    for (qsizetype i = 0; i < order.size(); ++i)
        addNetwork(i, order.at(i));
}

void ServiceDraft::addNetwork(qsizetype index, const QString &key)
{
    const ServiceNetwork attachment = m_service.networks.value(key);
    const QString engineName = m_model.networks.contains(key) ? m_model.networks.value(key).name : key;
    // The service's name first, so that the other services reach it by name, then its aliases.
    QJsonArray aliases{m_service.name};
    for (const QString &alias : attachment.aliases)
        appendUnique(aliases, alias);
    QJsonObject endpoint{{QStringLiteral("Aliases"), aliases}};
    QJsonObject ipam;
    setString(ipam, QStringLiteral("IPv4Address"), attachment.ipv4Address);
    setString(ipam, QStringLiteral("IPv6Address"), attachment.ipv6Address);
    applyEndpointOptions(index, key, attachment, endpoint, ipam);
    if (!ipam.isEmpty())
        endpoint.insert(QStringLiteral("IPAMConfig"), ipam);
    if (!m_links.isEmpty())
        endpoint.insert(QStringLiteral("Links"), m_links); // on user-defined networks, links live on the endpoint
    if (index == 0) {
        m_host.insert(QStringLiteral("NetworkMode"), engineName);
        m_blueprint.createBody.insert(QStringLiteral("NetworkingConfig"),
                                      QJsonObject{{QStringLiteral("EndpointsConfig"), QJsonObject{{engineName, endpoint}}}});
    } else {
        m_blueprint.extraNetworks.append(NetworkAttachment{engineName, endpoint});
    }
}

// The attachment's keys kept as written (link_local_ips, driver_opts, mac_address, ...).
void ServiceDraft::applyEndpointOptions(qsizetype index, const QString &key, const ServiceNetwork &attachment,
                                        QJsonObject &endpoint, QJsonObject &ipam)
{
    const QString what = QStringLiteral("networks.%1").arg(key);
    auto reportNetwork = [&](const QString &field, const QString &why) {
        m_report.at(attachment.location.isValid() ? attachment.location : m_service.locationOf(QStringLiteral("networks")),
                    what + QLatin1Char('.') + field, why);
    };
    for (auto it = attachment.other.begin(); it != attachment.other.end(); ++it) {
        if (it.key() == QLatin1String("link_local_ips")) {
            if (auto ips = DraftValues::stringList(it.value(), false))
                ipam.insert(QStringLiteral("LinkLocalIPs"), DraftValues::toArray(*ips));
            else
                reportNetwork(it.key(), QStringLiteral("has a value Stagehand cannot read"));
        } else if (it.key() == QLatin1String("driver_opts")) {
            if (auto options = DraftValues::stringMap(it.value()))
                endpoint.insert(QStringLiteral("DriverOpts"), *options);
            else
                reportNetwork(it.key(), QStringLiteral("has a value Stagehand cannot read"));
        } else if (it.key() == QLatin1String("mac_address")) {
            // API 1.41 takes one MAC address, the container's, which is its primary network's.
            const QString mac = it.value().toString();
            if (index > 0)
                reportNetwork(it.key(), QStringLiteral("on a network other than the first needs Engine API 1.44 (Docker 25); Stagehand deploys with API %1").arg(QLatin1String(DraftReporter::EngineApi)));
            else if (m_macAddress && *m_macAddress != mac)
                reportNetwork(it.key(), QStringLiteral("differs from the service's mac_address"));
            else
                m_macAddress = mac;
        } else if (it.key() == QLatin1String("interface_name")) {
            reportNetwork(it.key(), QStringLiteral("needs Engine API 1.49 (Docker 28.2); Stagehand deploys with API %1").arg(QLatin1String(DraftReporter::EngineApi)));
        } else if (it.key() == QLatin1String("gw_priority")) {
            reportNetwork(it.key(), QStringLiteral("needs Engine API 1.48 (Docker 28.1); Stagehand deploys with API %1").arg(QLatin1String(DraftReporter::EngineApi)));
        } else if (!it.key().startsWith(QLatin1String("x-"))) {
            reportNetwork(it.key(), QStringLiteral("is not supported by Stagehand's deployer"));
        }
    }
}

// The create body: the container's configuration at the top level, with HostConfig and
// NetworkingConfig beside it.
ContainerBlueprint ServiceDraft::assemble()
{
    if (m_macAddress)
        m_config.insert(QStringLiteral("MacAddress"), *m_macAddress);
    if (!m_binds.isEmpty())
        m_host.insert(QStringLiteral("Binds"), m_binds);
    if (!m_mounts.isEmpty())
        m_host.insert(QStringLiteral("Mounts"), m_mounts);
    for (auto it = m_config.begin(); it != m_config.end(); ++it)
        m_blueprint.createBody.insert(it.key(), it.value());
    m_blueprint.createBody.insert(QStringLiteral("HostConfig"), m_host);
    return m_blueprint;
}

} // namespace stagehand
