#pragma once

#include "util/Diagnostic.h"

#include <QList>
#include <QString>

namespace stagehand {

// One lint rule: its name (the `rule` of its findings, part of the CLI's JSON), the severity of
// its findings, and what it looks for.
struct LintRule {
    QString name;
    Diagnostic::Severity severity = Diagnostic::Severity::Warning;
    QString summary;

    static QString plaintextSecret() { return QStringLiteral("plaintext-secret"); }
    static QString imageLatest() { return QStringLiteral("image-latest"); }
    static QString healthcheckMissing() { return QStringLiteral("healthcheck-missing"); }
    static QString dependsOnCycle() { return QStringLiteral("depends-on-cycle"); }
    static QString resourcesMissing() { return QStringLiteral("resources-missing"); }
    static QString databasePortPublic() { return QStringLiteral("database-port-public"); }
    static QString debugOutsideDev() { return QStringLiteral("debug-outside-dev"); }
    static QString variableUndefined() { return QStringLiteral("variable-undefined"); }
    static QString secretReused() { return QStringLiteral("secret-reused"); }

    // Every rule, in the order above.
    static const QList<LintRule> &all();

    // A finding of this rule.
    static Diagnostic finding(Diagnostic::Severity severity, const QString &rule, SourceLocation where, QString service,
                              QString message, QString hint);
};

} // namespace stagehand
