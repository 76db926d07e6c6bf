#include "deploy/PlanBuilder.h"

#include "analysis/AddressScope.h"
#include "deploy/DeployLabels.h"
#include "deploy/DriftDetector.h"
#include "docker/ComposeMatcher.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace stagehand {
namespace {

using Kind = PlanAction::Kind;
using Resource = PlanAction::Resource;

PlanAction action(Resource resource, Kind kind, QString service, QString name, QString reason)
{
    PlanAction a;
    a.resource = resource;
    a.kind = kind;
    a.service = std::move(service);
    a.name = std::move(name);
    a.reason = std::move(reason);
    return a;
}

QString shortId(const QString &id)
{
    const QString bare = id.startsWith(QLatin1String("sha256:")) ? id.mid(7) : id;
    return bare.left(12);
}

QString mebibytes(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
}

// "18001" or "8000-8010" -> [first, last]
std::pair<int, int> portRange(const QString &hostPort)
{
    const QStringList parts = hostPort.split(u'-');
    const int first = parts.value(0).toInt();
    const int last = parts.size() > 1 ? parts.value(1).toInt() : first;
    return {first, last};
}

} // namespace

void PlanBuilder::build(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot, const PlanOptions &options)
{
    planNetworks(plan, model, snapshot);
    planVolumes(plan, model, snapshot);
    planImages(plan, snapshot);
    planContainers(plan, model, snapshot, options);
    if (options.checkHostPorts)
        checkPorts(plan, model, snapshot);
    checkDisk(plan, snapshot, options);
}

void PlanBuilder::planNetworks(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot)
{
    QStringList used;
    for (const QString &name : plan.graph.order()) {
        const Service &service = model.services[name];
        for (auto it = service.networks.cbegin(); it != service.networks.cend(); ++it) {
            if (!used.contains(it.key()))
                used.append(it.key());
        }
    }
    for (const QString &key : std::as_const(used)) {
        if (!model.networks.contains(key))
            continue; // the loader reports undefined networks
        const NetworkDefinition &network = model.networks[key];
        const auto existing = snapshot.networks.constFind(network.name);
        if (network.external) {
            if (existing == snapshot.networks.cend())
                plan.problems.append(Diagnostic::error(network.location, QStringLiteral("external network '%1' does not exist on "
                                                                                        "the engine: create it first")
                                                                             .arg(network.name)));
            else
                plan.actions.append(action(Resource::Network, Kind::Keep, {}, network.name, QStringLiteral("external")));
            continue;
        }
        if (existing == snapshot.networks.cend()) {
            plan.actions.append(action(Resource::Network, Kind::Create, {}, network.name, QStringLiteral("not on the engine")));
            continue;
        }
        QStringList wanted;
        for (const NetworkDefinition::IpamPool &pool : network.ipamConfig) {
            if (!pool.subnet.isEmpty())
                wanted.append(pool.subnet);
        }
        QStringList actual = existing->subnets;
        std::sort(wanted.begin(), wanted.end());
        std::sort(actual.begin(), actual.end());
        if (!wanted.isEmpty() && wanted != actual) {
            plan.problems.append(Diagnostic::error(network.location,
                                                   QStringLiteral("network '%1' exists with subnet %2, the files say %3: take the "
                                                                  "environment down (its containers leave the network) and deploy again")
                                                       .arg(network.name, actual.join(QStringLiteral(", ")),
                                                            wanted.join(QStringLiteral(", ")))));
            continue;
        }
        if (!network.driver.isEmpty() && network.driver != existing->driver) {
            plan.problems.append(Diagnostic::error(network.location, QStringLiteral("network '%1' exists with driver %2, the files "
                                                                                    "say %3: take the environment down first")
                                                                         .arg(network.name, existing->driver, network.driver)));
            continue;
        }
        plan.actions.append(action(Resource::Network, Kind::Keep, {}, network.name, QStringLiteral("exists")));
    }
}

void PlanBuilder::planVolumes(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot)
{
    QStringList used;
    for (const QString &name : plan.graph.order()) {
        for (const VolumeMount &mount : model.services[name].volumes) {
            if (mount.type == QLatin1String("volume") && !mount.source.isEmpty() && model.volumes.contains(mount.source)
                && !used.contains(mount.source))
                used.append(mount.source);
        }
    }
    for (const QString &key : std::as_const(used)) {
        const VolumeDefinition &volume = model.volumes[key];
        const bool exists = snapshot.volumes.contains(volume.name);
        if (volume.external) {
            if (!exists)
                plan.problems.append(Diagnostic::error(volume.location, QStringLiteral("external volume '%1' does not exist on the "
                                                                                       "engine: create it first")
                                                                            .arg(volume.name)));
            else
                plan.actions.append(action(Resource::Volume, Kind::Keep, {}, volume.name, QStringLiteral("external")));
            continue;
        }
        plan.actions.append(exists ? action(Resource::Volume, Kind::Keep, {}, volume.name, QStringLiteral("exists"))
                                   : action(Resource::Volume, Kind::Create, {}, volume.name, QStringLiteral("not on the engine")));
    }
}

