#include "deploy/DeployJob.h"

#include "compose/ComposeJson.h"
#include "deploy/ReleaseStore.h"
#include "docker/DockerClient.h"
#include "docker/WhenFinished.h"
#include "store/Database.h"
#include "util/AsyncTask.h"

#include <QCryptographicHash>
#include <QFile>

#include <memory>

namespace stagehand {
namespace {

QString fileHash(const QString &path)
{
    if (path.isEmpty())
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

QString rolloutOutcome(ServiceRollout::State state)
{
    switch (state) {
    case ServiceRollout::State::Ready:
        return QStringLiteral("ready");
    case ServiceRollout::State::Failed:
        return QStringLiteral("failed");
    default:
        return QStringLiteral("skipped");
    }
}

} // namespace

DeployJob::DeployJob(DockerClient *client, DeployRequest request, ReleaseContext context, DeployOptions options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
    , m_context(std::move(context))
    , m_options(options)
    , m_planner(new DeployPlanner(client, this))
    , m_deployer(new Deployer(client, this))
{
    connect(m_planner, &DeployPlanner::finished, this, [this](const DeployPlan &plan, const EngineError &error) {
        m_plan = plan;
        Q_EMIT planned(plan, error);
    });
    connect(m_deployer, &Deployer::finished, this, &DeployJob::deployed);
}

DeployJob::~DeployJob() = default;

void DeployJob::plan()
{
    m_planner->plan(m_request);
}

void DeployJob::execute()
{
    Q_ASSERT(!m_plan.hasErrors());
    m_executing = true;
    if (m_context.record && m_plan.changesAnything())
        return beginRelease(); // then starts the deployer
    m_deployer->start(m_plan, m_request.model, m_options);
}

void DeployJob::cancel()
{
    if (m_deployer->isRunning())
        m_deployer->cancel();
    else if (m_executing)
        m_cancelRequested = true; // the release is being begun: the deploy will not start
}

namespace {

struct Begun {
    std::optional<Release> release;
    QString error;
};

// Opens the store on the calling (pool) thread: a Database belongs to the thread that opened it.
bool openStore(Database &db, const QString &path, QString *error)
{
    return path.isEmpty() ? db.open(error) : db.open(path, error);
}

} // namespace

// The store's writes run on the thread pool (the file may be slow: never on the GUI thread).
void DeployJob::beginRelease()
{
    Release release;
    release.project = m_context.project;
    release.environment = m_request.environment;
    release.composeProject = m_request.model.name;
    release.outcome = QStringLiteral("running");
    release.engine = m_context.engine;
    release.stagehandVersion = QStringLiteral(STAGEHAND_VERSION);
    const ReleaseContext context = m_context;
    const ComposeModel model = m_request.model;
    runAsync(
        this,
        [release, context, model]() mutable {
            Begun begun;
            release.envFileHash = fileHash(context.envFile);
            release.configuration = ReleaseStore::redactConfiguration(ComposeJson::toJson(model), context.envFileVariables);
            Database db;
            if (!openStore(db, context.databasePath, &begun.error))
                return begun;
            begun.release = ReleaseStore(db).begin(release, &begun.error);
            return begun;
        },
        [this](const Begun &begun) {
            m_release = begun.release;
            if (!m_release)
                m_releaseError = begun.error;
            if (m_cancelRequested) {
                DeployOutcome outcome;
                outcome.result = DeployOutcome::Result::Cancelled;
                outcome.message = QStringLiteral("cancelled");
                return deployed(outcome);
            }
            m_deployer->start(m_plan, m_request.model, m_options);
        });
}

void DeployJob::deployed(const DeployOutcome &outcome)
{
    if (!m_release) {
        m_executing = false;
        Q_EMIT finished(outcome, 0, m_releaseError);
        return;
    }
    if (outcome.ok())
        tagImages(outcome);
    else
        recordEnd(outcome);
}

// Each service's image gets the release's tag: an image in use by a release is never dangling, and
// a rollback finds it by name.
void DeployJob::tagImages(const DeployOutcome &outcome)
{
    auto pending = std::make_shared<int>(1);
    auto settled = [this, outcome, pending] {
        if (--*pending == 0)
            recordEnd(outcome);
    };
    for (const ServiceRollout &service : outcome.services) {
        const PlannedImage image = m_deployer->plan().images.value(service.service); // with the IDs of what it built or pulled
        const QString tag = releaseTag(service.service);
        if (image.imageId.isEmpty() || !m_client)
            continue;
        ++*pending;
        const QString repository = tag.section(u':', 0, 0);
        whenFinished(this, m_client->tagImage(image.imageId, repository, tag.section(u':', 1)),
                     [this, tag, settled](const EngineStatus &status) {
                         if (status.ok())
                             m_tagged.insert(tag);
                         else
                             m_releaseError = QStringLiteral("tagging %1: %2").arg(tag, status.error.message);
                         settled();
                     });
    }
    settled();
}

QString DeployJob::releaseTag(const QString &service) const
{
    // The Compose project names the environment's stack on the engine (release numbers are per
    // environment, and two stacks of one project on one engine have two Compose names).
    return ReleaseStore::releaseTag(m_request.model.name, service, m_release ? m_release->number : 0);
}

void DeployJob::recordEnd(const DeployOutcome &outcome)
{
    Release release = *m_release;
    release.outcome = DeployOutcome::resultName(outcome.result);
    release.message = outcome.message;
    release.finishedAt = QDateTime::currentDateTimeUtc();
    for (const ServiceRollout &service : outcome.services) {
        const PlannedImage image = m_deployer->plan().images.value(service.service);
        ServiceRelease entry;
        entry.service = service.service;
        entry.image = image.reference;
        entry.imageId = image.imageId;
        if (m_tagged.contains(releaseTag(service.service)))
            entry.releaseTag = releaseTag(service.service); // only a tag that exists
        entry.configHash = m_plan.blueprints.value(service.service).value(0).configHash;
        entry.action = service.action.isEmpty() ? QStringLiteral("unchanged") : service.action;
        entry.durationMs = service.durationMs;
        entry.outcome = outcome.result == DeployOutcome::Result::Cancelled && service.state != ServiceRollout::State::Ready
            ? QStringLiteral("cancelled")
            : rolloutOutcome(service.state);
        release.services.append(entry);
    }
    const QString path = m_context.databasePath;
    runAsync(
        this,
        [release, path] {
            Database db;
            QString error;
            if (!openStore(db, path, &error) || !ReleaseStore(db).finish(release, &error))
                return error.isEmpty() ? QStringLiteral("the release store could not be written") : error;
            return QString();
        },
        [this, outcome, number = release.number](const QString &error) {
            if (!error.isEmpty())
                m_releaseError = error;
            m_executing = false;
            Q_EMIT finished(outcome, number, m_releaseError);
        });
}

} // namespace stagehand
