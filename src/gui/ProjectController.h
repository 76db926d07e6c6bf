#pragma once

#include "model/Project.h"
#include "project/EnvironmentResolver.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace stagehand {

// Holds the open project and its resolved environments for the views. Loading and resolving run
// off the GUI thread; results arrive as signals.
class ProjectController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectController)

public:
    explicit ProjectController(QObject *parent = nullptr);

    void open(const QString &path);
    void reload();

    const std::optional<Project> &project() const { return m_project; }
    const Diagnostics &projectDiagnostics() const { return m_projectDiagnostics; }
    const ResolvedEnvironment *environment(const QString &name) const;
    bool isBusy() const { return m_generation != m_finished; }

Q_SIGNALS:
    void loadingStarted(const QString &path);
    // The project (or the failure to read it) and every environment resolved.
    void projectLoaded();

private:
    struct Loaded {
        std::optional<Project> project;
        Diagnostics diagnostics;
        QHash<QString, ResolvedEnvironment> environments;
    };
    static Loaded loadAll(const QString &path);

    QString m_path;
    std::optional<Project> m_project;
    Diagnostics m_projectDiagnostics;
    QHash<QString, ResolvedEnvironment> m_environments;
    quint64 m_generation = 0;
    quint64 m_finished = 0;
};

} // namespace stagehand
