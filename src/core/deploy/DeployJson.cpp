#include "deploy/DeployJson.h"

#include "lint/LintJson.h"

namespace stagehand {
namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QJsonObject DeployJson::plan(const DeployPlan &plan, const QString &projectDirectory)
{
    QJsonArray actions;
    for (const PlanAction &a : plan.actions)
        actions.append(action(a));
    return QJsonObject{{QStringLiteral("project"), plan.project},
                       {QStringLiteral("environment"), plan.environment},
                       {QStringLiteral("changes"), plan.changesAnything()},
                       {QStringLiteral("foreign"), plan.foreign},
                       {QStringLiteral("phases"), strings(plan.graph.phaseNames())},
                       {QStringLiteral("order"), strings(plan.graph.order())},
                       {QStringLiteral("actions"), actions},
                       {QStringLiteral("problems"), LintJson::toJson(plan.problems, {}, projectDirectory)},
                       {QStringLiteral("notes"), strings(plan.notes)}};
}

QJsonObject DeployJson::action(const PlanAction &a)
{
    return QJsonObject{{QStringLiteral("resource"), PlanAction::resourceName(a.resource)},
                       {QStringLiteral("action"), PlanAction::kindName(a.kind)},
                       {QStringLiteral("service"), a.service.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.service)},
                       {QStringLiteral("name"), a.name},
                       {QStringLiteral("container_id"), a.containerId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.containerId)},
                       {QStringLiteral("number"), a.number},
                       {QStringLiteral("reason"), a.reason},
                       {QStringLiteral("drift"), strings(a.drift)}};
}

QJsonObject DeployJson::rollout(const ServiceRollout &r, const QString &phaseName)
{
    return QJsonObject{{QStringLiteral("service"), r.service},
                       {QStringLiteral("phase"), phaseName},
                       {QStringLiteral("readiness"), DependencyGraph::readinessName(r.readiness)},
                       {QStringLiteral("action"), r.action},
                       {QStringLiteral("state"), ServiceRollout::stateName(r.state)},
                       {QStringLiteral("detail"), r.detail},
                       {QStringLiteral("duration_ms"), r.durationMs},
                       {QStringLiteral("containers"), strings(r.containerIds)},
                       {QStringLiteral("probe_attempts"), r.probeAttempts}};
}

QJsonObject DeployJson::outcome(const DeployOutcome &outcome, int release, const QStringList &phaseNames)
{
    QJsonArray services;
    for (const ServiceRollout &r : outcome.services)
        services.append(rollout(r, phaseNames.value(r.phase)));
    return QJsonObject{{QStringLiteral("outcome"), DeployOutcome::resultName(outcome.result)},
                       {QStringLiteral("message"), outcome.message},
                       {QStringLiteral("failed_service"), outcome.failedService.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(outcome.failedService)},
                       {QStringLiteral("elapsed_ms"), outcome.elapsedMs},
                       {QStringLiteral("release"), release > 0 ? QJsonValue(release) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("services"), services}};
}

QJsonObject DeployJson::teardown(const TeardownResult &result)
{
    return QJsonObject{{QStringLiteral("ok"), result.ok},
                       {QStringLiteral("message"), result.message},
                       {QStringLiteral("removed_containers"), strings(result.removedContainers)},
                       {QStringLiteral("removed_networks"), strings(result.removedNetworks)},
                       {QStringLiteral("removed_volumes"), strings(result.removedVolumes)},
                       {QStringLiteral("kept_volumes"), strings(result.keptVolumes)}};
}

} // namespace stagehand
