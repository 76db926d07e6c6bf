#include "analysis/PortCheck.h"

#include "analysis/EnginePortProbe.h"
#include "analysis/HostPortProbe.h"
#include "analysis/PortAnalyzer.h"
#include "project/EnvironmentResolver.h"

#include <spdlog/spdlog.h>

namespace stagehand {

PortCheck::PortCheck(QProcessEnvironment shell)
    : m_shell(std::move(shell))
{
}

QStringList PortCheck::environmentsFor(const Project &project, const QString &environment)
{
    if (environment.isEmpty())
        return project.environmentNames();
    const EnvironmentSpec *focus = project.environment(environment);
    if (!focus)
        return {};
    QStringList names{environment};
    for (const EnvironmentSpec &other : project.environments) {
        if (other.name != environment
            && (focus->sharesHostWith.contains(other.name) || other.sharesHostWith.contains(environment)))
            names.append(other.name);
    }
    return names;
}

PortCheckResult PortCheck::run(const Project &project, const PortCheckOptions &options) const
{
    PortCheckResult result;
    PortAnalysisInput input;
    input.focus = options.environment;
    result.environments = environmentsFor(project, options.environment);
    if (result.environments.isEmpty()) {
        result.complete = false;
        result.diagnostics.append(Diagnostic::error(SourceLocation{project.projectFile},
                                                    QStringLiteral("no environment '%1' in project '%2'").arg(options.environment, project.name)));
        return result;
    }

    const EnvironmentResolver resolver(m_shell);
    QStringList engines;
    for (const QString &name : std::as_const(result.environments)) {
        const EnvironmentSpec &spec = *project.environment(name);
        const ResolvedEnvironment resolved = resolver.resolve(project, spec);
        result.diagnostics.append(resolved.diagnostics);
        if (!resolved.ok()) {
            result.complete = false;
            continue;
        }
        QHash<QString, QString> variables;
        for (auto it = resolved.envFileVariables.cbegin(); it != resolved.envFileVariables.cend(); ++it)
            variables.insert(it.key(), it.value());
        const QStringList shellKeys = m_shell.keys();
        for (const QString &key : shellKeys)
            variables.insert(key, m_shell.value(key));
        result.setVariables.insert(name, variables);

        const QString engine = EnginePortProbe::resolveEndpoint(spec.engine, m_shell);
        EnvironmentPorts ports = EnvironmentPorts::fromModel(spec, *resolved.model, engine);
        ports.localEngine = EnginePortProbe::isLocal(engine);
        if (!ports.localEngine && options.probeHost)
            result.notes.append(QStringLiteral("environment '%1' runs on the engine at %2, not on this host: this host's listeners "
                                               "were not checked against it").arg(name, engine));
        if (!engines.contains(engine))
            engines.append(engine);
        result.publishedPorts += int(ports.ports.size());
        input.environments.append(ports);
    }

    bool anyLocal = false;
    for (const EnvironmentPorts &environment : std::as_const(input.environments))
        anyLocal = anyLocal || environment.localEngine;
    if (options.probeHost && anyLocal) {
        QString error;
        input.listeners = HostPortProbe(options.procRoot).scan(&error);
        if (!error.isEmpty())
            result.notes.append(QStringLiteral("this host's listeners were not all read (%1)").arg(error));
        int unknownOwners = 0;
        for (const HostListener &listener : std::as_const(input.listeners))
            unknownOwners += listener.pid == 0 ? 1 : 0;
        if (unknownOwners > 0)
            spdlog::debug("ports: {} listening sockets without a visible owner", unknownOwners);
        result.hostListeners = int(input.listeners.size());
    }

    if (options.probeEngine) {
        for (const QString &engine : std::as_const(engines)) {
            const EngineProbeResult probed = EnginePortProbe(engine, options.engineTimeoutMs).probe();
            if (!probed.reachable) {
                QString note = probed.error + QStringLiteral(": ports published by containers outside the environments were not checked");
                if (options.probeHost && EnginePortProbe::isLocal(engine))
                    note += QStringLiteral(" (a docker-proxy listener may then be one of the environments' own containers)");
                result.notes.append(note);
                continue;
            }
            input.containers.append(probed.publications);
            result.containerPorts += int(probed.publications.size());
        }
    }

    result.conflicts = PortAnalyzer::analyze(input);
    result.input = std::move(input);
    return result;
}

} // namespace stagehand
