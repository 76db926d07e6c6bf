#include "compose/ComposeSchema.h"

#include <QStringList>

#include <algorithm>
#include <vector>

namespace stagehand {
namespace {

QSet<QString> set(std::initializer_list<const char *> names)
{
    QSet<QString> result;
    for (const char *name : names)
        result.insert(QString::fromLatin1(name));
    return result;
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

const QSet<QString> &ComposeSchema::keys(Section section)
{
    static const QSet<QString> topLevel = set({"version", "name", "include", "services", "networks", "volumes", "secrets",
                                               "configs", "models"});
    static const QSet<QString> service = set({
        "develop", "deploy", "annotations", "attach", "build", "blkio_config", "cap_add", "cap_drop", "cgroup",
        "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_shares", "cpu_quota",
        "cpu_period", "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset", "credential_spec", "depends_on",
        "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
        "label_file", "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add",
        "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels", "links", "logging", "mac_address",
        "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode", "networks", "oom_kill_disable",
        "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged", "profiles",
        "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale", "security_opt", "shm_size",
        "secrets", "sysctls", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "tmpfs", "tty", "ulimits",
        "use_api_socket", "user", "uts", "userns_mode", "volumes", "volumes_from", "working_dir", "models", "provider"});
    static const QSet<QString> network = set({"name", "driver", "driver_opts", "ipam", "external", "internal",
                                              "enable_ipv4", "enable_ipv6", "attachable", "labels"});
    static const QSet<QString> volume = set({"name", "driver", "driver_opts", "external", "labels"});
    static const QSet<QString> secret = set({"name", "environment", "file", "external", "labels", "driver", "driver_opts",
                                             "template_driver"});
    static const QSet<QString> config = set({"name", "content", "environment", "file", "external", "labels",
                                             "template_driver"});
    static const QSet<QString> build = set({"context", "dockerfile", "dockerfile_inline", "entitlements", "args", "ssh",
                                            "labels", "cache_from", "cache_to", "no_cache", "additional_contexts",
                                            "network", "pull", "target", "shm_size", "extra_hosts", "isolation",
                                            "privileged", "secrets", "tags", "ulimits", "platforms"});
    static const QSet<QString> deploy = set({"mode", "endpoint_mode", "replicas", "labels", "rollback_config",
                                             "update_config", "resources", "restart_policy", "placement"});
    static const QSet<QString> resources = set({"limits", "reservations"});
    static const QSet<QString> resourceSpec = set({"cpus", "memory", "pids", "devices", "generic_resources"});
    static const QSet<QString> healthcheck = set({"disable", "interval", "retries", "test", "timeout", "start_period",
                                                  "start_interval"});
    static const QSet<QString> logging = set({"driver", "options"});
    static const QSet<QString> dependsOn = set({"condition", "required", "restart"});
    static const QSet<QString> portLong = set({"name", "mode", "host_ip", "target", "published", "protocol",
                                               "app_protocol"});
    static const QSet<QString> volumeLong = set({"type", "source", "target", "read_only", "consistency", "bind", "volume",
                                                 "tmpfs", "image"});
    static const QSet<QString> serviceNetwork = set({"aliases", "interface_name", "ipv4_address", "ipv6_address",
                                                     "link_local_ips", "mac_address", "driver_opts", "priority",
                                                     "gw_priority"});
    static const QSet<QString> fileReference = set({"source", "target", "uid", "gid", "mode"});
    static const QSet<QString> ipam = set({"driver", "config", "options"});
    static const QSet<QString> ipamPool = set({"subnet", "ip_range", "gateway", "aux_addresses"});

    switch (section) {
    case Section::TopLevel: return topLevel;
    case Section::Service: return service;
    case Section::Network: return network;
    case Section::Volume: return volume;
    case Section::Secret: return secret;
    case Section::Config: return config;
    case Section::Build: return build;
    case Section::Deploy: return deploy;
    case Section::Resources: return resources;
    case Section::ResourceSpec: return resourceSpec;
    case Section::Healthcheck: return healthcheck;
    case Section::Logging: return logging;
    case Section::DependsOnEntry: return dependsOn;
    case Section::PortLong: return portLong;
    case Section::VolumeLong: return volumeLong;
    case Section::ServiceNetwork: return serviceNetwork;
    case Section::FileReference: return fileReference;
    case Section::Ipam: return ipam;
    case Section::IpamPool: return ipamPool;
    }
    return topLevel;
}

QString ComposeSchema::sectionName(Section section)
{
    switch (section) {
    case Section::TopLevel: return QStringLiteral("the top level");
    case Section::Service: return QStringLiteral("a service");
    case Section::Network: return QStringLiteral("a network");
    case Section::Volume: return QStringLiteral("a volume");
    case Section::Secret: return QStringLiteral("a secret");
    case Section::Config: return QStringLiteral("a config");
    case Section::Build: return QStringLiteral("build");
    case Section::Deploy: return QStringLiteral("deploy");
    case Section::Resources: return QStringLiteral("deploy.resources");
    case Section::ResourceSpec: return QStringLiteral("resource limits or reservations");
    case Section::Healthcheck: return QStringLiteral("healthcheck");
    case Section::Logging: return QStringLiteral("logging");
    case Section::DependsOnEntry: return QStringLiteral("a depends_on entry");
    case Section::PortLong: return QStringLiteral("a port");
    case Section::VolumeLong: return QStringLiteral("a volume mount");
    case Section::ServiceNetwork: return QStringLiteral("a service's network");
    case Section::FileReference: return QStringLiteral("a secret or config reference");
    case Section::Ipam: return QStringLiteral("ipam");
    case Section::IpamPool: return QStringLiteral("an ipam config entry");
    }
    return {};
}

QString ComposeSchema::closest(Section section, const QString &unknown)
{
    return closestOf(keys(section).values(), unknown);
}

QString ComposeSchema::closestOf(const QStringList &candidates, const QString &unknown)
{
    QString best;
    int bestDistance = 3; // suggest only near misses
    for (const QString &key : candidates) {
        const int d = editDistance(unknown.toLower(), key);
        if (d < bestDistance || (d == bestDistance && !best.isEmpty() && key < best)) {
            bestDistance = d;
            best = key;
        }
    }
    return best;
}

} // namespace stagehand
