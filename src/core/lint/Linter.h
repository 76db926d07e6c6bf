#pragma once

#include "model/Project.h"
#include "project/EnvironmentResolver.h"
#include "util/Diagnostic.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace stagehand {

// Lints a project's environments (see LintRule::all() for the rules). The findings are
// Diagnostics with rule, service (empty for a finding in an env file) and hint set, located at the
// characters that cause them. Reads the environments' files again (to locate values exactly) and
// nothing else; const and free of shared state, so it runs off the GUI thread (runAsync).
// LintFixer offers the fixes.
class Linter {
public:
    // shell: the variables interpolation sees besides the env file (those the environments were resolved with).
    explicit Linter(QProcessEnvironment shell = QProcessEnvironment::systemEnvironment());

    // One environment: every rule but secret-reused, which compares environments. An environment
    // that failed to load still gets the rules that need no model (plaintext-secret, variable-undefined).
    Diagnostics lintEnvironment(const Project &project, const ResolvedEnvironment &environment) const;

    // focus empty: every environment given, and secret-reused across them (the same finding from
    // several environments, as for a file they share, is reported once, at its highest severity).
    // focus set: that environment's findings, and secret-reused between it and the others.
    // Sorted by file, line, column and rule.
    Diagnostics lintProject(const Project &project, const QHash<QString, ResolvedEnvironment> &environments,
                            const QString &focus = {}) const;

    // By file, line, column, rule, message.
    static void sort(Diagnostics &findings);

private:
    QProcessEnvironment m_shell;
};

} // namespace stagehand
