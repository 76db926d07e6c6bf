#include "model/Project.h"

namespace stagehand {

const EnvironmentSpec *Project::environment(const QString &environmentName) const
{
    for (const EnvironmentSpec &env : environments) {
        if (env.name == environmentName)
            return &env;
    }
    return nullptr;
}

QStringList Project::environmentNames() const
{
    QStringList names;
    for (const EnvironmentSpec &env : environments)
        names.append(env.name);
    return names;
}

} // namespace stagehand
