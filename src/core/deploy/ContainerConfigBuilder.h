#pragma once

#include "deploy/ContainerBlueprint.h"
#include "model/ComposeModel.h"
#include "util/Diagnostic.h"

#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace stagehand {

// Who deploys what: the values of the project labels.
struct DeployIdentity {
    QString project;        // the Compose project name (model.name)
    QString workingDir;     // model.workingDir
    QStringList configFiles; // model.files
    QString version = QStringLiteral(STAGEHAND_VERSION); // the com.docker.compose.version label value

    static DeployIdentity of(const ComposeModel &model);
};

// What a resolved environment asks of one Docker engine (Engine API 1.41, Docker 20.10), as the
// bodies of POST /containers/create, /networks/create and /volumes/create, mapped as Compose v2 maps
// each key, with Compose's labels. Pure: it reads the model (and, for secrets and configs whose
// source is an environment variable or a file with a mode, the process environment and that file),
// never the engine.
class ContainerConfigBuilder {
public:
    ContainerConfigBuilder(const ComposeModel &model, DeployIdentity identity);

    // Where a secret or config whose source is an environment variable takes its value when the
    // service's own environment does not have it (the system environment unless set).
    void setProcessEnvironment(const QProcessEnvironment &environment) { m_processEnvironment = environment; }

    // Every key of the service that the deployer cannot apply on a single engine (swarm-only keys,
    // features of later API versions, Windows-only keys, keys Stagehand does not map, values it
    // cannot read), as an error Diagnostic at the key's location naming service and key. Empty: all
    // applicable. Extension keys (x-*) are ignored, as the engine ignores them.
    Diagnostics unsupported(const Service &service) const;
    // The same for a top-level network or volume (keys the API 1.41 create bodies cannot carry).
    Diagnostics unsupported(const NetworkDefinition &network) const;
    Diagnostics unsupported(const VolumeDefinition &volume) const;

    // The containers the service needs, numbered 1..replicas(service) (one at most with
    // container_name), running imageReference (service.image, or the built image's tag when the
    // service has build: and no image). What unsupported() reports is left out.
    QList<ContainerBlueprint> blueprints(const Service &service, const QString &imageReference) const;
    // sha256 hex of the container-number-independent create body (without the config-hash,
    // container-number and version labels), the extra networks, network_mode service:x, and the
    // files copied in (their contents as sha256): equal for an unchanged file on every run, changed
    // by any change of what the container would be. The image's ID is not in it.
    QString configHash(const Service &service, const QString &imageReference) const;

    // POST /networks/create and POST /volumes/create bodies (with Compose's labels), for
    // definitions that are not external.
    QJsonObject networkBody(const NetworkDefinition &network) const;
    QJsonObject volumeBody(const VolumeDefinition &volume) const;

    static QString containerName(const QString &project, const QString &service, int number); // "<project>-<service>-<n>"
    static QString builtImageName(const QString &project, const QString &service);             // "<project>-<service>", as Compose v2
    // deploy.replicas, else scale, else 1 (0 is allowed: no container).
    int replicas(const Service &service) const;
    // The service's networks, the primary one first: by priority (highest first), then by name, as
    // Compose orders them.
    static QStringList networksByPriority(const Service &service);

private:
    friend class ServiceDraft; // draft()'s work, section by section: reads the model, identity, environment

    // One container's blueprint (without the config hash), reporting to problems when not null.
    ContainerBlueprint draft(const Service &service, const QString &imageReference, int number, Diagnostics *problems) const;
    static QString hashOf(const ContainerBlueprint &blueprint);
    QString nameOf(const Service &service, int number) const;

    ComposeModel m_model; // implicitly shared containers: a cheap copy
    DeployIdentity m_identity;
    QProcessEnvironment m_processEnvironment = QProcessEnvironment::systemEnvironment();
};

} // namespace stagehand
