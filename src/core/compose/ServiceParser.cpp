#include "compose/ServiceParser.h"

#include "compose/DotEnv.h"
#include "compose/PortSyntax.h"
#include "compose/VolumeSyntax.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace stagehand {
namespace {

bool isRemoteContext(const QString &context)
{
    return context.contains(QLatin1String("://")) || context.startsWith(QLatin1String("git@"))
        || context.startsWith(QLatin1String("github.com/"));
}

const QSet<QString> &restartPolicies()
{
    static const QSet<QString> values{QStringLiteral("no"), QStringLiteral("always"), QStringLiteral("on-failure"),
                                      QStringLiteral("unless-stopped")};
    return values;
}

} // namespace

ServiceParser::ServiceParser(ParseContext &context, QString workingDir, Interpolator::Lookup lookup)
    : m_ctx(context)
    , m_workingDir(std::move(workingDir))
    , m_lookup(std::move(lookup))
{
}

QString ServiceParser::absolutePath(const QString &workingDir, const QString &path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::cleanPath(QDir::homePath() + path.mid(1));
    if (QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    return QDir::cleanPath(QDir(workingDir).absoluteFilePath(path));
}

Service ServiceParser::parse(const QString &name, const YamlNode::Entry &definition)
{
    Service service;
    service.name = name;
    service.location = definition.keyLocation;
    m_service = name;
    m_fromEnvFiles.clear();
    static const QRegularExpression namePattern(QStringLiteral("^[a-zA-Z0-9._-]+$"));
    if (!namePattern.match(name).hasMatch())
        m_ctx.error(definition.keyLocation, QStringLiteral("'%1' is not a valid service name: use letters, digits, '.', '_' and '-'").arg(name));
    if (definition.value.isNull()) {
        m_ctx.error(definition.value.location(), QStringLiteral("service '%1' is empty: it needs an image or a build section").arg(name));
        return service;
    }
    const bool isServiceSetting = ComposeSchema::keys(ComposeSchema::Section::Service).contains(name);
    if (isServiceSetting && !definition.value.isMapping()) {
        // A service setting written at the level of services is read as a service of that name.
        m_ctx.error(definition.keyLocation, QStringLiteral("'%1' is a service setting, but it sits beside the services, so it "
                                                           "is read as a service (which must be a mapping, found %2): is it "
                                                           "indented too little?").arg(name, ParseContext::describe(definition.value)));
        return service;
    }
    if (!m_ctx.expectMapping(definition.value, QStringLiteral("service '%1'").arg(name)))
        return service;
    m_ctx.checkKeys(definition.value, ComposeSchema::Section::Service, QStringLiteral("service '%1'").arg(name));

    for (const YamlNode::Entry &entry : definition.value.entries()) {
        service.keyLocations.insert(entry.key, entry.keyLocation);
        parseKey(service, entry.key, entry.value);
    }
    // env_file values first, `environment` on top of them.
    for (auto it = m_fromEnvFiles.cbegin(); it != m_fromEnvFiles.cend(); ++it) {
        if (!service.environment.contains(it.key()))
            service.environment.insert(it.key(), it.value());
    }
    if (service.image.isEmpty() && !service.build) {
        QString message = QStringLiteral("service '%1' has neither an image nor a build section: give it 'image:' "
                                         "(e.g. image: nginx:1.25) or 'build:' (e.g. build: ./web)").arg(name);
        if (isServiceSetting)
            message += QStringLiteral("; '%1' is a service setting, but it sits beside the services: is it indented "
                                      "too little?").arg(name);
        m_ctx.error(definition.keyLocation, message);
    }
    return service;
}

void ServiceParser::parseKey(Service &service, const QString &key, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.%2").arg(m_service, key);
    if (key.startsWith(QLatin1String("x-"))) {
        service.other.insert(key, ParseContext::toJson(value));
    } else if (key == QLatin1String("image")) {
        if (auto v = m_ctx.string(value, what))
            service.image = *v;
    } else if (key == QLatin1String("build")) {
        parseBuild(service, value);
    } else if (key == QLatin1String("command")) {
        service.command = m_ctx.command(value, what);
    } else if (key == QLatin1String("entrypoint")) {
        service.entrypoint = m_ctx.command(value, what);
    } else if (key == QLatin1String("environment")) {
        if (auto env = m_ctx.listOrDict(value, what)) {
            for (auto it = env->cbegin(); it != env->cend(); ++it) {
                // A name without a value is taken from the environment Compose runs in, as Compose does.
                service.environment.insert(it.key(), it.value() ? it.value() : (m_lookup ? m_lookup(it.key()) : std::nullopt));
            }
        }
    } else if (key == QLatin1String("env_file")) {
        parseEnvFiles(service, value);
    } else if (key == QLatin1String("ports")) {
        parsePorts(service, value);
    } else if (key == QLatin1String("expose")) {
        if (value.isSequence()) {
            for (const YamlNode &item : value.items()) {
                if (auto v = m_ctx.string(item, what))
                    service.expose.append(*v);
            }
        } else {
            m_ctx.error(value.location(), QStringLiteral("%1 must be a list of ports, found %2").arg(what, ParseContext::describe(value)));
        }
    } else if (key == QLatin1String("volumes")) {
        parseVolumes(service, value);
    } else if (key == QLatin1String("networks")) {
        parseNetworks(service, value);
    } else if (key == QLatin1String("network_mode")) {
        if (auto v = m_ctx.string(value, what))
            service.networkMode = *v;
    } else if (key == QLatin1String("depends_on")) {
        parseDependsOn(service, value);
    } else if (key == QLatin1String("healthcheck")) {
        parseHealthcheck(service, value);
    } else if (key == QLatin1String("deploy")) {
        parseDeploy(service, value);
    } else if (key == QLatin1String("logging")) {
        parseLogging(service, value);
    } else if (key == QLatin1String("restart")) {
        if (auto v = m_ctx.string(value, what)) {
            const QString policy = v->section(QLatin1Char(':'), 0, 0);
            if (!restartPolicies().contains(policy))
                m_ctx.error(value.location(), QStringLiteral("%1: unknown restart policy '%2' (expected no, always, on-failure[:N] or unless-stopped)").arg(what, *v));
            service.restart = *v;
        }
    } else if (key == QLatin1String("labels")) {
        service.labels = m_ctx.stringMap(value, what);
    } else if (key == QLatin1String("profiles")) {
        if (auto v = m_ctx.stringList(value, what))
            service.profiles = *v;
    } else if (key == QLatin1String("container_name")) {
        if (auto v = m_ctx.string(value, what)) {
            static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$"));
            if (!pattern.match(*v).hasMatch())
                m_ctx.error(value.location(), QStringLiteral("%1: '%2' is not a valid container name").arg(what, *v));
            service.containerName = *v;
        }
    } else if (key == QLatin1String("hostname")) {
        if (auto v = m_ctx.string(value, what))
            service.hostname = *v;
    } else if (key == QLatin1String("user")) {
        if (auto v = m_ctx.string(value, what))
            service.user = *v;
    } else if (key == QLatin1String("working_dir")) {
        if (auto v = m_ctx.string(value, what))
            service.workingDir = *v;
    } else if (key == QLatin1String("init")) {
        service.init = m_ctx.boolean(value, what);
    } else if (key == QLatin1String("stop_grace_period")) {
        service.stopGracePeriod = m_ctx.duration(value, what);
    } else if (key == QLatin1String("stop_signal")) {
        if (auto v = m_ctx.string(value, what))
            service.stopSignal = *v;
    } else if (key == QLatin1String("cap_add")) {
        if (auto v = m_ctx.stringList(value, what))
            service.capAdd = *v;
    } else if (key == QLatin1String("cap_drop")) {
        if (auto v = m_ctx.stringList(value, what))
            service.capDrop = *v;
    } else if (key == QLatin1String("secrets")) {
        service.secrets = parseFileReferences(value, what);
    } else if (key == QLatin1String("configs")) {
        service.configs = parseFileReferences(value, what);
    } else {
        // In the specification but not modelled: carried through exactly as written.
        service.other.insert(key, ParseContext::toJson(value));
    }
}

void ServiceParser::parseBuild(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.build").arg(m_service);
    BuildSpec build;
    if (value.isScalar()) {
        build.context = value.text();
    } else if (m_ctx.expectMapping(value, what)) {
        m_ctx.checkKeys(value, ComposeSchema::Section::Build, QStringLiteral("service '%1'").arg(m_service));
        for (const YamlNode::Entry &entry : value.entries()) {
            const QString field = what + QLatin1Char('.') + entry.key;
            if (entry.key == QLatin1String("context")) {
                build.context = m_ctx.string(entry.value, field).value_or(QString());
            } else if (entry.key == QLatin1String("dockerfile")) {
                build.dockerfile = m_ctx.string(entry.value, field).value_or(QString());
            } else if (entry.key == QLatin1String("dockerfile_inline")) {
                build.dockerfileInline = m_ctx.string(entry.value, field).value_or(QString());
            } else if (entry.key == QLatin1String("target")) {
                build.target = m_ctx.string(entry.value, field).value_or(QString());
            } else if (entry.key == QLatin1String("args")) {
                build.args = m_ctx.listOrDict(entry.value, field).value_or(QMap<QString, std::optional<QString>>{});
            } else if (entry.key == QLatin1String("labels")) {
                build.labels = m_ctx.stringMap(entry.value, field);
            } else {
                build.other.insert(entry.key, ParseContext::toJson(entry.value));
            }
        }
    } else {
        return;
    }
    if (build.context.isEmpty())
        build.context = QStringLiteral(".");
    if (!isRemoteContext(build.context))
        build.context = absolutePath(m_workingDir, build.context);
    if (build.dockerfile.isEmpty() && build.dockerfileInline.isEmpty())
        build.dockerfile = QStringLiteral("Dockerfile");
    service.build = build;
}

void ServiceParser::parseEnvFiles(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.env_file").arg(m_service);
    struct Item {
        QString path;
        bool required = true;
        SourceLocation where;
    };
    QList<Item> items;
    auto addItem = [&](const YamlNode &node) {
        if (node.isScalar()) {
            items.append({node.text(), true, node.location()});
        } else if (node.isMapping()) {
            Item item{{}, true, node.location()};
            for (const YamlNode::Entry &entry : node.entries()) {
                if (entry.key == QLatin1String("path"))
                    item.path = m_ctx.string(entry.value, what + QStringLiteral(".path")).value_or(QString());
                else if (entry.key == QLatin1String("required"))
                    item.required = m_ctx.boolean(entry.value, what + QStringLiteral(".required")).value_or(true);
                else if (entry.key != QLatin1String("format"))
                    m_ctx.error(entry.keyLocation, QStringLiteral("%1: unknown key '%2' (expected path, required or format)").arg(what, entry.key));
            }
            if (item.path.isEmpty())
                m_ctx.error(node.location(), QStringLiteral("%1: an entry needs a path").arg(what));
            else
                items.append(item);
        } else {
            m_ctx.error(node.location(), QStringLiteral("%1 must be a path or a list of paths, found %2").arg(what, node.kindName()));
        }
    };
    if (value.isSequence()) {
        for (const YamlNode &item : value.items())
            addItem(item);
    } else {
        addItem(value);
    }
    for (const Item &item : items) {
        const QString path = absolutePath(m_workingDir, item.path);
        if (!QFileInfo::exists(path)) {
            if (item.required)
                m_ctx.error(item.where, QStringLiteral("%1: the env file '%2' does not exist (looked for %3)").arg(what, item.path, path));
            continue;
        }
        service.envFiles.append(path);
        DotEnvResult env = DotEnv::load(path, m_lookup);
        for (Diagnostic &d : env.diagnostics) {
            // A problem with the file as a whole (a folder, unreadable, not UTF-8) is reported where it is named.
            if (d.location.line <= 0) {
                d.location = item.where;
                d.message = QStringLiteral("%1: %2").arg(what, d.message);
            }
        }
        m_ctx.diagnostics().append(env.diagnostics);
        for (const DotEnvEntry &entry : env.entries)
            m_fromEnvFiles.insert(entry.key, entry.value);
    }
}

void ServiceParser::parsePorts(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.ports").arg(m_service);
    if (!value.isSequence()) {
        m_ctx.error(value.location(), QStringLiteral("%1 must be a list, found %2").arg(what, ParseContext::describe(value)));
        return;
    }
    for (const YamlNode &item : value.items()) {
        if (item.isScalar()) {
            QString why;
            auto ports = PortSyntax::parse(item.text(), &why);
            if (!ports) {
                m_ctx.error(item.location(), QStringLiteral("%1: '%2' is not a valid port mapping: %3").arg(what, item.text(), why));
                continue;
            }
            for (PortMapping &port : *ports) {
                port.location = item.location();
                service.ports.append(port);
            }
            continue;
        }
        if (!m_ctx.expectMapping(item, what + QStringLiteral(" entry")))
            continue;
        m_ctx.checkKeys(item, ComposeSchema::Section::PortLong, QStringLiteral("service '%1'").arg(m_service));
        PortMapping port;
        port.location = item.location();
        port.mode = QStringLiteral("ingress");
        for (const YamlNode::Entry &entry : item.entries()) {
            const QString field = what + QLatin1Char('.') + entry.key;
            if (entry.key == QLatin1String("target")) {
                port.target = int(m_ctx.integer(entry.value, field, 1, 65535).value_or(0));
            } else if (entry.key == QLatin1String("published")) {
                QString why;
                auto parsed = entry.value.isScalar() ? PortSyntax::parse(entry.value.text() + QStringLiteral(":1"), &why) : std::nullopt;
                if (!parsed || parsed->isEmpty()) {
                    m_ctx.error(entry.value.location(), QStringLiteral("%1 must be a port or a range of ports%2")
                                                            .arg(field, why.isEmpty() ? QString() : QStringLiteral(": ") + why));
                } else {
                    port.published = parsed->first().published;
                    port.publishedEnd = parsed->first().publishedEnd;
                }
            } else if (entry.key == QLatin1String("host_ip")) {
                port.hostIp = m_ctx.string(entry.value, field).value_or(QString());
            } else if (entry.key == QLatin1String("protocol")) {
                port.protocol = m_ctx.string(entry.value, field).value_or(QStringLiteral("tcp")).toLower();
            } else if (entry.key == QLatin1String("mode")) {
                port.mode = m_ctx.string(entry.value, field).value_or(QString());
            } else if (entry.key == QLatin1String("name")) {
                port.name = m_ctx.string(entry.value, field).value_or(QString());
            } else if (entry.key == QLatin1String("app_protocol")) {
                port.appProtocol = m_ctx.string(entry.value, field).value_or(QString());
            }
        }
        if (port.target == 0 && !item.contains(u"target"))
            m_ctx.error(item.location(), QStringLiteral("%1: a port in the long syntax needs a target").arg(what));
        service.ports.append(port);
    }
}

void ServiceParser::parseVolumes(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.volumes").arg(m_service);
    if (!value.isSequence()) {
        m_ctx.error(value.location(), QStringLiteral("%1 must be a list, found %2").arg(what, ParseContext::describe(value)));
        return;
    }
    static const QSet<QString> types{QStringLiteral("volume"), QStringLiteral("bind"), QStringLiteral("tmpfs"),
                                     QStringLiteral("npipe"), QStringLiteral("cluster"), QStringLiteral("image")};
    for (const YamlNode &item : value.items()) {
        VolumeMount mount;
        if (item.isScalar()) {
            QString why;
            auto parsed = VolumeSyntax::parse(item.text(), &why);
            if (!parsed) {
                m_ctx.error(item.location(), QStringLiteral("%1: %2").arg(what, why));
                continue;
            }
            mount = *parsed;
        } else if (m_ctx.expectMapping(item, what + QStringLiteral(" entry"))) {
            m_ctx.checkKeys(item, ComposeSchema::Section::VolumeLong, QStringLiteral("service '%1'").arg(m_service));
            mount.type.clear();
            for (const YamlNode::Entry &entry : item.entries()) {
                const QString field = what + QLatin1Char('.') + entry.key;
                if (entry.key == QLatin1String("type"))
                    mount.type = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("source"))
                    mount.source = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("target"))
                    mount.target = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("read_only"))
                    mount.readOnly = m_ctx.boolean(entry.value, field).value_or(false);
                else if (entry.key == QLatin1String("consistency"))
                    mount.consistency = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("bind") && m_ctx.expectMapping(entry.value, field)) {
                    mount.bindOptions = ParseContext::toJson(entry.value).toObject();
                    if (mount.bindOptions.contains(QStringLiteral("create_host_path"))) {
                        mount.createHostPath = mount.bindOptions.value(QStringLiteral("create_host_path")).toBool();
                        mount.bindOptions.remove(QStringLiteral("create_host_path"));
                    }
                } else if (entry.key == QLatin1String("volume") && m_ctx.expectMapping(entry.value, field))
                    mount.volumeOptions = ParseContext::toJson(entry.value).toObject();
                else if (entry.key == QLatin1String("tmpfs") && m_ctx.expectMapping(entry.value, field))
                    mount.tmpfsOptions = ParseContext::toJson(entry.value).toObject();
            }
            if (!types.contains(mount.type)) {
                m_ctx.error(item.location(), mount.type.isEmpty()
                    ? QStringLiteral("%1: a volume in the long syntax needs a type (volume, bind, tmpfs, ...)").arg(what)
                    : QStringLiteral("%1: unknown volume type '%2'").arg(what, mount.type));
                continue;
            }
            if (mount.target.isEmpty()) {
                m_ctx.error(item.location(), QStringLiteral("%1: a volume in the long syntax needs a target").arg(what));
                continue;
            }
        } else {
            continue;
        }
        mount.location = item.location();
        if (mount.type == QLatin1String("bind") && !mount.source.isEmpty())
            mount.source = absolutePath(m_workingDir, mount.source);
        service.volumes.append(mount);
    }
}

