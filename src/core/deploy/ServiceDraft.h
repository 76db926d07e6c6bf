#pragma once

#include "deploy/ContainerBlueprint.h"
#include "deploy/ContainerConfigBuilder.h"
#include "deploy/DraftReporter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QString>

#include <optional>

namespace stagehand {

// One container of a service as ContainerConfigBuilder drafts it: the body of POST
// /containers/create (Engine API 1.41), built section by section as Compose v2 maps each key,
// with what a single engine cannot apply reported to problems (when not null) and left out.
// Single use: construct, then build() once.
class ServiceDraft {
    Q_DISABLE_COPY_MOVE(ServiceDraft)

public:
    ServiceDraft(const ContainerConfigBuilder &builder, const Service &service, const QString &imageReference, int number,
                 Diagnostics *problems);

    ContainerBlueprint build();

private:
    // Defined in ServiceDraft.cpp, but for what is mounted or copied in (volumes, secrets and
    // configs: ServiceDraftMounts.cpp) and the keys kept as written (ServiceDraftKeys.cpp).

    // The sections, in the order build() runs them (the order of the diagnostics).
    void addProcess();     // image, process, environment, stop signal and timeout
    void addHealthcheck();
    void addLabels();      // as Compose v2 puts them
    void addPorts();
    void addVolumes();
    // Secrets and configs: files bind-mounted read-only, values copied in.
    void addFileObjects(const QList<FileReference> &references, const QMap<QString, FileObjectDefinition> &definitions,
                        bool isSecret);
    void addRestartPolicy(); // restart:
    void addResources();     // deploy.resources first, the legacy keys where it says nothing
    void addDeploy();        // what one engine can do of deploy:
    void addLoggingInitCapabilities();
    void addKeptKeys();      // the single-engine keys of Service::other
    void addNetworks();
    ContainerBlueprint assemble();

    // Volumes, one entry each.
    void addVolumeMount(const VolumeMount &mount);
    void addBindMount(const VolumeMount &mount);
    void addTmpfsMount(const VolumeMount &mount);
    void reportMount(const VolumeMount &mount, const QString &why) const;

    // Secrets and configs, one reference each.
    void addFileObject(const FileReference &ref, const QMap<QString, FileObjectDefinition> &definitions, bool isSecret);
    // What a reference that is copied in puts in the file; nullopt (reported) when it has nothing.
    std::optional<QByteArray> fileObjectContent(const FileReference &ref, const FileObjectDefinition &definition,
                                                const QString &what) const;

    void applyDeployRestartPolicy(const QString &name, const QJsonValue &value);

    // Networks: the attachment at position index of networksByPriority().
    void addNetwork(qsizetype index, const QString &key);
    void applyEndpointOptions(qsizetype index, const QString &key, const ServiceNetwork &attachment, QJsonObject &endpoint,
                              QJsonObject &ipam);

    // The keys kept as written, one each.
    void addKeptKey(const QString &key, const QJsonValue &value);
    bool addKeptField(const QString &key, const QJsonValue &value);
    void checkPullPolicy(const QString &key, const QJsonValue &value) const;
    void addMacAddress(const QString &key, const QJsonValue &value);
    void addExtraHosts(const QString &key, const QJsonValue &value);
    void addUlimits(const QString &key, const QJsonValue &value);
    void addTmpfs(const QString &key, const QJsonValue &value);
    void addSecurityOptions(const QString &key, const QJsonValue &value);
    void addDevices(const QString &key, const QJsonValue &value);
    void addGpus(const QString &key, const QJsonValue &value);
    void addNamespaceMode(const QString &key, const QJsonValue &value); // ipc, pid
    void addIsolation(const QString &key, const QJsonValue &value);
    void addBlkioConfig(const QString &key, const QJsonValue &value);
    void addLinks(const QString &key, const QJsonValue &value);
    void addVolumesFrom(const QString &key, const QJsonValue &value);

    const ContainerConfigBuilder &m_builder;
    const ComposeModel &m_model; // the builder's
    const Service &m_service;
    const QString m_imageReference;
    const int m_number;
    const DraftReporter m_report;

    ContainerBlueprint m_blueprint;
    QJsonObject m_config;                // the container's configuration: the create body's top level
    QJsonObject m_host;                  // HostConfig
    QJsonArray m_binds;                  // HostConfig.Binds: volumes
    QJsonArray m_mounts;                 // HostConfig.Mounts: volumes, then secrets and configs
    QSet<QString> m_targets;             // where volumes, secrets and configs are mounted so far
    QJsonObject m_restart;               // restart:, then deploy.restart_policy over it
    QJsonArray m_deviceRequests;         // deploy.resources.reservations.devices, then gpus
    QJsonArray m_links;                  // links: on HostConfig and on each network's endpoint
    std::optional<QString> m_macAddress; // mac_address, or the first network's
};

} // namespace stagehand