void PlanBuilder::planImages(DeployPlan &plan, const EngineSnapshot &snapshot)
{
    QSet<QString> done;
    for (const QString &service : plan.graph.order()) {
        auto it = plan.images.find(service);
        if (it == plan.images.end())
            continue;
        PlannedImage &image = it.value();
        const auto present = snapshot.images.constFind(image.reference);
        image.present = present != snapshot.images.cend();
        if (image.present)
            image.imageId = present->id;
        if (done.contains(image.reference))
            continue;
        done.insert(image.reference);
        if (image.present) {
            plan.actions.append(action(Resource::Image, Kind::Keep, service, image.reference,
                                       QStringLiteral("present (%1)").arg(shortId(image.imageId))));
        } else if (image.build) {
            const bool remote = image.buildContext.contains(QLatin1String("://")) || image.buildContext.startsWith(QLatin1String("git@"));
            if (!remote && !QFileInfo(image.buildContext).isDir()) {
                plan.problems.append(Diagnostic::error(image.buildLocation, QStringLiteral("image '%1' (service %2) is not on the engine "
                                                                                           "and cannot be built: its context %3 is not "
                                                                                           "a directory")
                                                                                .arg(image.reference, service, image.buildContext)));
                continue;
            }
            if (!remote && !QFileInfo::exists(image.dockerfile)) {
                plan.problems.append(Diagnostic::error(image.buildLocation, QStringLiteral("image '%1' (service %2) is not on the engine "
                                                                                           "and cannot be built: %3 does not exist")
                                                                                .arg(image.reference, service, image.dockerfile)));
                continue;
            }
            plan.actions.append(action(Resource::Image, Kind::Build, service, image.reference, QStringLiteral("not here: built from "
                                                                                                              "the service's build section")));
        } else if (snapshot.unpullable.contains(image.reference)) {
            plan.problems.append(Diagnostic::error({}, QStringLiteral("image '%1' (service %2) is not on the engine and cannot be "
                                                                      "pulled: %3")
                                                           .arg(image.reference, service, snapshot.unpullable.value(image.reference))));
        } else {
            plan.actions.append(action(Resource::Image, Kind::Pull, service, image.reference, QStringLiteral("not here: pulled")));
        }
    }
}