void ServiceParser::parseNetworks(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.networks").arg(m_service);
    if (value.isSequence()) {
        for (const YamlNode &item : value.items()) {
            if (auto name = m_ctx.string(item, what)) {
                ServiceNetwork network;
                network.location = item.location();
                service.networks.insert(*name, network);
            }
        }
        return;
    }
    if (!m_ctx.expectMapping(value, what))
        return;
    for (const YamlNode::Entry &entry : value.entries()) {
        ServiceNetwork network;
        network.location = entry.keyLocation;
        if (!entry.value.isNull() && m_ctx.expectMapping(entry.value, what + QLatin1Char('.') + entry.key)) {
            m_ctx.checkKeys(entry.value, ComposeSchema::Section::ServiceNetwork, QStringLiteral("service '%1'").arg(m_service));
            for (const YamlNode::Entry &field : entry.value.entries()) {
                const QString name = what + QLatin1Char('.') + entry.key + QLatin1Char('.') + field.key;
                if (field.key == QLatin1String("aliases"))
                    network.aliases = m_ctx.stringList(field.value, name).value_or(QStringList{});
                else if (field.key == QLatin1String("ipv4_address"))
                    network.ipv4Address = m_ctx.string(field.value, name).value_or(QString());
                else if (field.key == QLatin1String("ipv6_address"))
                    network.ipv6Address = m_ctx.string(field.value, name).value_or(QString());
                else if (field.key == QLatin1String("priority"))
                    network.priority = int(m_ctx.integer(field.value, name, -1000000, 1000000).value_or(0));
                else
                    network.other.insert(field.key, ParseContext::toJson(field.value));
            }
        }
        service.networks.insert(entry.key, network);
    }
}

