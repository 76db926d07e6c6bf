#include "deploy/DeployPreparation.h"

#include "deploy/ContainerConfigBuilder.h"
#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "docker/WhenFinished.h"

#include <QJsonDocument>

namespace stagehand {

using Kind = PlanAction::Kind;
using Resource = PlanAction::Resource;

DeployPreparation::DeployPreparation(DockerClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

DeployPreparation::~DeployPreparation() = default;

int DeployPreparation::steps(const DeployPlan &plan)
{
    int count = 0;
    for (const PlanAction &action : plan.actions) {
        if ((action.resource != Resource::Container && action.changes()) || action.kind == Kind::Remove)
            ++count;
    }
    return count;
}

void DeployPreparation::start(const DeployPlan &plan, const ComposeModel &model)
{
    m_plan = plan;
    m_model = model;
    m_images = plan.images;
    m_running = true;
    createResources();
}

void DeployPreparation::beginStage(std::function<void()> next)
{
    m_next = std::move(next);
    m_pending = 1; // released by the stage's own ended(), after it has begun its calls
}

void DeployPreparation::ended()
{
    if (m_running && --m_pending == 0)
        m_next();
}

void DeployPreparation::fail(const QString &what, const EngineError &error)
{
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT failed(what, error);
}

void DeployPreparation::createResources()
{
    beginStage([this] { fetchImages(); });
    const ContainerConfigBuilder builder(m_model, DeployIdentity::of(m_model));
    for (const PlanAction &action : std::as_const(m_plan.actions)) {
        if (action.kind != Kind::Create || (action.resource != Resource::Network && action.resource != Resource::Volume))
            continue;
        QJsonObject body;
        if (action.resource == Resource::Network) {
            for (const NetworkDefinition &network : std::as_const(m_model.networks)) {
                if (network.name == action.name)
                    body = builder.networkBody(network);
            }
        } else {
            for (const VolumeDefinition &volume : std::as_const(m_model.volumes)) {
                if (volume.name == action.name)
                    body = builder.volumeBody(volume);
            }
        }
        const QString path = action.resource == Resource::Network ? QStringLiteral("/networks/create") : QStringLiteral("/volumes/create");
        const QString what = QStringLiteral("creating %1 %2").arg(PlanAction::resourceName(action.resource), action.name);
        Q_EMIT step(what);
        begun();
        whenFinished(this, m_client->request("POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact)),
                     [this, what](const EngineResult<QJsonDocument> &result) {
                         if (!m_running)
                             return;
                         if (!result.ok())
                             return fail(what, result.error);
                         Q_EMIT advanced();
                         ended();
                     });
    }
    ended();
}

void DeployPreparation::fetchImages()
{
    beginStage([this] { removeContainers(); });
    for (const PlanAction &action : std::as_const(m_plan.actions)) {
        if (action.resource != Resource::Image || (action.kind != Kind::Pull && action.kind != Kind::Build))
            continue;
        const QString reference = action.name;
        const QString service = action.service;
        EngineStream *stream = nullptr;
        if (action.kind == Kind::Pull) {
            Q_EMIT step(QStringLiteral("pulling %1").arg(reference));
            stream = m_client->pullImage(reference, this);
            connect(stream, &EngineStream::progressReceived, this, [this, reference, stream](const QJsonObject &) {
                Q_EMIT step(QStringLiteral("pulling %1: %2/%3 layers")
                                .arg(reference)
                                .arg(stream->progress().completedLayers())
                                .arg(stream->progress().layerCount()));
            });
        } else {
            const BuildSpec &spec = *m_model.services[service].build;
            BuildOptions build;
            build.contextDirectory = spec.context;
            if (!spec.dockerfile.isEmpty())
                build.dockerfile = spec.dockerfile;
            build.tags = {reference};
            for (auto it = spec.args.cbegin(); it != spec.args.cend(); ++it) {
                if (it.value())
                    build.buildArgs.insert(it.key(), *it.value());
            }
            build.labels = spec.labels;
            Q_EMIT step(QStringLiteral("building %1 for %2").arg(reference, service));
            stream = m_client->buildImage(build, this);
            connect(stream, &EngineStream::outputReceived, this, [this, service](const QString &text) {
                for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
                    Q_EMIT logLine(service, line);
            });
        }
        begun();
        const QString what = (action.kind == Kind::Pull ? QStringLiteral("pulling ") : QStringLiteral("building ")) + reference;
        connect(stream, &EngineStream::finished, this, [this, stream, reference, what](const EngineError &error) {
            stream->deleteLater();
            if (!m_running)
                return;
            if (error.isError())
                return fail(what, error);
            whenFinished(this, m_client->inspectImage(reference), [this, reference](const EngineResult<ImageSummary> &image) {
                if (!m_running)
                    return;
                if (!image.ok())
                    return fail(QStringLiteral("inspecting image %1").arg(reference), image.error);
                for (PlannedImage &planned : m_images) {
                    if (planned.reference == reference) {
                        planned.imageId = image->id;
                        planned.present = true;
                    }
                }
                Q_EMIT advanced();
                ended();
            });
        });
    }
    ended();
}

void DeployPreparation::removeContainers()
{
    beginStage([this] {
        m_running = false;
        Q_EMIT finished();
    });
    for (const PlanAction &action : std::as_const(m_plan.actions)) {
        if (action.resource != Resource::Container || action.kind != Kind::Remove)
            continue;
        const QString id = action.containerId;
        const QString what = QStringLiteral("removing container %1 (%2)").arg(action.name, action.reason);
        Q_EMIT step(what);
        begun();
        whenFinished(this, m_client->stopContainer(id), [this, id, what](const EngineStatus &) {
            if (!m_running)
                return;
            whenFinished(this, m_client->removeContainer(id, true), [this, what](const EngineStatus &removed) {
                if (!m_running)
                    return;
                if (!removed.ok() && removed.error.httpStatus != 404)
                    return fail(what, removed.error);
                Q_EMIT advanced();
                ended();
            });
        });
    }
    ended();
}

} // namespace stagehand
