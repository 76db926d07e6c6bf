#include "lint/Linter.h"

#include "lint/DatabasePorts.h"
#include "lint/LintContext.h"
#include "lint/SecretRules.h"
#include "lint/ServiceRules.h"
#include "lint/VariableRules.h"

#include <QHash>

#include <algorithm>
#include <memory>
#include <tuple>
#include <vector>

namespace stagehand {
namespace {

void lintContext(const LintContext &context, Diagnostics &findings)
{
    SecretRules::plaintextSecrets(context, findings);
    ServiceRules::imageTags(context, findings);
    ServiceRules::healthchecks(context, findings);
    ServiceRules::dependencyCycles(context, findings);
    ServiceRules::resourceLimits(context, findings);
    DatabasePorts::check(context, findings);
    ServiceRules::debugSettings(context, findings);
    VariableRules::undefinedVariables(context, findings);
}

int rank(Diagnostic::Severity severity)
{
    switch (severity) {
    case Diagnostic::Severity::Error: return 2;
    case Diagnostic::Severity::Warning: return 1;
    case Diagnostic::Severity::Info: return 0;
    }
    return 0;
}

// The same finding from several environments (a file they share) once, at its highest severity.
Diagnostics unique(const Diagnostics &findings)
{
    Diagnostics result;
    QHash<QString, qsizetype> index;
    for (const Diagnostic &d : findings) {
        const QString key = d.rule + u'\n' + d.location.toString() + u'\n' + d.service;
        const auto it = index.constFind(key);
        if (it == index.cend()) {
            index.insert(key, result.size());
            result.append(d);
        } else if (rank(d.severity) > rank(result.at(*it).severity)) {
            result[*it].severity = d.severity;
        }
    }
    return result;
}

} // namespace

Linter::Linter(QProcessEnvironment shell)
    : m_shell(std::move(shell))
{
}

Diagnostics Linter::lintEnvironment(const Project &project, const ResolvedEnvironment &environment) const
{
    Diagnostics findings;
    const LintContext context(project, environment, m_shell);
    lintContext(context, findings);
    findings = unique(findings);
    sort(findings);
    return findings;
}

Diagnostics Linter::lintProject(const Project &project, const QHash<QString, ResolvedEnvironment> &environments,
                                const QString &focus) const
{
    // The promotion order first, then the project's order: secret-reused names the earlier environment.
    QStringList order;
    for (const QString &name : project.promotion) {
        if (environments.contains(name) && !order.contains(name))
            order.append(name);
    }
    for (const QString &name : project.environmentNames()) {
        if (environments.contains(name) && !order.contains(name))
            order.append(name);
    }
    for (auto it = environments.cbegin(); it != environments.cend(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }

    std::vector<std::unique_ptr<LintContext>> contexts;
    QList<const LintContext *> pointers;
    Diagnostics findings;
    for (const QString &name : std::as_const(order)) {
        contexts.push_back(std::make_unique<LintContext>(project, *environments.constFind(name), m_shell));
        pointers.append(contexts.back().get());
        if (focus.isEmpty() || focus == name)
            lintContext(*contexts.back(), findings);
    }
    findings.append(SecretRules::reusedSecrets(pointers, focus));
    findings = unique(findings);
    sort(findings);
    return findings;
}

void Linter::sort(Diagnostics &findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::tie(a.location.file, a.location.line, a.location.column, a.rule, a.message)
               < std::tie(b.location.file, b.location.line, b.location.column, b.rule, b.message);
    });
}

} // namespace stagehand