void ServiceParser::parseDependsOn(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.depends_on").arg(m_service);
    if (value.isSequence()) {
        for (const YamlNode &item : value.items()) {
            if (auto name = m_ctx.string(item, what))
                service.dependsOn.append({*name, ServiceDependency::Condition::Started, true, false, item.location()});
        }
        return;
    }
    if (!m_ctx.expectMapping(value, what))
        return;
    for (const YamlNode::Entry &entry : value.entries()) {
        ServiceDependency dependency{entry.key, ServiceDependency::Condition::Started, true, false, entry.keyLocation};
        const QString field = what + QLatin1Char('.') + entry.key;
        if (!m_ctx.expectMapping(entry.value, field))
            continue;
        m_ctx.checkKeys(entry.value, ComposeSchema::Section::DependsOnEntry, QStringLiteral("service '%1'").arg(m_service));
        const YamlNode *condition = entry.value.find(u"condition");
        if (!condition) {
            m_ctx.error(entry.value.location(), QStringLiteral("%1 needs a condition (service_started, service_healthy or service_completed_successfully)").arg(field));
        } else if (auto text = m_ctx.string(*condition, field + QStringLiteral(".condition"))) {
            if (*text == QLatin1String("service_started"))
                dependency.condition = ServiceDependency::Condition::Started;
            else if (*text == QLatin1String("service_healthy"))
                dependency.condition = ServiceDependency::Condition::Healthy;
            else if (*text == QLatin1String("service_completed_successfully"))
                dependency.condition = ServiceDependency::Condition::CompletedSuccessfully;
            else
                m_ctx.error(condition->location(), QStringLiteral("%1.condition: unknown condition '%2' (expected service_started, service_healthy or service_completed_successfully)").arg(field, *text));
        }
        if (const YamlNode *required = entry.value.find(u"required"))
            dependency.required = m_ctx.boolean(*required, field + QStringLiteral(".required")).value_or(true);
        if (const YamlNode *restart = entry.value.find(u"restart"))
            dependency.restart = m_ctx.boolean(*restart, field + QStringLiteral(".restart")).value_or(false);
        service.dependsOn.append(dependency);
    }
}

