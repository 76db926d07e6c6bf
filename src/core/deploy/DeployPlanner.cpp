#include "deploy/DeployPlanner.h"

#include "analysis/HostPortProbe.h"
#include "deploy/ContainerConfigBuilder.h"
#include "deploy/EngineSnapshot.h"
#include "docker/ComposeMatcher.h"
#include "docker/DockerClient.h"
#include "docker/WhenFinished.h"
#include "util/AsyncTask.h"

#include <QDir>
#include <QStorageInfo>
#include <QUrl>

namespace stagehand {

DeployPlanner::DeployPlanner(DockerClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

DeployPlanner::~DeployPlanner() = default;

DeployPlan DeployPlanner::prepare(const DeployRequest &request)
{
    DeployPlan plan;
    plan.project = request.model.name;
    plan.environment = request.environment;
    plan.graph = DependencyGraph::build(request.model, request.phases, request.services, &plan.problems);

    const ContainerConfigBuilder builder(request.model, DeployIdentity::of(request.model));
    for (const QString &name : plan.graph.order()) {
        const Service &service = request.model.services[name];
        PlannedImage image;
        image.reference = service.image.isEmpty() ? ContainerConfigBuilder::builtImageName(request.model.name, name) : service.image;
        image.build = service.build.has_value();
        image.services = {name};
        if (service.build) {
            const BuildSpec &build = *service.build;
            image.buildContext = build.context;
            image.dockerfile = QDir(build.context).absoluteFilePath(build.dockerfile.isEmpty() ? QStringLiteral("Dockerfile") : build.dockerfile);
            image.buildLocation = service.locationOf(QStringLiteral("build"));
            // What the engine's classic builder is given: context, dockerfile, args, labels.
            QStringList ignored;
            if (!build.target.isEmpty())
                ignored.append(QStringLiteral("target"));
            if (!build.dockerfileInline.isEmpty())
                ignored.append(QStringLiteral("dockerfile_inline"));
            ignored.append(build.other.keys());
            for (const QString &key : std::as_const(ignored)) {
                if (key.startsWith(QLatin1String("x-")))
                    continue;
                Diagnostic d = Diagnostic::error(image.buildLocation, QStringLiteral("service '%1': 'build.%2' cannot be applied: "
                                                                                     "Stagehand builds with the engine's classic "
                                                                                     "builder from context, dockerfile, args and labels")
                                                                          .arg(name, key));
                d.rule = QStringLiteral("deploy-unsupported");
                d.service = name;
                plan.problems.append(d);
            }
        }
        plan.images.insert(name, image);
        plan.problems.append(builder.unsupported(service));
        plan.blueprints.insert(name, builder.blueprints(service, image.reference));
    }
    return plan;
}

void DeployPlanner::plan(const DeployRequest &request)
{
    Q_ASSERT(!m_running);
    m_running = true;
    m_request = request;
    m_plan = prepare(request);
    m_snapshot = std::make_unique<EngineSnapshot>();
    if (!m_client) {
        fail(EngineError{EngineError::Kind::Unreachable, 0, QStringLiteral("no engine"), {}});
        return;
    }
    readEngine();
}

void DeployPlanner::readEngine()
{
    m_stage = 1;
    m_pending = 1; // released at the end, so that results arriving at once cannot end the stage early
    DockerClient *client = m_client;
    const QString project = m_request.model.name;

    ++m_pending;
    whenFinished(this, client->listContainers(true, ComposeMatcher::filters(project)),
                 [this](const EngineResult<QList<ContainerSummary>> &result) {
                     if (!result.ok())
                         return fail(result.error);
                     m_snapshot->projectContainers = *result;
                     settle();
                 });
    ++m_pending;
    whenFinished(this, client->listContainers(false), [this, project](const EngineResult<QList<ContainerSummary>> &result) {
        if (!result.ok())
            return fail(result.error);
        for (const ContainerSummary &container : *result) {
            if (container.composeProject() != project)
                m_snapshot->otherContainers.append(container);
        }
        settle();
    });
    ++m_pending;
    whenFinished(this, client->listNetworks(), [this](const EngineResult<QList<NetworkSummary>> &result) {
        if (!result.ok())
            return fail(result.error);
        for (const NetworkSummary &network : *result)
            m_snapshot->networks.insert(network.name, network);
        settle();
    });
    ++m_pending;
    whenFinished(this, client->listVolumes(), [this](const EngineResult<QList<VolumeSummary>> &result) {
        if (!result.ok())
            return fail(result.error);
        for (const VolumeSummary &volume : *result)
            m_snapshot->volumes.insert(volume.name, volume);
        settle();
    });
    const bool local = client->endpoint().kind == EngineEndpoint::Kind::Unix;
    ++m_pending;
    whenFinished(this, client->info(), [this, local](const EngineResult<QJsonObject> &result) {
        if (!result.ok())
            return fail(result.error);
        m_snapshot->dockerRootDir = result->value(QLatin1String("DockerRootDir")).toString();
        if (local && !m_snapshot->dockerRootDir.isEmpty()) {
            const QStorageInfo storage(m_snapshot->dockerRootDir);
            if (storage.isValid())
                m_snapshot->freeBytes = storage.bytesAvailable();
        }
        settle();
    });
    QSet<QString> references;
    for (const PlannedImage &image : std::as_const(m_plan.images))
        references.insert(image.reference);
    for (const QString &reference : std::as_const(references)) {
        ++m_pending;
        whenFinished(this, client->inspectImage(reference), [this, reference](const EngineResult<ImageSummary> &result) {
            if (result.ok())
                m_snapshot->images.insert(reference, *result);
            else if (result.error.kind != EngineError::Kind::Http || result.error.httpStatus != 404)
                return fail(result.error);
            settle();
        });
    }
    if (local && m_request.options.checkHostPorts) {
        ++m_pending;
        runAsync(
            this, [] { return HostPortProbe().scan(); },
            [this](const QList<HostListener> &listeners) {
                m_snapshot->listeners = listeners;
                m_snapshot->hostProbed = true;
                settle();
            });
    }
    settle();
}

void DeployPlanner::inspectContainers()
{
    m_stage = 2;
    m_pending = 1;
    for (const ContainerSummary &container : std::as_const(m_snapshot->projectContainers)) {
        if (ComposeMatcher::isOneOff(container) || !m_request.model.services.contains(container.composeService()))
            continue;
        ++m_pending;
        const QString id = container.id;
        whenFinished(this, m_client->inspectContainer(id), [this, id](const EngineResult<ContainerDetails> &result) {
            if (result.ok())
                m_snapshot->inspected.insert(id, *result);
            else if (result.error.kind != EngineError::Kind::Http || result.error.httpStatus != 404) // removed meanwhile
                return fail(result.error);
            settle();
        });
    }
    // Missing images without a build section: can the engine get them from their registry?
    QSet<QString> asked;
    for (const PlannedImage &image : std::as_const(m_plan.images)) {
        if (image.build || m_snapshot->images.contains(image.reference) || asked.contains(image.reference))
            continue;
        asked.insert(image.reference);
        ++m_pending;
        const QString reference = image.reference;
        const QString path = QStringLiteral("/distribution/%1/json").arg(QString::fromUtf8(QUrl::toPercentEncoding(reference, "/:@")));
        whenFinished(this, m_client->request("GET", path), [this, reference](const EngineResult<QJsonDocument> &result) {
            if (!result.ok()) {
                if (result.error.isConnectionProblem())
                    return fail(result.error);
                m_snapshot->unpullable.insert(reference, result.error.message);
            }
            settle();
        });
    }
    settle();
}

void DeployPlanner::settle()
{
    if (m_failed || --m_pending > 0)
        return;
    if (m_stage == 1)
        inspectContainers();
    else
        done();
}

void DeployPlanner::done()
{
    PlanBuilder::build(m_plan, m_request.model, *m_snapshot, m_request.options);
    m_running = false;
    Q_EMIT finished(m_plan, {});
}

void DeployPlanner::fail(const EngineError &error)
{
    if (m_failed)
        return;
    m_failed = true;
    m_running = false;
    Q_EMIT finished(m_plan, error);
}

} // namespace stagehand
