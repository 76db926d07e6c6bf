#include "ProjectController.h"

#include "project/ProjectLoader.h"
#include "util/AsyncTask.h"

#include <spdlog/spdlog.h>

namespace stagehand {

ProjectController::ProjectController(QObject *parent)
    : QObject(parent)
{
}

ProjectController::Loaded ProjectController::loadAll(const QString &path)
{
    Loaded loaded;
    ProjectLoadResult result = ProjectLoader::load(path);
    loaded.project = std::move(result.project);
    loaded.diagnostics = std::move(result.diagnostics);
    if (loaded.project) {
        const EnvironmentResolver resolver;
        for (const EnvironmentSpec &env : loaded.project->environments)
            loaded.environments.insert(env.name, resolver.resolve(*loaded.project, env));
    }
    return loaded;
}

void ProjectController::open(const QString &path)
{
    m_path = path;
    const quint64 generation = ++m_generation;
    Q_EMIT loadingStarted(path);
    spdlog::info("opening project {}", path.toStdString());
    runAsync(this, [path] { return loadAll(path); }, [this, generation](Loaded loaded) {
        if (generation != m_generation)
            return; // a newer open() superseded this one
        m_finished = generation;
        m_project = std::move(loaded.project);
        m_projectDiagnostics = std::move(loaded.diagnostics);
        m_environments = std::move(loaded.environments);
        Q_EMIT projectLoaded();
    });
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

} // namespace stagehand
