#pragma once

#include "deploy/Release.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace stagehand {

class Database;

// The releases of every environment, in the Stagehand store (tables releases and release_services).
// A release never holds a plaintext secret: begin() stores the configuration through
// redactConfiguration(). Use it on the Database's thread.
class ReleaseStore {
public:
    explicit ReleaseStore(Database &db);

    // Begins a release: assigns the next number for (project, environment), outcome "running"
    // (startedAt now when unset); returns it with id and number set, or nullopt with *error.
    std::optional<Release> begin(Release release, QString *error);
    // Records the end of a running release (by id): outcome ("succeeded", "failed" or "cancelled"),
    // message (scrubbed by SecretRegistry), finishedAt (now when unset) and services (replacing those
    // begin() stored). A finished release is never changed again.
    bool finish(const Release &release, QString *error);
    // The queries below return nothing when the store cannot be read: pass error to tell that apart
    // from "no releases" (a pruner must, or it would take a failure for "nothing to keep").

    // Newest first; limit < 0: all.
    QList<Release> list(const QString &project, const QString &environment, int limit = -1, QString *error = nullptr) const;
    std::optional<Release> get(const QString &project, const QString &environment, int number, QString *error = nullptr) const;
    // Release tags of the images of the last `keep` succeeded releases of (project, environment):
    // what prune must keep. Newest release first, without duplicates, empty tags or removed services.
    QStringList protectedImageTags(const QString &project, const QString &environment, int keep, QString *error = nullptr) const;

    // "stagehand/<project>/<service>:r<number>", each name lowercased and made a valid repository path
    // component ([a-z0-9]+ joined by ".", "_", "__" or "-"; accents dropped, other characters "-").
    static QString releaseTag(const QString &project, const QString &service, int number);

    // The resolved configuration with every secret value replaced by "sha256:<hex of the value>":
    //  - services' environment values and build args whose names SecretRegistry::isSecretName() calls secret;
    //  - the content of top-level secrets and configs;
    //  - and, anywhere else in the document (commands, healthchecks, URLs, labels...), every occurrence
    //    of a value found above (those that are secrets: not switches or numbers, at least
    //    SecretRegistry::MinimumLength characters) or of a secret-named variable's value passed in
    //    `variables` (the env file's, ResolvedEnvironment::envFileVariables).
    // Deterministic (it depends on its arguments only) and idempotent.
    static QJsonObject redactConfiguration(const QJsonObject &composeJson);
    static QJsonObject redactConfiguration(const QJsonObject &composeJson, const QMap<QString, QString> &variables);
    // "sha256:<hex>" of the value.
    static QString secretDigest(const QString &value);

private:
    Database &m_db;
};

} // namespace stagehand
