#include "deploy/ContainerConfigBuilder.h"

#include "deploy/DeployLabels.h"
#include "deploy/DraftReporter.h"
#include "deploy/DraftValues.h"
#include "deploy/ServiceDraft.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace stagehand {

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
        count = DraftValues::integer(service.deployOther.value(QStringLiteral("replicas")));
    if (!count && service.other.contains(QStringLiteral("scale")))
        count = DraftValues::integer(service.other.value(QStringLiteral("scale")));
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
            if (DraftValues::boolean(it.value()).value_or(true))
                continue; // IPv4 is what a network has without the key
            report(it.key(), QStringLiteral("needs Engine API 1.47 (Docker 28); Stagehand deploys with API %1").arg(QLatin1String(DraftReporter::EngineApi)));
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
    return ServiceDraft(*this, service, imageReference, number, problems).build();
}

} // namespace stagehand