void ServiceParser::parseHealthcheck(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.healthcheck").arg(m_service);
    if (!m_ctx.expectMapping(value, what))
        return;
    m_ctx.checkKeys(value, ComposeSchema::Section::Healthcheck, QStringLiteral("service '%1'").arg(m_service));
    Healthcheck check;
    check.location = value.location();
    for (const YamlNode::Entry &entry : value.entries()) {
        const QString field = what + QLatin1Char('.') + entry.key;
        if (entry.key == QLatin1String("test")) {
            if (entry.value.isScalar()) {
                check.test = {QStringLiteral("CMD-SHELL"), entry.value.text()};
            } else if (auto list = m_ctx.stringList(entry.value, field)) {
                static const QSet<QString> kinds{QStringLiteral("CMD"), QStringLiteral("CMD-SHELL"), QStringLiteral("NONE")};
                if (list->isEmpty() || !kinds.contains(list->first()))
                    m_ctx.error(entry.value.location(), QStringLiteral("%1: a list must start with CMD, CMD-SHELL or NONE").arg(field));
                check.test = *list;
            }
        } else if (entry.key == QLatin1String("interval")) {
            check.interval = m_ctx.duration(entry.value, field);
        } else if (entry.key == QLatin1String("timeout")) {
            check.timeout = m_ctx.duration(entry.value, field);
        } else if (entry.key == QLatin1String("start_period")) {
            check.startPeriod = m_ctx.duration(entry.value, field);
        } else if (entry.key == QLatin1String("start_interval")) {
            check.startInterval = m_ctx.duration(entry.value, field);
        } else if (entry.key == QLatin1String("retries")) {
            if (auto n = m_ctx.integer(entry.value, field, 0, 1000000))
                check.retries = int(*n);
        } else if (entry.key == QLatin1String("disable")) {
            check.disable = m_ctx.boolean(entry.value, field).value_or(false);
        }
    }
    service.healthcheck = check;
}

