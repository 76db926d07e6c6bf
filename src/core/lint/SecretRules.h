#pragma once

#include "lint/LintContext.h"
#include "util/Diagnostic.h"

#include <QList>
#include <QString>

namespace stagehand {

// plaintext-secret and secret-reused: secret-looking variables (SecretRegistry::isSecretName) whose
// value is written out in a compose file's `environment` or an env file, rather than referred to.
class SecretRules {
public:
    // One secret written out: where, under which name, with which value.
    struct Place {
        QString environment;
        QString name;
        QString value;
        QString service; // empty in an env file
        SourceLocation location;
    };

    static void plaintextSecrets(const LintContext &context, Diagnostics &findings);
    // Compares the environments pairwise, in the given order (the project's promotion order first).
    // A finding sits at the later environment's place and names the earlier one; with focus set,
    // only pairs with that environment count and the finding sits at its place.
    static Diagnostics reusedSecrets(const QList<const LintContext *> &contexts, const QString &focus = {});

    // The environment's secrets written out: env files first (in order), then the compose files.
    static QList<Place> places(const LintContext &context);
    // A name that holds a secret value (not a secret's file, user name, switch or algorithm).
    static bool isSecretVariable(const QString &name, const QString &value);
};

} // namespace stagehand
