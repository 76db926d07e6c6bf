#include "compose/ComposeParser.h"

#include "compose/ServiceParser.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <functional>

namespace stagehand {

ComposeParser::ComposeParser(Diagnostics &diagnostics, QString workingDir, Interpolator::Lookup lookup)
    : m_diagnostics(diagnostics)
    , m_ctx(diagnostics)
    , m_workingDir(std::move(workingDir))
    , m_lookup(std::move(lookup))
{
}

ComposeModel ComposeParser::parse(const YamlNode &root, const QString &projectName, const QStringList &activeProfiles)
{
    ComposeModel model;
    model.name = projectName;
    model.workingDir = m_workingDir;
    if (!m_ctx.expectMapping(root, QStringLiteral("a Compose file")))
        return model;
    m_ctx.checkKeys(root, ComposeSchema::Section::TopLevel, QStringLiteral("Compose file"));

    if (const YamlNode *name = root.find(u"name"); name && model.name.isEmpty())
        model.name = m_ctx.string(*name, QStringLiteral("name")).value_or(QString());

    for (const YamlNode::Entry &entry : root.entries()) {
        if (ComposeSchema::isExtension(entry.key))
            model.extensions.insert(entry.key, ParseContext::toJson(entry.value));
        else if (entry.key == QLatin1String("include") || entry.key == QLatin1String("models"))
            model.other.insert(entry.key, ParseContext::toJson(entry.value));
    }
    if (const YamlNode *networks = root.find(u"networks"); networks && !networks->isNull())
        parseNetworks(model, *networks);
    if (const YamlNode *volumes = root.find(u"volumes"); volumes && !volumes->isNull())
        parseVolumes(model, *volumes);
    if (const YamlNode *secrets = root.find(u"secrets"); secrets && !secrets->isNull())
        parseFileObjects(model.secrets, *secrets, true, model.name);
    if (const YamlNode *configs = root.find(u"configs"); configs && !configs->isNull())
        parseFileObjects(model.configs, *configs, false, model.name);

    const YamlNode *services = root.find(u"services");
    if (services && !services->isNull() && m_ctx.expectMapping(*services, QStringLiteral("services"))) {
        ServiceParser parser(m_ctx, m_workingDir, m_lookup);
        for (const YamlNode::Entry &entry : services->entries()) {
            Service service = parser.parse(entry.key, entry);
            // "*" among the active profiles enables every service, as in compose-go's HasProfile.
            const bool active = service.profiles.isEmpty() || activeProfiles.contains(QStringLiteral("*"))
                || std::any_of(service.profiles.cbegin(), service.profiles.cend(),
                               [&](const QString &p) { return activeProfiles.contains(p); });
            if (active)
                model.services.insert(entry.key, std::move(service));
        }
    }
    if (!services && !root.contains(u"include"))
        m_ctx.error(root.location(), QStringLiteral("the Compose file defines no services"));

    // Every service without a network (and no network_mode) joins "default", as Compose does.
    // A service may also name "default" itself: Compose provides that network without a declaration.
    bool needsDefault = false;
    for (Service &service : model.services) {
        if (service.networks.isEmpty() && service.networkMode.isEmpty())
            service.networks.insert(QStringLiteral("default"), ServiceNetwork{});
        if (service.networks.contains(QStringLiteral("default")))
            needsDefault = true;
    }
    if (needsDefault && !model.networks.contains(QStringLiteral("default"))) {
        NetworkDefinition network;
        network.key = QStringLiteral("default");
        network.name = model.name + QStringLiteral("_default");
        model.networks.insert(network.key, network);
    }
    crossCheck(model);
    return model;
}

void ComposeParser::parseNetworks(ComposeModel &model, const YamlNode &value)
{
    if (!m_ctx.expectMapping(value, QStringLiteral("networks")))
        return;
    for (const YamlNode::Entry &entry : value.entries()) {
        NetworkDefinition network;
        network.key = entry.key;
        network.location = entry.keyLocation;
        const QString what = QStringLiteral("networks.%1").arg(entry.key);
        if (!entry.value.isNull() && m_ctx.expectMapping(entry.value, what)) {
            m_ctx.checkKeys(entry.value, ComposeSchema::Section::Network, QStringLiteral("network '%1'").arg(entry.key));
            for (const YamlNode::Entry &field : entry.value.entries()) {
                const QString name = what + QLatin1Char('.') + field.key;
                if (field.key == QLatin1String("name")) {
                    network.name = m_ctx.string(field.value, name).value_or(QString());
                } else if (field.key == QLatin1String("driver")) {
                    network.driver = m_ctx.string(field.value, name).value_or(QString());
                } else if (field.key == QLatin1String("driver_opts")) {
                    network.driverOpts = m_ctx.stringMap(field.value, name);
                } else if (field.key == QLatin1String("external")) {
                    network.external = m_ctx.boolean(field.value, name).value_or(false);
                } else if (field.key == QLatin1String("internal")) {
                    network.internal = m_ctx.boolean(field.value, name).value_or(false);
                } else if (field.key == QLatin1String("attachable")) {
                    network.attachable = m_ctx.boolean(field.value, name).value_or(false);
                } else if (field.key == QLatin1String("enable_ipv6")) {
                    network.enableIpv6 = m_ctx.boolean(field.value, name);
                } else if (field.key == QLatin1String("labels")) {
                    network.labels = m_ctx.stringMap(field.value, name);
                } else if (field.key == QLatin1String("ipam")) {
                    if (!m_ctx.expectMapping(field.value, name))
                        continue;
                    m_ctx.checkKeys(field.value, ComposeSchema::Section::Ipam, QStringLiteral("network '%1'").arg(entry.key));
                    if (const YamlNode *driver = field.value.find(u"driver"))
                        network.ipamDriver = m_ctx.string(*driver, name + QStringLiteral(".driver")).value_or(QString());
                    if (const YamlNode *options = field.value.find(u"options"))
                        network.ipamOptions = m_ctx.stringMap(*options, name + QStringLiteral(".options"));
                    const YamlNode *config = field.value.find(u"config");
                    if (!config || config->isNull())
                        continue;
                    if (!config->isSequence()) {
                        m_ctx.error(config->location(), QStringLiteral("%1.config must be a list, found %2").arg(name, config->kindName()));
                        continue;
                    }
                    for (const YamlNode &pool : config->items()) {
                        if (!m_ctx.expectMapping(pool, name + QStringLiteral(".config entry")))
                            continue;
                        m_ctx.checkKeys(pool, ComposeSchema::Section::IpamPool, QStringLiteral("network '%1'").arg(entry.key));
                        NetworkDefinition::IpamPool p;
                        for (const YamlNode::Entry &k : pool.entries()) {
                            const QString f = name + QStringLiteral(".config.") + k.key;
                            if (k.key == QLatin1String("subnet")) {
                                p.subnet = m_ctx.string(k.value, f).value_or(QString());
                                static const QRegularExpression cidr(QStringLiteral("^[0-9a-fA-F:.]+/[0-9]{1,3}$"));
                                if (!cidr.match(p.subnet).hasMatch())
                                    m_ctx.error(k.value.location(), QStringLiteral("%1: '%2' is not a subnet in CIDR form (e.g. 172.20.0.0/16)").arg(f, p.subnet));
                            } else if (k.key == QLatin1String("ip_range")) {
                                p.ipRange = m_ctx.string(k.value, f).value_or(QString());
                            } else if (k.key == QLatin1String("gateway")) {
                                p.gateway = m_ctx.string(k.value, f).value_or(QString());
                            } else if (k.key == QLatin1String("aux_addresses")) {
                                p.auxAddresses = m_ctx.stringMap(k.value, f);
                            }
                        }
                        network.ipamConfig.append(p);
                    }
                } else {
                    network.other.insert(field.key, ParseContext::toJson(field.value));
                }
            }
        }
        if (network.name.isEmpty())
            network.name = network.external ? entry.key : model.name + QLatin1Char('_') + entry.key;
        model.networks.insert(entry.key, network);
    }
}

void ComposeParser::parseVolumes(ComposeModel &model, const YamlNode &value)
{
    if (!m_ctx.expectMapping(value, QStringLiteral("volumes")))
        return;
    for (const YamlNode::Entry &entry : value.entries()) {
        VolumeDefinition volume;
        volume.key = entry.key;
        volume.location = entry.keyLocation;
        const QString what = QStringLiteral("volumes.%1").arg(entry.key);
        if (!entry.value.isNull() && m_ctx.expectMapping(entry.value, what)) {
            m_ctx.checkKeys(entry.value, ComposeSchema::Section::Volume, QStringLiteral("volume '%1'").arg(entry.key));
            for (const YamlNode::Entry &field : entry.value.entries()) {
                const QString name = what + QLatin1Char('.') + field.key;
                if (field.key == QLatin1String("name"))
                    volume.name = m_ctx.string(field.value, name).value_or(QString());
                else if (field.key == QLatin1String("driver"))
                    volume.driver = m_ctx.string(field.value, name).value_or(QString());
                else if (field.key == QLatin1String("driver_opts"))
                    volume.driverOpts = m_ctx.stringMap(field.value, name);
                else if (field.key == QLatin1String("external"))
                    volume.external = m_ctx.boolean(field.value, name).value_or(false);
                else if (field.key == QLatin1String("labels"))
                    volume.labels = m_ctx.stringMap(field.value, name);
                else
                    volume.other.insert(field.key, ParseContext::toJson(field.value));
            }
        }
        if (volume.name.isEmpty())
            volume.name = volume.external ? entry.key : model.name + QLatin1Char('_') + entry.key;
        model.volumes.insert(entry.key, volume);
    }
}

void ComposeParser::parseFileObjects(QMap<QString, FileObjectDefinition> &target, const YamlNode &value, bool isSecret,
                                     const QString &projectName)
{
    const QString kind = isSecret ? QStringLiteral("secret") : QStringLiteral("config");
    if (!m_ctx.expectMapping(value, kind + QLatin1Char('s')))
        return;
    for (const YamlNode::Entry &entry : value.entries()) {
        FileObjectDefinition object;
        object.key = entry.key;
        object.location = entry.keyLocation;
        const QString what = QStringLiteral("%1s.%2").arg(kind, entry.key);
        if (!m_ctx.expectMapping(entry.value, what))
            continue;
        m_ctx.checkKeys(entry.value, isSecret ? ComposeSchema::Section::Secret : ComposeSchema::Section::Config,
                        QStringLiteral("%1 '%2'").arg(kind, entry.key));
        for (const YamlNode::Entry &field : entry.value.entries()) {
            const QString name = what + QLatin1Char('.') + field.key;
            if (field.key == QLatin1String("name"))
                object.name = m_ctx.string(field.value, name).value_or(QString());
            else if (field.key == QLatin1String("file"))
                object.file = ServiceParser::absolutePath(m_workingDir, m_ctx.string(field.value, name).value_or(QString()));
            else if (field.key == QLatin1String("environment"))
                object.environment = m_ctx.string(field.value, name).value_or(QString());
            else if (field.key == QLatin1String("content"))
                object.content = m_ctx.string(field.value, name).value_or(QString());
            else if (field.key == QLatin1String("external"))
                object.external = m_ctx.boolean(field.value, name).value_or(false);
            else if (field.key == QLatin1String("labels"))
                object.labels = m_ctx.stringMap(field.value, name);
            else
                object.other.insert(field.key, ParseContext::toJson(field.value));
        }
        const int sources = int(!object.file.isEmpty()) + int(!object.environment.isEmpty()) + int(!object.content.isEmpty())
                          + int(object.external);
        if (sources != 1)
            m_ctx.error(entry.keyLocation, QStringLiteral("%1 '%2' needs exactly one of file, environment%3 or external")
                                               .arg(kind, entry.key, isSecret ? QString() : QStringLiteral(", content")));
        if (!object.file.isEmpty() && !QFileInfo::exists(object.file)) {
            const YamlNode *file = entry.value.find(u"file");
            m_ctx.error(file->location(), QStringLiteral("%1 '%2': the file '%3' does not exist (looked for %4)")
                                              .arg(kind, entry.key, file->text(), object.file));
        }
        if (object.name.isEmpty())
            object.name = object.external ? entry.key : projectName + QLatin1Char('_') + entry.key;
        target.insert(entry.key, object);
    }
}

QList<QStringList> ComposeParser::dependencyCycles(const ComposeModel &model)
{
    QList<QStringList> cycles;
    QHash<QString, int> state; // 0 unvisited, 1 on stack, 2 done
    QStringList stack;
    std::function<void(const QString &)> visit = [&](const QString &name) {
        state[name] = 1;
        stack.append(name);
        const Service &service = *model.services.constFind(name);
        for (const ServiceDependency &dep : service.dependsOn) {
            if (!model.services.contains(dep.service))
                continue;
            const int s = state.value(dep.service);
            if (s == 1) {
                QStringList cycle = stack.mid(stack.indexOf(dep.service));
                cycle.append(dep.service);
                cycles.append(cycle);
            } else if (s == 0) {
                visit(dep.service);
            }
        }
        stack.removeLast();
        state[name] = 2;
    };
    for (auto it = model.services.cbegin(); it != model.services.cend(); ++it) {
        if (state.value(it.key()) == 0)
            visit(it.key());
    }
    return cycles;
}

void ComposeParser::crossCheck(ComposeModel &model)
{
    for (const Service &service : std::as_const(model.services)) {
        for (const ServiceDependency &dep : service.dependsOn) {
            if (dep.service == service.name) {
                m_ctx.error(dep.location, QStringLiteral("service '%1' depends on itself").arg(service.name));
            } else if (!model.services.contains(dep.service) && dep.required) {
                const QStringList names = model.services.keys();
                const QString suggestion = ComposeSchema::closestOf(names, dep.service);
                const QString hint = suggestion.isEmpty() ? QStringLiteral("the services are: %1").arg(names.join(QStringLiteral(", ")))
                                                          : QStringLiteral("did you mean '%1'?").arg(suggestion);
                m_ctx.error(dep.location, QStringLiteral("service '%1' depends on '%2', which is not defined (%3)")
                                              .arg(service.name, dep.service, hint));
            }
        }
        for (auto it = service.networks.cbegin(); it != service.networks.cend(); ++it) {
            if (!model.networks.contains(it.key()))
                m_ctx.error(it->location.isValid() ? it->location : service.locationOf(QStringLiteral("networks")),
                            QStringLiteral("service '%1' uses network '%2', which is not declared under the top-level "
                                           "networks: add it there (e.g. networks: {%2: {}})").arg(service.name, it.key()));
        }
        for (const VolumeMount &mount : service.volumes) {
            if (mount.type == QLatin1String("volume") && !mount.source.isEmpty() && !model.volumes.contains(mount.source))
                m_ctx.error(mount.location, QStringLiteral("service '%1' mounts volume '%2', which is not declared under the "
                                                           "top-level volumes: add it there (e.g. volumes: {%2: {}}), or write "
                                                           "a path such as ./%2 for a bind mount").arg(service.name, mount.source));
        }
        for (const FileReference &ref : service.secrets) {
            if (!model.secrets.contains(ref.source))
                m_ctx.error(ref.location, QStringLiteral("service '%1' uses secret '%2', which is not declared under secrets").arg(service.name, ref.source));
        }
        for (const FileReference &ref : service.configs) {
            if (!model.configs.contains(ref.source))
                m_ctx.error(ref.location, QStringLiteral("service '%1' uses config '%2', which is not declared under configs").arg(service.name, ref.source));
        }
    }
    for (const QStringList &cycle : dependencyCycles(model)) {
        const Service &first = *model.services.constFind(cycle.first());
        SourceLocation where = first.locationOf(QStringLiteral("depends_on"));
        m_ctx.error(where, QStringLiteral("depends_on has a cycle: %1 (each would wait for the other to start "
                                          "first: remove one of these dependencies)").arg(cycle.join(QStringLiteral(" -> "))));
    }
}

} // namespace stagehand
