#include "docker/ComposeMatcher.h"

#include "project/EnvironmentResolver.h"

#include <algorithm>

namespace stagehand {
namespace {

void sortByNumber(QList<ContainerSummary> &containers)
{
    std::stable_sort(containers.begin(), containers.end(), [](const ContainerSummary &a, const ContainerSummary &b) {
        const int na = ComposeMatcher::containerNumber(a);
        const int nb = ComposeMatcher::containerNumber(b);
        if (na != nb)
            return na < nb;
        return a.name() < b.name();
    });
}

} // namespace

bool ComposeMatcher::isOneOff(const ContainerSummary &container)
{
    return container.labels.value(oneOffLabel()).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

int ComposeMatcher::containerNumber(const ContainerSummary &container)
{
    bool ok = false;
    const int number = container.labels.value(numberLabel()).toInt(&ok);
    return ok ? number : 0;
}

QMap<QString, QStringList> ComposeMatcher::filters(const QString &project)
{
    return {{QStringLiteral("label"), {projectLabel() + u'=' + project}}};
}

EnvironmentContainers ComposeMatcher::match(const QString &project, const QStringList &services,
                                            const QList<ContainerSummary> &containers)
{
    EnvironmentContainers result;
    result.project = project;
    for (const QString &service : services)
        result.services.insert(service, {});
    for (const ContainerSummary &container : containers) {
        const auto label = container.labels.constFind(projectLabel());
        if (label == container.labels.cend() || *label != project)
            continue;
        if (isOneOff(container)) {
            result.oneOffs.append(container);
            continue;
        }
        const auto service = result.services.find(container.composeService());
        if (service == result.services.end() || container.composeService().isEmpty())
            result.orphans.append(container);
        else
            service->append(container);
    }
    for (QList<ContainerSummary> &list : result.services)
        sortByNumber(list);
    sortByNumber(result.oneOffs);
    sortByNumber(result.orphans);
    return result;
}

EnvironmentContainers ComposeMatcher::match(const ResolvedEnvironment &environment, const QList<ContainerSummary> &containers)
{
    if (!environment.model)
        return match(QString(), {}, containers);
    return match(environment.model->name, environment.model->services.keys(), containers);
}

} // namespace stagehand