void ServiceParser::parseDeploy(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.deploy").arg(m_service);
    if (!m_ctx.expectMapping(value, what))
        return;
    m_ctx.checkKeys(value, ComposeSchema::Section::Deploy, QStringLiteral("service '%1'").arg(m_service));
    for (const YamlNode::Entry &entry : value.entries()) {
        if (entry.key != QLatin1String("resources")) {
            if (entry.key == QLatin1String("replicas"))
                m_ctx.integer(entry.value, what + QStringLiteral(".replicas"), 0, 1000000);
            service.deployOther.insert(entry.key, ParseContext::toJson(entry.value));
            continue;
        }
        const QString field = what + QStringLiteral(".resources");
        if (!m_ctx.expectMapping(entry.value, field))
            continue;
        m_ctx.checkKeys(entry.value, ComposeSchema::Section::Resources, QStringLiteral("service '%1'").arg(m_service));
        for (const YamlNode::Entry &kind : entry.value.entries()) {
            if (kind.key == QLatin1String("limits"))
                parseResourceSpec(service.limits, service.resourcesOther, kind.value, field + QStringLiteral(".limits"));
            else if (kind.key == QLatin1String("reservations"))
                parseResourceSpec(service.reservations, service.resourcesOther, kind.value, field + QStringLiteral(".reservations"));
        }
    }
}

