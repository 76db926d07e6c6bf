#include "lint/LintRule.h"

namespace stagehand {

const QList<LintRule> &LintRule::all()
{
    using S = Diagnostic::Severity;
    static const QList<LintRule> rules{
        {plaintextSecret(), S::Warning,
         QStringLiteral("a password, token or key written out in a compose or env file (info in a development environment)")},
        {imageLatest(), S::Warning, QStringLiteral("an image tagged latest, or not tagged at all")},
        {healthcheckMissing(), S::Error,
         QStringLiteral("a service others wait for with condition: service_healthy has no healthcheck")},
        {dependsOnCycle(), S::Error, QStringLiteral("services that wait for each other through depends_on")},
        {resourcesMissing(), S::Warning,
         QStringLiteral("a long-running service without a memory or CPU limit (info in a development environment)")},
        {databasePortPublic(), S::Warning, QStringLiteral("a database port published on all interfaces")},
        {debugOutsideDev(), S::Warning, QStringLiteral("debug flags, debug logging or development mode outside development")},
        {variableUndefined(), S::Warning, QStringLiteral("a variable used without a default and set nowhere")},
        {secretReused(), S::Warning, QStringLiteral("the same secret value in two environments")},
    };
    return rules;
}

Diagnostic LintRule::finding(Diagnostic::Severity severity, const QString &rule, SourceLocation where, QString service,
                             QString message, QString hint)
{
    Diagnostic d = Diagnostic::make(severity, std::move(where), std::move(message));
    d.rule = rule;
    d.service = std::move(service);
    d.hint = std::move(hint);
    return d;
}

} // namespace stagehand
