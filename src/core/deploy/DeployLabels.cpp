#include "deploy/DeployLabels.h"

namespace stagehand {

QString DeployLabels::dependsOnValue(const QList<ServiceDependency> &dependencies)
{
    QStringList items;
    items.reserve(dependencies.size());
    for (const ServiceDependency &dependency : dependencies) {
        items.append(dependency.service + QLatin1Char(':') + ServiceDependency::conditionName(dependency.condition)
                     + QLatin1Char(':') + (dependency.restart ? QStringLiteral("true") : QStringLiteral("false")));
    }
    return items.join(QLatin1Char(','));
}

QString DeployLabels::configFilesValue(const QStringList &files)
{
    return files.join(QLatin1Char(','));
}

bool DeployLabels::isFromStagehand(const QMap<QString, QString> &labels)
{
    return labels.value(deployer()) == deployerName();
}

} // namespace stagehand