void ServiceParser::parseResourceSpec(ResourceSpec &spec, QJsonObject &other, const YamlNode &value, const QString &what)
{
    if (!m_ctx.expectMapping(value, what))
        return;
    m_ctx.checkKeys(value, ComposeSchema::Section::ResourceSpec, QStringLiteral("service '%1'").arg(m_service));
    const QString kind = what.section(QLatin1Char('.'), -1);
    for (const YamlNode::Entry &entry : value.entries()) {
        const QString field = what + QLatin1Char('.') + entry.key;
        if (entry.key == QLatin1String("cpus"))
            spec.cpus = m_ctx.cpus(entry.value, field);
        else if (entry.key == QLatin1String("memory"))
            spec.memoryBytes = m_ctx.bytes(entry.value, field);
        else if (entry.key == QLatin1String("pids"))
            spec.pids = m_ctx.integer(entry.value, field, -1, std::numeric_limits<qint64>::max());
        else {
            QJsonObject section = other.value(kind).toObject();
            section.insert(entry.key, ParseContext::toJson(entry.value));
            other.insert(kind, section);
        }
    }
}

void ServiceParser::parseLogging(Service &service, const YamlNode &value)
{
    const QString what = QStringLiteral("%1.logging").arg(m_service);
    if (!m_ctx.expectMapping(value, what))
        return;
    m_ctx.checkKeys(value, ComposeSchema::Section::Logging, QStringLiteral("service '%1'").arg(m_service));
    if (const YamlNode *driver = value.find(u"driver"))
        service.logging.driver = m_ctx.string(*driver, what + QStringLiteral(".driver")).value_or(QString());
    if (const YamlNode *options = value.find(u"options"); options && !options->isNull())
        service.logging.options = m_ctx.stringMap(*options, what + QStringLiteral(".options"));
}