void PlanBuilder::planContainers(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot,
                                 const PlanOptions &options)
{
    // The project's containers, per service (one-offs are `run` containers: never touched).
    QHash<QString, QList<ContainerSummary>> byService;
    QList<ContainerSummary> orphans;
    for (const ContainerSummary &container : snapshot.projectContainers) {
        if (ComposeMatcher::isOneOff(container))
            continue;
        const QString service = container.composeService();
        if (!model.services.contains(service)) {
            orphans.append(container);
            continue;
        }
        byService[service].append(container);
    }

    // Orphans: services no longer in the files (those left out by --services are not orphans).
    QStringList orphanNames;
    for (const ContainerSummary &container : std::as_const(orphans)) {
        orphanNames.append(container.name());
        if (options.removeOrphans) {
            PlanAction a = action(Resource::Container, Kind::Remove, container.composeService(), container.name(),
                                  QStringLiteral("orphan: service '%1' is no longer in the files").arg(container.composeService()));
            a.containerId = container.id;
            a.number = ComposeMatcher::containerNumber(container);
            plan.actions.append(a);
        }
    }
    if (!options.removeOrphans && !orphanNames.isEmpty())
        plan.notes.append(QStringLiteral("orphan containers (their services are no longer in the files): %1; remove them with "
                                         "--remove-orphans")
                              .arg(orphanNames.join(QStringLiteral(", "))));

    QStringList recreated;
    for (const QString &service : plan.graph.order()) {
        QList<ContainerSummary> existing = byService.value(service);
        std::sort(existing.begin(), existing.end(), [](const ContainerSummary &a, const ContainerSummary &b) {
            return a.created > b.created; // newest first: it wins a duplicate number
        });
        const PlannedImage image = plan.images.value(service);
        QSet<QString> matched;
        for (const ContainerBlueprint &blueprint : plan.blueprints.value(service)) {
            const auto found = std::find_if(existing.begin(), existing.end(), [&](const ContainerSummary &c) {
                return !matched.contains(c.id) && ComposeMatcher::containerNumber(c) == blueprint.number;
            });
            PlanAction a = action(Resource::Container, Kind::Create, service, blueprint.name, QStringLiteral("no container yet"));
            a.number = blueprint.number;
            if (found == existing.end()) {
                plan.actions.append(a);
                continue;
            }
            const ContainerSummary &container = *found;
            matched.insert(container.id);
            a.containerId = container.id;
            a.name = container.name();
            const ContainerDetails details = snapshot.inspected.value(container.id);
            const QString deployer = container.labels.value(DeployLabels::deployer());
            const QStringList drift = deployer.isEmpty() ? QStringList() : DriftDetector::compare(blueprint, details);
            if (deployer.isEmpty()) {
                a.kind = Kind::Recreate;
                a.reason = QStringLiteral("made by another tool (docker-compose): its config hash is that tool's own, so it is "
                                          "recreated once");
                plan.foreign = true;
            } else if (container.labels.value(DeployLabels::configHash()) != blueprint.configHash) {
                a.kind = Kind::Recreate;
                a.reason = QStringLiteral("configuration changed");
            } else if (!image.present) {
                a.kind = Kind::Recreate;
                a.reason = QStringLiteral("its image is not here any more: %1").arg(image.build ? QStringLiteral("rebuilt")
                                                                                                 : QStringLiteral("pulled"));
            } else if (container.imageId != image.imageId) {
                a.kind = Kind::Recreate;
                a.reason = QStringLiteral("image changed: %1 -> %2").arg(shortId(container.imageId), shortId(image.imageId));
            } else if (!drift.isEmpty()) {
                a.kind = Kind::Recreate;
                a.reason = QStringLiteral("drift: changed by hand since it was deployed (%1)").arg(drift.first());
                a.drift = drift;
            } else if (details.running || container.state == QLatin1String("running") || container.state == QLatin1String("restarting")) {
                a.kind = details.paused ? Kind::Recreate : Kind::Keep;
                a.reason = details.paused ? QStringLiteral("paused") : QStringLiteral("up to date");
            } else if (container.state == QLatin1String("dead") || container.state == QLatin1String("removing")) {
                a.kind = Kind::Recreate;
                a.reason = QStringLiteral("the engine says it is %1").arg(container.state);
            } else if (plan.graph.readiness(service) == DependencyGraph::Readiness::Completed
                       && container.state == QLatin1String("exited") && details.exitCode == 0) {
                a.kind = Kind::Keep;
                a.reason = QStringLiteral("completed successfully");
            } else {
                a.kind = Kind::Start;
                a.reason = container.state == QLatin1String("created")
                    ? QStringLiteral("created but never started (an interrupted deploy)")
                    : QStringLiteral("not running (%1, exit code %2)").arg(container.state).arg(details.exitCode);
            }
            if (a.kind == Kind::Recreate && !recreated.contains(service))
                recreated.append(service);
            plan.actions.append(a);
        }
        // Containers beyond the replicas the files ask for, and duplicates of a number.
        for (const ContainerSummary &container : std::as_const(existing)) {
            if (matched.contains(container.id))
                continue;
            PlanAction a = action(Resource::Container, Kind::Remove, service, container.name(),
                                  QStringLiteral("more containers than the files ask for"));
            a.containerId = container.id;
            a.number = ComposeMatcher::containerNumber(container);
            plan.actions.append(a);
        }
    }

    // Services that depend on a recreated one are restarted after it is ready again.
    for (const QString &service : std::as_const(recreated)) {
        for (const QString &dependent : plan.graph.dependents(service, true)) {
            for (PlanAction &a : plan.actions) {
                if (a.resource == Resource::Container && a.service == dependent && a.kind == Kind::Keep) {
                    a.kind = Kind::Restart;
                    a.reason = QStringLiteral("depends on '%1', which is recreated").arg(service);
                }
            }
        }
    }
}

