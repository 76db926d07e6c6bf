#include "model/ServiceDependency.h"

namespace stagehand {

QString ServiceDependency::conditionName(Condition condition)
{
    switch (condition) {
    case Condition::Started: return QStringLiteral("service_started");
    case Condition::Healthy: return QStringLiteral("service_healthy");
    case Condition::CompletedSuccessfully: return QStringLiteral("service_completed_successfully");
    }
    return {};
}

} // namespace stagehand
