#include "docker/DockerClient.h"

#include "docker/DockerClientInternal.h"

#include <QSet>

namespace stagehand {
using namespace detail;

namespace {

using Target = PruneReport::Target;

// The caller's filters plus the prune's own (the caller's win where both name one).
EngineFilters withDefaults(EngineFilters filters, const EngineFilters &defaults)
{
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        if (!filters.contains(it.key()))
            filters.insert(it.key(), it.value());
    }
    return filters;
}

QString prunePath(Target target)
{
    switch (target) {
    case Target::Containers:
        return QStringLiteral("/containers/prune");
    case Target::DanglingImages:
        return QStringLiteral("/images/prune");
    case Target::Volumes:
        return QStringLiteral("/volumes/prune");
    case Target::Networks:
        return QStringLiteral("/networks/prune");
    }
    return {};
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

// A preview from a list answer: each object's Id, and its size under sizeKey added up.
EngineResult<PruneReport> idsAndSizes(PruneReport report, const EngineResponse &response, QLatin1String sizeKey)
{
    const QJsonArray array = response.json().array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        report.removed.append(o.value(QLatin1String("Id")).toString());
        report.spaceReclaimed += o.value(sizeKey).toInteger();
    }
    return EngineResult<PruneReport>::success(report);
}

} // namespace

QFuture<EngineResult<PruneReport>> DockerClient::previewPrune(PruneReport::Target target, const EngineFilters &filters)
{
    PruneReport empty;
    empty.target = target;
    empty.preview = true;
    EngineRequest r;
    switch (target) {
    case Target::Containers:
        // What the engine prunes: every container that is not running (paused ones count as running).
        r = getRequest(QStringLiteral("/containers/json"),
                       withDefaults(filters, {{QStringLiteral("status"),
                                               {QStringLiteral("created"), QStringLiteral("exited"), QStringLiteral("dead")}}}));
        r.query.append({QStringLiteral("all"), QStringLiteral("1")});
        r.query.append({QStringLiteral("size"), QStringLiteral("1")});
        return call<PruneReport>(std::move(r), [empty](const EngineResponse &response) {
            return idsAndSizes(empty, response, QLatin1String("SizeRw")); // the container's own layer
        });
    case Target::DanglingImages:
        r = getRequest(QStringLiteral("/images/json"),
                       withDefaults(filters, {{QStringLiteral("dangling"), {QStringLiteral("true")}}}));
        return call<PruneReport>(std::move(r), [empty](const EngineResponse &response) {
            return idsAndSizes(empty, response, QLatin1String("Size"));
        });
    case Target::Networks:
        r = getRequest(QStringLiteral("/networks"),
                       withDefaults(filters, {{QStringLiteral("dangling"), {QStringLiteral("true")}},
                                              {QStringLiteral("type"), {QStringLiteral("custom")}}}));
        return call<PruneReport>(std::move(r), [preview = empty](const EngineResponse &response) {
            PruneReport report = preview;
            const QJsonArray array = response.json().array();
            for (const QJsonValue &v : array)
                report.removed.append(v.toObject().value(QLatin1String("Name")).toString());
            return EngineResult<PruneReport>::success(report);
        });
    case Target::Volumes:
        break;
    }

    // Volumes: the unused ones, sized by /system/df (the only call that sizes volumes).
    auto promise = std::make_shared<QPromise<EngineResult<PruneReport>>>();
    promise->start();
    QFuture<EngineResult<PruneReport>> future = promise->future();
    auto finish = [promise](const EngineResult<PruneReport> &result) {
        promise->addResult(result);
        promise->finish();
    };
    r = getRequest(QStringLiteral("/volumes"), withDefaults(filters, {{QStringLiteral("dangling"), {QStringLiteral("true")}}}));
    send(std::move(r), [this, report = empty, finish](const EngineResponse &listed) mutable {
        if (!listed.ok())
            return finish(EngineResult<PruneReport>::failure(listed.error));
        const QJsonArray volumes = listed.json().object().value(QLatin1String("Volumes")).toArray();
        for (const QJsonValue &v : volumes)
            report.removed.append(v.toObject().value(QLatin1String("Name")).toString());
        if (report.removed.isEmpty())
            return finish(EngineResult<PruneReport>::success(report));
        EngineRequest df;
        df.path = QStringLiteral("/system/df");
        df.timeoutMs = 0;
        send(std::move(df), [report, finish](const EngineResponse &usage) mutable {
            if (!usage.ok())
                return finish(EngineResult<PruneReport>::failure(usage.error));
            const QSet<QString> names(report.removed.begin(), report.removed.end());
            const QJsonArray all = usage.json().object().value(QLatin1String("Volumes")).toArray();
            for (const QJsonValue &v : all) {
                const QJsonObject o = v.toObject();
                const qint64 size = o.value(QLatin1String("UsageData")).toObject().value(QLatin1String("Size")).toInteger();
                if (names.contains(o.value(QLatin1String("Name")).toString()) && size > 0)
                    report.spaceReclaimed += size;
            }
            finish(EngineResult<PruneReport>::success(report));
        });
    });
    return future;
}

QFuture<EngineResult<PruneReport>> DockerClient::prune(PruneReport::Target target, const EngineFilters &filters)
{
    EngineRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = prunePath(target);
    const EngineFilters effective = target == Target::DanglingImages
                                        ? withDefaults(filters, {{QStringLiteral("dangling"), {QStringLiteral("true")}}})
                                        : filters;
    if (!effective.isEmpty())
        r.query.append({QStringLiteral("filters"), filtersJson(effective)});
    r.timeoutMs = 0; // removes (and sizes) as much as it finds
    return call<PruneReport>(std::move(r), [target](const EngineResponse &response) {
        const EngineResult<QJsonObject> parsed = parseObject(response);
        if (!parsed.ok())
            return EngineResult<PruneReport>::failure(parsed.error);
        const QJsonObject &o = *parsed;
        PruneReport report;
        report.target = target;
        report.spaceReclaimed = o.value(QLatin1String("SpaceReclaimed")).toInteger();
        switch (target) {
        case Target::Containers:
            report.removed = strings(o.value(QLatin1String("ContainersDeleted")));
            break;
        case Target::DanglingImages: {
            const QJsonArray deleted = o.value(QLatin1String("ImagesDeleted")).toArray();
            for (const QJsonValue &v : deleted) {
                const QJsonObject item = v.toObject();
                if (item.contains(QLatin1String("Deleted")))
                    report.removed.append(item.value(QLatin1String("Deleted")).toString());
                if (item.contains(QLatin1String("Untagged")))
                    report.untagged.append(item.value(QLatin1String("Untagged")).toString());
            }
            break;
        }
        case Target::Volumes:
            report.removed = strings(o.value(QLatin1String("VolumesDeleted")));
            break;
        case Target::Networks:
            report.removed = strings(o.value(QLatin1String("NetworksDeleted")));
            break;
        }
        return EngineResult<PruneReport>::success(report);
    });
}

} // namespace stagehand