QList<FileReference> ServiceParser::parseFileReferences(const YamlNode &value, const QString &what)
{
    QList<FileReference> result;
    if (!value.isSequence()) {
        m_ctx.error(value.location(), QStringLiteral("%1 must be a list, found %2").arg(what, ParseContext::describe(value)));
        return result;
    }
    for (const YamlNode &item : value.items()) {
        FileReference ref;
        ref.location = item.location();
        if (item.isScalar()) {
            ref.source = item.text();
        } else if (m_ctx.expectMapping(item, what + QStringLiteral(" entry"))) {
            m_ctx.checkKeys(item, ComposeSchema::Section::FileReference, QStringLiteral("service '%1'").arg(m_service));
            for (const YamlNode::Entry &entry : item.entries()) {
                const QString field = what + QLatin1Char('.') + entry.key;
                if (entry.key == QLatin1String("source"))
                    ref.source = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("target"))
                    ref.target = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("uid"))
                    ref.uid = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("gid"))
                    ref.gid = m_ctx.string(entry.value, field).value_or(QString());
                else if (entry.key == QLatin1String("mode")) {
                    // Modes are octal by convention ("0440"); YAML plain 0440 is octal too.
                    bool ok = false;
                    const QString text = entry.value.text();
                    const int mode = text.startsWith(QLatin1String("0o")) ? text.mid(2).toInt(&ok, 8)
                                   : text.startsWith(QLatin1Char('0')) ? text.toInt(&ok, 8) : text.toInt(&ok, 10);
                    if (!ok || !entry.value.isScalar())
                        m_ctx.error(entry.value.location(), QStringLiteral("%1 must be a file mode such as 0440").arg(field));
                    else
                        ref.mode = mode;
                }
            }
            if (ref.source.isEmpty())
                m_ctx.error(item.location(), QStringLiteral("%1: an entry needs a source").arg(what));
        } else {
            continue;
        }
        result.append(ref);
    }
    return result;
}

} // namespace stagehand
