#include "ProjectController.h"

#include "lint/Linter.h"
#include "project/ProjectLoader.h"
#include "util/AsyncTask.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace stagehand {

ProjectController::ProjectController(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher(this))
    , m_reloadTimer(new QTimer(this))
{
    // Editors save in bursts (write, rename, chmod): reload once they are done.
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(300);
    connect(m_reloadTimer, &QTimer::timeout, this, [this] {
        Q_EMIT filesChanged();
        reload();
    });
    auto changed = [this] {
        if (m_watchFiles)
            m_reloadTimer->start();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
}

void ProjectController::setWatchFiles(bool watch)
{
    m_watchFiles = watch;
}

namespace {

// A port conflict as a finding of the environment whose service should move.
Diagnostic conflictFinding(const PortConflict &conflict)
{
    QStringList others;
    for (const PortClaimant &claimant : conflict.claimants)
        others.append(claimant.describe());
    Diagnostic d = Diagnostic::error(conflict.suggestion ? conflict.suggestion->location : SourceLocation{},
                                     QStringLiteral("host port %1/%2 is claimed by %3").arg(conflict.port).arg(conflict.protocol,
                                                                                           others.join(QStringLiteral(", "))));
    d.rule = QStringLiteral("port-conflict");
    if (conflict.suggestion) {
        d.service = conflict.suggestion->service;
        d.hint = QStringLiteral("move %1 to port %2 (Ports tab: Apply Suggestion)").arg(conflict.suggestion->service).arg(conflict.suggestion->port);
    }
    return d;
}

} // namespace

ProjectController::Loaded ProjectController::loadAll(const QString &path, const QList<Analysis> &analyses, bool probePorts)
{
    Loaded loaded;
    ProjectLoadResult result = ProjectLoader::load(path);
    loaded.project = std::move(result.project);
    loaded.diagnostics = std::move(result.diagnostics);
    if (!loaded.project)
        return loaded;
    const Project &project = *loaded.project;
    if (!project.projectFile.isEmpty())
        loaded.files.append(project.projectFile);
    const EnvironmentResolver resolver;
    for (const EnvironmentSpec &env : project.environments) {
        loaded.environments.insert(env.name, resolver.resolve(project, env));
        loaded.files.append(env.composeFiles);
        if (!env.envFile.isEmpty())
            loaded.files.append(env.envFile);
    }
    const Linter linter;
    for (const EnvironmentSpec &env : project.environments) {
        const ResolvedEnvironment &resolved = loaded.environments[env.name];
        Diagnostics findings;
        // Lint says where an unset variable is used (variable-undefined): the loader's own
        // "not set" warning would say it twice.
        for (const Diagnostic &d : resolved.diagnostics) {
            if (!(d.severity == Diagnostic::Severity::Warning && d.message.contains(QLatin1String("variable is not set"))))
                findings.append(d);
        }
        findings.append(linter.lintProject(project, loaded.environments, env.name));
        if (resolved.model) {
            for (const Analysis &analysis : analyses)
                findings.append(analysis(project, resolved));
        }
        loaded.findings.insert(env.name, std::move(findings));
    }
    loaded.files.removeDuplicates();

    PortCheckOptions options;
    options.probeHost = probePorts;
    options.probeEngine = probePorts;
    auto ports = std::make_shared<PortCheckResult>(PortCheck().run(project, options));
    for (const PortConflict &conflict : ports->conflicts) {
        if (conflict.suggestion)
            loaded.findings[conflict.suggestion->environment].append(conflictFinding(conflict));
    }
    loaded.ports = std::move(ports);
    return loaded;
}

void ProjectController::open(const QString &path)
{
    m_path = path;
    const quint64 generation = ++m_generation;
    Q_EMIT loadingStarted(path);
    spdlog::info("opening project {}", path.toStdString());
    const QList<Analysis> analyses = m_analyses;
    const bool probePorts = m_probePorts;
    runAsync(this, [path, analyses, probePorts] { return loadAll(path, analyses, probePorts); }, [this, generation](Loaded loaded) {
        if (generation != m_generation)
            return; // a newer open() superseded this one
        m_finished = generation;
        m_project = std::move(loaded.project);
        m_projectDiagnostics = std::move(loaded.diagnostics);
        m_environments = std::move(loaded.environments);
        m_findings = std::move(loaded.findings);
        m_ports = std::move(loaded.ports);
        watch(loaded.files);
        Q_EMIT projectLoaded();
    });
}

void ProjectController::watch(const QStringList &files)
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    QStringList existing;
    QStringList directories;
    for (const QString &file : files) {
        if (QFileInfo::exists(file))
            existing.append(file);
        // Editors that save by rename replace the file: watching its folder sees that.
        const QString dir = QFileInfo(file).absolutePath();
        if (!directories.contains(dir))
            directories.append(dir);
    }
    if (!existing.isEmpty())
        m_watcher->addPaths(existing);
    if (!directories.isEmpty())
        m_watcher->addPaths(directories);
}

void ProjectController::reload()
{
    if (!m_path.isEmpty())
        open(m_path);
}

const ResolvedEnvironment *ProjectController::environment(const QString &name) const
{
    auto it = m_environments.constFind(name);
    return it == m_environments.cend() ? nullptr : &*it;
}

EnvironmentSnapshot ProjectController::snapshot(const QString &environmentName) const
{
    EnvironmentSnapshot snapshot;
    snapshot.project = m_project ? &*m_project : nullptr;
    snapshot.environment = environment(environmentName);
    snapshot.findings = snapshot.environment ? m_findings.value(environmentName) : m_projectDiagnostics;
    snapshot.ports = m_ports;
    return snapshot;
}

} // namespace stagehand
