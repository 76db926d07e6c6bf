#pragma once

#include "analysis/PortAnalysisInput.h"
#include "analysis/PortConflict.h"
#include "model/Project.h"
#include "util/Diagnostic.h"

#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace stagehand {

struct PortCheckOptions {
    QString environment;   // empty: every environment (and the cross check of those sharing a host)
    bool probeHost = true; // read this host's listeners (/proc)
    bool probeEngine = true; // ask the engines which ports running containers publish
    QString procRoot = QStringLiteral("/proc");
    int engineTimeoutMs = 5000;
};

struct PortCheckResult {
    QStringList environments; // checked, primary first
    Diagnostics diagnostics;  // from resolving them
    QStringList notes;        // what could not be checked (an engine unreachable, ...), as warnings
    bool complete = true;     // false: an environment could not be resolved, and was left out
    QList<PortConflict> conflicts;
    PortAnalysisInput input; // what was analysed: every environment's ports, listeners, containers (the port map draws it)
    int publishedPorts = 0;
    int hostListeners = 0;
    int containerPorts = 0;
    // Per environment, the variables set where it resolves (its env file, then the shell's): what
    // a PortEditor for its files needs.
    QHash<QString, QHash<QString, QString>> setVariables;
};

// The ports check of a project: resolves the environments, gathers this host's listeners
// (HostPortProbe) and the containers' publications (EnginePortProbe, one call per engine), and
// runs PortAnalyzer. With an environment named, checks it with the environments it shares a
// host with (the cross check), it first; else every environment, in the project's order.
// An unreachable engine is a note, not an error: the rest is checked.
class PortCheck {
public:
    explicit PortCheck(QProcessEnvironment shell = QProcessEnvironment::systemEnvironment());

    PortCheckResult run(const Project &project, const PortCheckOptions &options = {}) const;

    // The environments checked for `environment` (empty: all), primary first; empty if unknown.
    static QStringList environmentsFor(const Project &project, const QString &environment);

private:
    QProcessEnvironment m_shell;
};

} // namespace stagehand
