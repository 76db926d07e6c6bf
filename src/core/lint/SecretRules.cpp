#include "lint/SecretRules.h"

#include "lint/LintRule.h"
#include "util/SecretRegistry.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace stagehand {
namespace {

// The last word of a name that says the variable holds something about a secret, not the secret:
// POSTGRES_PASSWORD_FILE, POSTGRES_HOST_AUTH_METHOD, OAUTH_CLIENT_ID, JWT_SECRET_ALGORITHM, ...
bool isAboutSecret(const QString &name)
{
    static const QSet<QString> words{
        QStringLiteral("FILE"),    QStringLiteral("PATH"),     QStringLiteral("DIR"),       QStringLiteral("METHOD"),
        QStringLiteral("URL"),     QStringLiteral("URI"),      QStringLiteral("ENABLED"),   QStringLiteral("ENABLE"),
        QStringLiteral("DISABLED"), QStringLiteral("MODE"),    QStringLiteral("TYPE"),      QStringLiteral("PROVIDER"),
        QStringLiteral("HOST"),    QStringLiteral("PORT"),     QStringLiteral("USER"),      QStringLiteral("USERNAME"),
        QStringLiteral("NAME"),    QStringLiteral("ALGORITHM"), QStringLiteral("ALG"),      QStringLiteral("TTL"),
        QStringLiteral("TIMEOUT"), QStringLiteral("EXPIRY"),   QStringLiteral("EXPIRES"),   QStringLiteral("LIFETIME"),
        QStringLiteral("LENGTH"),  QStringLiteral("ID"),       QStringLiteral("HEADER"),    QStringLiteral("REQUIRED"),
    };
    const QString last = name.section(u'_', -1).toUpper();
    return words.contains(last);
}

bool isSwitchOrNumber(const QString &value)
{
    static const QSet<QString> words{QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("yes"), QStringLiteral("no"),
                                     QStringLiteral("on"),   QStringLiteral("off"),   QStringLiteral("none"), QStringLiteral("null")};
    if (words.contains(value.trimmed().toLower()))
        return true;
    bool number = false;
    value.trimmed().toLongLong(&number);
    return number;
}

// A compose file's literal as the container gets it: "$$" is one "$".
QString literalValue(const QString &raw)
{
    QString value = raw;
    value.replace(QStringLiteral("$$"), QStringLiteral("$"));
    return value;
}

const QString Hint = QStringLiteral(
    "keep the value out of files that are committed: set it in the shell or a secret store when deploying, or use "
    "Compose secrets (secrets: with a *_FILE variable); at the least keep this file out of version control and "
    "readable only by its owner (chmod 600)");

} // namespace

bool SecretRules::isSecretVariable(const QString &name, const QString &value)
{
    return SecretRegistry::isSecretName(name) && !isAboutSecret(name) && !value.trimmed().isEmpty() && !isSwitchOrNumber(value);
}

QList<SecretRules::Place> SecretRules::places(const LintContext &context)
{
    QList<Place> result;
    for (const LintEnvFile &file : context.envFiles()) {
        for (const LintEnvFileEntry &entry : file.entries) {
            if (entry.literal && isSecretVariable(entry.key, entry.value))
                result.append({context.environment(), entry.key, entry.value, {}, entry.location});
        }
    }
    for (const QString &service : context.services()) {
        const QMap<QString, LintEnvironmentValue> environment = context.composeEnvironment(service);
        for (const LintEnvironmentValue &value : environment) {
            if (value.hasValue && value.literal && isSecretVariable(value.name, value.rawValue))
                result.append({context.environment(), value.name, literalValue(value.rawValue), service, value.location});
        }
    }
    return result;
}

void SecretRules::plaintextSecrets(const LintContext &context, Diagnostics &findings)
{
    const Diagnostic::Severity severity = context.isDevelopment() ? Diagnostic::Severity::Info : Diagnostic::Severity::Warning;
    for (const Place &place : places(context)) {
        QString message;
        QString hint;
        if (place.service.isEmpty()) {
            message = QStringLiteral("%1 is written in plain text in %2").arg(place.name, context.displayPath(place.location.file));
            hint = Hint;
        } else {
            message = QStringLiteral("%1 of service '%2' is written in plain text in %3")
                          .arg(place.name, place.service, context.displayPath(place.location.file));
            hint = QStringLiteral("write %1: ${%1} here and set the value where the environment is deployed (its env file kept "
                                  "out of version control, the shell or a secret store), or use Compose secrets")
                       .arg(place.name);
        }
        findings.append(LintRule::finding(severity, LintRule::plaintextSecret(), place.location, place.service, message, hint));
    }
}

Diagnostics SecretRules::reusedSecrets(const QList<const LintContext *> &contexts, const QString &focus)
{
    Diagnostics findings;
    // Per environment, each secret value once: its first place.
    QList<QHash<QString, Place>> byValue;
    for (const LintContext *context : contexts) {
        QHash<QString, Place> values;
        for (const Place &place : places(*context)) {
            if (place.value.size() >= SecretRegistry::MinimumLength && !values.contains(place.value))
                values.insert(place.value, place);
        }
        byValue.append(values);
    }
    QSet<QString> reported; // location + value: one finding per place and value, naming the earliest environment
    for (qsizetype later = 0; later < contexts.size(); ++later) {
        for (qsizetype earlier = 0; earlier < later; ++earlier) {
            const QString &laterName = contexts.at(later)->environment();
            const QString &earlierName = contexts.at(earlier)->environment();
            if (!focus.isEmpty() && focus != laterName && focus != earlierName)
                continue;
            const bool atEarlier = !focus.isEmpty() && focus == earlierName;
            const LintContext &here = *contexts.at(atEarlier ? earlier : later);
            const QHash<QString, Place> &mine = byValue.at(atEarlier ? earlier : later);
            const QHash<QString, Place> &theirs = byValue.at(atEarlier ? later : earlier);
            // In the order the places appear in this environment.
            QList<Place> ordered = mine.values();
            std::sort(ordered.begin(), ordered.end(), [](const Place &a, const Place &b) {
                return std::tie(a.location.file, a.location.line, a.location.column) < std::tie(b.location.file, b.location.line, b.location.column);
            });
            for (const Place &place : ordered) {
                const auto other = theirs.constFind(place.value);
                if (other == theirs.cend())
                    continue;
                const QString key = place.location.toString() + u'\n' + place.value;
                if (reported.contains(key))
                    continue;
                reported.insert(key);
                QString message;
                if (place.location == other->location) {
                    message = QStringLiteral("environments %1 and %2 both take the secret %3 from %4: they share one secret")
                                  .arg(other->environment, place.environment, place.name, here.displayLocation(place.location));
                } else if (place.name == other->name) {
                    message = QStringLiteral("the secret %1 has the same value in %2 (here) and %3 (%4)")
                                  .arg(place.name, place.environment, other->environment, here.displayLocation(other->location));
                } else {
                    message = QStringLiteral("the secret %1 has the same value in %2 (here) as %3 in %4 (%5)")
                                  .arg(place.name, place.environment, other->name, other->environment,
                                       here.displayLocation(other->location));
                }
                const QString hint = QStringLiteral("give each environment its own secret, so that one leaked or shared "
                                                    "environment does not open the other; rotate the value in %1")
                                         .arg(place.environment);
                findings.append(LintRule::finding(Diagnostic::Severity::Warning, LintRule::secretReused(), place.location,
                                                  place.service, message, hint));
            }
        }
    }
    return findings;
}

} // namespace stagehand
