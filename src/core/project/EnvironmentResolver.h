#pragma once

#include "model/ComposeModel.h"
#include "model/Project.h"
#include "util/Diagnostic.h"

#include <QMap>
#include <QProcessEnvironment>

#include <optional>

namespace stagehand {

struct ResolvedEnvironment {
    QString environment;
    std::optional<ComposeModel> model; // absent when loading failed
    Diagnostics diagnostics;
    QMap<QString, QString> envFileVariables; // the environment's env file, as parsed
    QStringList referencedVariables;         // every variable the compose files refer to

    bool ok() const { return model.has_value() && !hasErrors(diagnostics); }
};

// Resolves one environment of a project as `docker compose --env-file E -f A -f B config` would:
// reads each file, interpolates it (the shell's variables win over the env file's, as in Compose),
// merges overrides, and checks the result against the Compose specification.
class EnvironmentResolver {
public:
    explicit EnvironmentResolver(QProcessEnvironment shell = QProcessEnvironment::systemEnvironment());

    ResolvedEnvironment resolve(const Project &project, const QString &environmentName) const;
    ResolvedEnvironment resolve(const Project &project, const EnvironmentSpec &environment) const;

private:
    QProcessEnvironment m_shell;
};

} // namespace stagehand
