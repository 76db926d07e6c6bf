#include "deploy/DeployPlan.h"

#include <algorithm>

namespace stagehand {

QString PlanAction::resourceName(Resource resource)
{
    switch (resource) {
    case Resource::Network:
        return QStringLiteral("network");
    case Resource::Volume:
        return QStringLiteral("volume");
    case Resource::Image:
        return QStringLiteral("image");
    case Resource::Container:
        return QStringLiteral("container");
    }
    return {};
}

QString PlanAction::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Create:
        return QStringLiteral("create");
    case Kind::Recreate:
        return QStringLiteral("recreate");
    case Kind::Start:
        return QStringLiteral("start");
    case Kind::Restart:
        return QStringLiteral("restart");
    case Kind::Keep:
        return QStringLiteral("keep");
    case Kind::Remove:
        return QStringLiteral("remove");
    case Kind::Pull:
        return QStringLiteral("pull");
    case Kind::Build:
        return QStringLiteral("build");
    }
    return {};
}

bool DeployPlan::changesAnything() const
{
    return std::any_of(actions.begin(), actions.end(), [](const PlanAction &a) { return a.changes(); });
}

QList<PlanAction> DeployPlan::containerActions(const QString &service) const
{
    QList<PlanAction> out;
    for (const PlanAction &action : actions) {
        if (action.resource == PlanAction::Resource::Container && action.service == service)
            out.append(action);
    }
    return out;
}

QStringList DeployPlan::changedServices() const
{
    QStringList out;
    for (const PlanAction &action : actions) {
        if (action.resource == PlanAction::Resource::Container && action.changes() && action.kind != PlanAction::Kind::Remove
            && !out.contains(action.service))
            out.append(action.service);
    }
    return out;
}

} // namespace stagehand
