#pragma once

#include "EnvironmentSnapshot.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace stagehand {

// Holds the open project and its resolved environments for the views. Loading, resolving and the
// analyses run off the GUI thread; results arrive as signals. The project's files are watched and
// the project is reloaded when one changes on disk.
class ProjectController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectController)

public:
    // An analysis of one environment (lint, ports, ...); runs on a worker thread.
    using Analysis = std::function<Diagnostics(const Project &, const ResolvedEnvironment &)>;

    explicit ProjectController(QObject *parent = nullptr);

    void addAnalysis(Analysis analysis) { m_analyses.append(std::move(analysis)); }
    void setWatchFiles(bool watch);
    // Whether the port check asks this host (/proc) and the engines what they hold (off in some tests).
    void setProbePorts(bool probe) { m_probePorts = probe; }

    void open(const QString &path);
    void reload();
    QString path() const { return m_path; }

    const std::optional<Project> &project() const { return m_project; }
    const Diagnostics &projectDiagnostics() const { return m_projectDiagnostics; }
    const ResolvedEnvironment *environment(const QString &name) const;
    EnvironmentSnapshot snapshot(const QString &environmentName) const;
    bool isBusy() const { return m_generation != m_finished; }

Q_SIGNALS:
    void loadingStarted(const QString &path);
    // The project (or the failure to read it) and every environment resolved and analysed.
    void projectLoaded();
    void filesChanged();

private:
    struct Loaded {
        std::optional<Project> project;
        Diagnostics diagnostics;
        QHash<QString, ResolvedEnvironment> environments;
        QHash<QString, Diagnostics> findings;
        std::shared_ptr<const PortCheckResult> ports;
        QStringList files;
    };
    static Loaded loadAll(const QString &path, const QList<Analysis> &analyses, bool probePorts);
    void watch(const QStringList &files);

    QString m_path;
    std::optional<Project> m_project;
    Diagnostics m_projectDiagnostics;
    QHash<QString, ResolvedEnvironment> m_environments;
    QHash<QString, Diagnostics> m_findings;
    std::shared_ptr<const PortCheckResult> m_ports;
    QList<Analysis> m_analyses;
    QFileSystemWatcher *m_watcher;
    QTimer *m_reloadTimer;
    bool m_watchFiles = true;
    bool m_probePorts = true;
    quint64 m_generation = 0;
    quint64 m_finished = 0;
};

} // namespace stagehand
