#include "analysis/EnvironmentPorts.h"

#include <algorithm>
#include <tuple>

namespace stagehand {
namespace {

// Joins the per-port mappings the short syntax makes of one range back into one claim.
bool continues(const PublishedPort &claim, const QString &service, const PortMapping &next)
{
    return !claim.anyOfRange && claim.service == service && claim.mapping.location == next.location
           && claim.mapping.location.isValid() && claim.mapping.hostIp == next.hostIp && claim.mapping.protocol == next.protocol
           && !next.isRange() && next.published == claim.last() + 1;
}

} // namespace

EnvironmentPorts EnvironmentPorts::fromModel(const QString &environment, const ComposeModel &model)
{
    EnvironmentPorts result;
    result.environment = environment;
    result.projectName = model.name;

    QList<PublishedPort> claims;
    for (const Service &service : model.services) {
        if (service.networkMode == QLatin1String("host"))
            continue;
        for (const PortMapping &port : service.ports) {
            if (!port.isPublished())
                continue;
            if (!claims.isEmpty() && continues(claims.last(), service.name, port)) {
                claims.last().mapping.publishedEnd = port.published;
                continue;
            }
            PublishedPort claim;
            claim.service = service.name;
            claim.mapping = port;
            if (claim.mapping.publishedEnd < claim.mapping.published)
                claim.mapping.publishedEnd = claim.mapping.published;
            claim.anyOfRange = port.isRange();
            claims.append(claim);
        }
    }

    // Declaration order: the compose files in merge order, then line and column.
    const auto fileIndex = [&model](const QString &file) {
        const qsizetype index = model.files.indexOf(file);
        return index < 0 ? model.files.size() : index;
    };
    std::stable_sort(claims.begin(), claims.end(), [&fileIndex](const PublishedPort &a, const PublishedPort &b) {
        const SourceLocation &x = a.mapping.location;
        const SourceLocation &y = b.mapping.location;
        return std::make_tuple(fileIndex(x.file), x.file, x.line, x.column)
               < std::make_tuple(fileIndex(y.file), y.file, y.line, y.column);
    });
    result.ports = claims;
    return result;
}

EnvironmentPorts EnvironmentPorts::fromModel(const EnvironmentSpec &spec, const ComposeModel &model, const QString &engine)
{
    EnvironmentPorts result = fromModel(spec.name, model);
    if (!spec.projectName.isEmpty())
        result.projectName = spec.projectName;
    result.sharesHostWith = spec.sharesHostWith;
    result.engine = engine;
    return result;
}

} // namespace stagehand