namespace {

// One host port binding of a container to be started: "127.0.0.1", 18001..18001, "tcp".
struct Binding {
    QString hostIp;
    int first = 0;
    int last = 0;
    QString protocol;
};

QList<Binding> bindingsOf(const ContainerBlueprint &blueprint)
{
    QList<Binding> out;
    const QJsonObject bindings = blueprint.createBody.value(QLatin1String("HostConfig")).toObject().value(QLatin1String("PortBindings")).toObject();
    for (auto it = bindings.begin(); it != bindings.end(); ++it) {
        const QString protocol = it.key().section(u'/', 1, 1).isEmpty() ? QStringLiteral("tcp") : it.key().section(u'/', 1, 1);
        const QJsonArray entries = it.value().toArray();
        for (const QJsonValue &entry : entries) {
            const auto [first, last] = portRange(entry.toObject().value(QLatin1String("HostPort")).toString());
            if (first > 0) // 0: the engine picks a free port
                out.append({entry.toObject().value(QLatin1String("HostIp")).toString(), first, last, protocol});
        }
    }
    return out;
}

// Another project's container publishing the binding's port, if any.
const ContainerSummary *containerHolding(const Binding &binding, const QList<ContainerSummary> &containers)
{
    const AddressScope scope = AddressScope::fromHostIp(binding.hostIp);
    for (const ContainerSummary &other : containers) {
        const QJsonArray ports = other.raw.value(QLatin1String("Ports")).toArray();
        for (const QJsonValue &p : ports) {
            const QJsonObject o = p.toObject();
            const int published = o.value(QLatin1String("PublicPort")).toInt();
            if (published >= binding.first && published <= binding.last && o.value(QLatin1String("Type")).toString() == binding.protocol
                && scope.overlaps(AddressScope::fromHostIp(o.value(QLatin1String("IP")).toString())))
                return &other;
        }
    }
    return nullptr;
}

// A process of this host listening on the binding's port, if any; the engine's own proxies are
// not (their containers are looked at above, or are this project's, which the deploy replaces).
const HostListener *listenerHolding(const Binding &binding, const QList<HostListener> &listeners)
{
    const AddressScope scope = AddressScope::fromHostIp(binding.hostIp);
    for (const HostListener &listener : listeners) {
        if (listener.port >= binding.first && listener.port <= binding.last && listener.protocol == binding.protocol
            && listener.process != QLatin1String("docker-proxy")
            && scope.overlaps(AddressScope::fromSocket(listener.address, listener.dualStack)))
            return &listener;
    }
    return nullptr;
}

} // namespace

void PlanBuilder::checkPorts(DeployPlan &plan, const ComposeModel &model, const EngineSnapshot &snapshot)
{
    for (const PlanAction &a : plan.actions) {
        if (a.resource != Resource::Container || (a.kind != Kind::Create && a.kind != Kind::Recreate && a.kind != Kind::Start))
            continue;
        const QList<ContainerBlueprint> blueprints = plan.blueprints.value(a.service);
        const auto bp = std::find_if(blueprints.begin(), blueprints.end(), [&](const ContainerBlueprint &b) { return b.number == a.number; });
        if (bp == blueprints.end())
            continue;
        const Service service = model.services.value(a.service);
        for (const Binding &binding : bindingsOf(*bp)) {
            SourceLocation where = service.location;
            for (const PortMapping &mapping : service.ports) {
                if (mapping.published == binding.first)
                    where = mapping.location;
            }
            QString holder;
            QString hint;
            if (const ContainerSummary *other = containerHolding(binding, snapshot.otherContainers)) {
                holder = QStringLiteral("container '%1' publishes it").arg(other->name());
                hint = QStringLiteral("stop that container or publish another port");
            } else if (const HostListener *listener = snapshot.hostProbed ? listenerHolding(binding, snapshot.listeners) : nullptr) {
                const QString who = listener->pid > 0 ? QStringLiteral("pid %1 (%2)").arg(listener->pid).arg(listener->process)
                                                      : QStringLiteral("a process this user may not see");
                holder = QStringLiteral("%1 listens on %2:%3").arg(who, listener->address).arg(listener->port);
                hint = QStringLiteral("stop that process, or change the port (stagehand-cli ports suggests a free one)");
            } else {
                continue;
            }
            Diagnostic d = Diagnostic::error(where, QStringLiteral("host port %1/%2%3 for service '%4' is taken: %5")
                                                        .arg(binding.first)
                                                        .arg(binding.protocol,
                                                             binding.hostIp.isEmpty() ? QString() : QStringLiteral(" on ") + binding.hostIp,
                                                             a.service, holder));
            d.service = a.service;
            d.rule = QStringLiteral("preflight-port");
            d.hint = hint;
            plan.problems.append(d);
        }
    }
}

void PlanBuilder::checkDisk(DeployPlan &plan, const EngineSnapshot &snapshot, const PlanOptions &options)
{
    if (!snapshot.freeBytes)
        return;
    if (*snapshot.freeBytes < options.minimumFreeBytes)
        plan.problems.append(Diagnostic::error({}, QStringLiteral("only %1 free in %2, where the engine keeps images and containers; "
                                                                  "at least %3 are needed")
                                                       .arg(mebibytes(*snapshot.freeBytes), snapshot.dockerRootDir,
                                                            mebibytes(options.minimumFreeBytes))));
}

} // namespace stagehand
