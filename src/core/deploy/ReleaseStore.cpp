#include "deploy/ReleaseStore.h"

#include "lint/SecretRules.h"
#include "store/Database.h"
#include "util/SecretRegistry.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace stagehand {
namespace {

const QString Running = QStringLiteral("running");

const QString ReleaseColumns =
    QStringLiteral("id, project, environment, compose_project, number, started_at, finished_at, outcome, message, "
                   "env_file_hash, engine, stagehand_version, configuration");

// A string for a NOT NULL column: a null QString would be bound as NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QString timestamp(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromTimestamp(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

// Sets *error (when wanted) to what the query's failure was about; returns false.
bool queryFailed(const QSqlQuery &query, const QString &what, QString *error)
{
    const QString message = QStringLiteral("%1: %2").arg(what, query.lastError().text());
    spdlog::warn("release store: {}", message.toStdString());
    if (error)
        *error = message;
    return false;
}

Release readRelease(const QSqlQuery &q)
{
    Release r;
    r.id = q.value(0).toLongLong();
    r.project = q.value(1).toString();
    r.environment = q.value(2).toString();
    r.composeProject = q.value(3).toString();
    r.number = q.value(4).toInt();
    r.startedAt = fromTimestamp(q.value(5));
    r.finishedAt = fromTimestamp(q.value(6));
    r.outcome = q.value(7).toString();
    r.message = q.value(8).toString();
    r.envFileHash = q.value(9).toString();
    r.engine = q.value(10).toString();
    r.stagehandVersion = q.value(11).toString();
    r.configuration = QJsonDocument::fromJson(q.value(12).toString().toUtf8()).object();
    return r;
}

bool loadServices(const QSqlDatabase &db, Release *release, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT service, image, image_id, release_tag, config_hash, action, duration_ms, outcome "
                             "FROM release_services WHERE release_id = ? ORDER BY position"));
    q.addBindValue(release->id);
    if (!q.exec())
        return queryFailed(q, QStringLiteral("reading the services of release %1").arg(release->number), error);
    while (q.next()) {
        ServiceRelease s;
        s.service = q.value(0).toString();
        s.image = q.value(1).toString();
        s.imageId = q.value(2).toString();
        s.releaseTag = q.value(3).toString();
        s.configHash = q.value(4).toString();
        s.action = q.value(5).toString();
        s.durationMs = q.value(6).toLongLong();
        s.outcome = q.value(7).toString();
        release->services.append(s);
    }
    return true;
}

bool insertServices(const QSqlDatabase &db, qint64 releaseId, const QList<ServiceRelease> &services, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO release_services (release_id, position, service, image, image_id, release_tag, "
                             "config_hash, action, duration_ms, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < services.size(); ++i) {
        const ServiceRelease &s = services.at(i);
        q.addBindValue(releaseId);
        q.addBindValue(qint64(i));
        q.addBindValue(text(s.service));
        q.addBindValue(text(s.image));
        q.addBindValue(text(s.imageId));
        q.addBindValue(text(s.releaseTag));
        q.addBindValue(text(s.configHash));
        q.addBindValue(text(s.action));
        q.addBindValue(s.durationMs);
        q.addBindValue(text(s.outcome));
        if (!q.exec())
            return queryFailed(q, QStringLiteral("storing service %1").arg(s.service), error);
    }
    return true;
}

// --- redaction -----------------------------------------------------------------------------------

bool isDigest(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^sha256:[0-9a-f]{64}$"));
    return pattern.match(value).hasMatch();
}

// A value worth scrubbing wherever it appears: not a switch, number or a few characters.
bool isScrubbable(const QString &name, const QString &value)
{
    return value.size() >= SecretRegistry::MinimumLength && !isDigest(value) && SecretRules::isSecretVariable(name, value);
}

// An environment or build-args map: secret-named values replaced by their digest (null values kept).
QJsonObject redactNamedValues(const QJsonObject &map, QSet<QString> *found)
{
    QJsonObject result = map;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it.value().isString() || !SecretRegistry::isSecretName(it.key()))
            continue;
        const QString value = it.value().toString();
        if (value.isEmpty() || isDigest(value))
            continue;
        if (isScrubbable(it.key(), value))
            found->insert(value);
        result.insert(it.key(), ReleaseStore::secretDigest(value));
    }
    return result;
}

// Top-level secrets or configs: inline content replaced by its digest.
QJsonObject redactContents(const QJsonObject &objects, QSet<QString> *found)
{
    QJsonObject result = objects;
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        QJsonObject object = it.value().toObject();
        const QJsonValue content = object.value(QLatin1String("content"));
        if (!content.isString() || isDigest(content.toString()))
            continue;
        if (found && content.toString().size() >= SecretRegistry::MinimumLength)
            found->insert(content.toString());
        object.insert(QStringLiteral("content"), ReleaseStore::secretDigest(content.toString()));
        result.insert(it.key(), object);
    }
    return result;
}

// Every occurrence of a secret (longest first, so one that contains another goes whole) replaced by
// its digest, in one pass: what was put in is never scanned again.
QString scrub(const QString &text, const QStringList &secrets)
{
    if (isDigest(text))
        return text;
    bool any = false;
    for (const QString &secret : secrets)
        any = any || text.contains(secret);
    if (!any)
        return text;
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        bool hit = false;
        for (const QString &secret : secrets) {
            if (QStringView(text).mid(i).startsWith(secret)) {
                out += ReleaseStore::secretDigest(secret);
                i += secret.size();
                hit = true;
                break;
            }
        }
        if (!hit)
            out += text.at(i++);
    }
    return out;
}

QJsonValue scrubValue(const QJsonValue &value, const QStringList &secrets)
{
    switch (value.type()) {
    case QJsonValue::String:
        return scrub(value.toString(), secrets);
    case QJsonValue::Array: {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(scrubValue(item, secrets));
        return array;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QJsonObject result;
        for (auto it = object.begin(); it != object.end(); ++it)
            result.insert(it.key(), scrubValue(it.value(), secrets));
        return result;
    }
    default:
        return value;
    }
}

// Repository path component: [a-z0-9]+ joined by ".", "_", "__" or "-"+.
QString repositoryComponent(const QString &name)
{
    QString mapped;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD).toLower()) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // the accent of a decomposed letter
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        const bool separator = c == u'.' || c == u'_' || c == u'-';
        mapped += alnum || separator ? c : u'-';
    }
    constexpr qsizetype MaxLength = 64;
    QString result;
    qsizetype i = 0;
    while (i < mapped.size() && result.size() < MaxLength) {
        const QChar c = mapped.at(i);
        if (c != u'.' && c != u'_' && c != u'-') {
            result += c;
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < mapped.size() && (mapped.at(end) == u'.' || mapped.at(end) == u'_' || mapped.at(end) == u'-'))
            ++end;
        const QString run = mapped.mid(i, end - i);
        i = end;
        if (result.isEmpty() || end == mapped.size())
            continue; // no leading or trailing separator
        const bool dashes = run.count(u'-') == run.size();
        result += run == QLatin1String(".") || run == QLatin1String("_") || run == QLatin1String("__") || dashes ? run
                                                                                                                 : QStringLiteral("-");
    }
    result.truncate(MaxLength);
    while (!result.isEmpty() && !result.back().isLetterOrNumber())
        result.chop(1);
    return result.isEmpty() ? QStringLiteral("unnamed") : result;
}

} // namespace

ReleaseStore::ReleaseStore(Database &db)
    : m_db(db)
{
}

std::optional<Release> ReleaseStore::begin(Release release, QString *error)
{
    if (release.project.isEmpty() || release.environment.isEmpty()) {
        if (error)
            *error = QStringLiteral("a release needs a project and an environment");
        return std::nullopt;
    }
    release.outcome = Running;
    release.finishedAt = {};
    release.startedAt = release.startedAt.isValid() ? release.startedAt.toUTC() : QDateTime::currentDateTimeUtc();
    if (release.stagehandVersion.isEmpty())
        release.stagehandVersion = QStringLiteral(STAGEHAND_VERSION);
    // Whatever the caller did, the store never holds a plaintext secret (redaction is idempotent);
    // a message may quote an engine's answer, so it is scrubbed as log lines are.
    release.configuration = redactConfiguration(release.configuration);
    release.message = SecretRegistry::instance().redact(release.message);

    if (!m_db.beginWrite(error))
        return std::nullopt;
    const QSqlDatabase db = m_db.connection();
    {
        QSqlQuery q(db);
        // One statement: the number is assigned under the write lock.
        q.prepare(QStringLiteral("INSERT INTO releases (project, environment, number, compose_project, started_at, finished_at, "
                                 "outcome, message, env_file_hash, engine, stagehand_version, configuration) "
                                 "SELECT ?, ?, COALESCE(MAX(number), 0) + 1, ?, ?, NULL, ?, ?, ?, ?, ?, ? "
                                 "FROM releases WHERE project = ? AND environment = ?"));
        q.addBindValue(text(release.project));
        q.addBindValue(text(release.environment));
        q.addBindValue(text(release.composeProject));
        q.addBindValue(timestamp(release.startedAt));
        q.addBindValue(text(release.outcome));
        q.addBindValue(text(release.message));
        q.addBindValue(text(release.envFileHash));
        q.addBindValue(text(release.engine));
        q.addBindValue(text(release.stagehandVersion));
        q.addBindValue(QString::fromUtf8(QJsonDocument(release.configuration).toJson(QJsonDocument::Compact)));
        q.addBindValue(text(release.project));
        q.addBindValue(text(release.environment));
        bool ok = q.exec() || queryFailed(q, QStringLiteral("beginning a release of %1/%2").arg(release.project, release.environment), error);
        if (ok) {
            release.id = q.lastInsertId().toLongLong();
            QSqlQuery number(db);
            number.prepare(QStringLiteral("SELECT number FROM releases WHERE id = ?"));
            number.addBindValue(release.id);
            ok = (number.exec() && number.next()) || queryFailed(number, QStringLiteral("reading the release's number"), error);
            if (ok)
                release.number = number.value(0).toInt();
        }
        ok = ok && insertServices(db, release.id, release.services, error);
        if (!ok) {
            q.finish();
            m_db.rollback();
            return std::nullopt;
        }
    }
    if (!m_db.commit(error)) {
        m_db.rollback();
        return std::nullopt;
    }
    return release;
}

bool ReleaseStore::finish(const Release &release, QString *error)
{
    static const QStringList finalOutcomes{QStringLiteral("succeeded"), QStringLiteral("failed"), QStringLiteral("cancelled")};
    if (!finalOutcomes.contains(release.outcome)) {
        if (error)
            *error = QStringLiteral("a release finishes as succeeded, failed or cancelled, not '%1'").arg(release.outcome);
        return false;
    }
    if (release.id <= 0) {
        if (error)
            *error = QStringLiteral("the release to finish was never begun");
        return false;
    }
    if (!m_db.beginWrite(error))
        return false;
    const QSqlDatabase db = m_db.connection();
    bool ok = true;
    {
        QSqlQuery current(db);
        current.prepare(QStringLiteral("SELECT outcome, project, environment, number FROM releases WHERE id = ?"));
        current.addBindValue(release.id);
        ok = current.exec() || queryFailed(current, QStringLiteral("reading release %1").arg(release.id), error);
        if (ok && !current.next()) {
            ok = false;
            if (error)
                *error = QStringLiteral("no release with id %1 in the store").arg(release.id);
        }
        if (ok && current.value(0).toString() != Running) {
            ok = false;
            if (error)
                *error = QStringLiteral("release r%1 of %2/%3 has already finished (%4)")
                             .arg(current.value(3).toString(), current.value(1).toString(), current.value(2).toString(),
                                  current.value(0).toString());
        }
        current.finish();
        if (ok) {
            QSqlQuery update(db);
            update.prepare(QStringLiteral("UPDATE releases SET outcome = ?, message = ?, finished_at = ? WHERE id = ?"));
            update.addBindValue(text(release.outcome));
            update.addBindValue(text(SecretRegistry::instance().redact(release.message)));
            update.addBindValue(timestamp(release.finishedAt.isValid() ? release.finishedAt : QDateTime::currentDateTimeUtc()));
            update.addBindValue(release.id);
            ok = update.exec() || queryFailed(update, QStringLiteral("finishing release %1").arg(release.number), error);
        }
        if (ok) {
            QSqlQuery remove(db);
            remove.prepare(QStringLiteral("DELETE FROM release_services WHERE release_id = ?"));
            remove.addBindValue(release.id);
            ok = remove.exec() || queryFailed(remove, QStringLiteral("replacing the services of release %1").arg(release.number), error);
        }
        ok = ok && insertServices(db, release.id, release.services, error);
    }
    if (!ok || !m_db.commit(error)) {
        m_db.rollback();
        return false;
    }
    return true;
}

QList<Release> ReleaseStore::list(const QString &project, const QString &environment, int limit, QString *error) const
{
    const QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM releases WHERE project = ? AND environment = ? ORDER BY number DESC LIMIT ?")
                  .arg(ReleaseColumns));
    q.addBindValue(text(project));
    q.addBindValue(text(environment));
    q.addBindValue(limit < 0 ? -1 : limit);
    if (!q.exec()) {
        queryFailed(q, QStringLiteral("listing the releases of %1/%2").arg(project, environment), error);
        return {};
    }
    QList<Release> releases;
    while (q.next())
        releases.append(readRelease(q));
    for (Release &release : releases) {
        if (!loadServices(db, &release, error))
            return {};
    }
    return releases;
}

std::optional<Release> ReleaseStore::get(const QString &project, const QString &environment, int number, QString *error) const
{
    const QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM releases WHERE project = ? AND environment = ? AND number = ?").arg(ReleaseColumns));
    q.addBindValue(text(project));
    q.addBindValue(text(environment));
    q.addBindValue(number);
    if (!q.exec()) {
        queryFailed(q, QStringLiteral("reading release %1 of %2/%3").arg(QString::number(number), project, environment), error);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    Release release = readRelease(q);
    q.finish();
    if (!loadServices(db, &release, error))
        return std::nullopt;
    return release;
}

QStringList ReleaseStore::protectedImageTags(const QString &project, const QString &environment, int keep, QString *error) const
{
    if (keep <= 0)
        return {};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT s.release_tag FROM release_services s JOIN "
                             "(SELECT id, number FROM releases WHERE project = ? AND environment = ? AND outcome = 'succeeded' "
                             " ORDER BY number DESC LIMIT ?) r ON s.release_id = r.id "
                             "WHERE s.release_tag <> '' AND s.action <> 'removed' ORDER BY r.number DESC, s.position"));
    q.addBindValue(text(project));
    q.addBindValue(text(environment));
    q.addBindValue(keep);
    if (!q.exec()) {
        queryFailed(q, QStringLiteral("reading the release tags of %1/%2").arg(project, environment), error);
        return {};
    }
    QStringList tags;
    while (q.next()) {
        const QString tag = q.value(0).toString();
        if (!tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

QString ReleaseStore::releaseTag(const QString &project, const QString &service, int number)
{
    return QStringLiteral("stagehand/%1/%2:r%3").arg(repositoryComponent(project), repositoryComponent(service)).arg(number);
}

QString ReleaseStore::secretDigest(const QString &value)
{
    return QStringLiteral("sha256:")
           + QString::fromLatin1(QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJsonObject ReleaseStore::redactConfiguration(const QJsonObject &composeJson)
{
    return redactConfiguration(composeJson, {});
}

QJsonObject ReleaseStore::redactConfiguration(const QJsonObject &composeJson, const QMap<QString, QString> &variables)
{
    QSet<QString> found;
    QJsonObject document = composeJson;

    const QJsonObject services = document.value(QLatin1String("services")).toObject();
    QJsonObject redactedServices;
    for (auto it = services.begin(); it != services.end(); ++it) {
        QJsonObject service = it.value().toObject();
        if (service.value(QLatin1String("environment")).isObject())
            service.insert(QStringLiteral("environment"), redactNamedValues(service.value(QLatin1String("environment")).toObject(), &found));
        if (service.value(QLatin1String("build")).isObject()) {
            QJsonObject build = service.value(QLatin1String("build")).toObject();
            if (build.value(QLatin1String("args")).isObject())
                build.insert(QStringLiteral("args"), redactNamedValues(build.value(QLatin1String("args")).toObject(), &found));
            service.insert(QStringLiteral("build"), build);
        }
        redactedServices.insert(it.key(), service);
    }
    if (document.contains(QLatin1String("services")))
        document.insert(QStringLiteral("services"), redactedServices);

    const QJsonObject secrets = document.value(QLatin1String("secrets")).toObject();
    if (document.value(QLatin1String("secrets")).isObject())
        document.insert(QStringLiteral("secrets"), redactContents(secrets, &found));
    if (document.value(QLatin1String("configs")).isObject())
        document.insert(QStringLiteral("configs"), redactContents(document.value(QLatin1String("configs")).toObject(), nullptr));

    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        if (isScrubbable(it.key(), it.value()))
            found.insert(it.value());
    }
    // A secret whose source is a variable: that variable's value, whatever its name.
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        const QString variable = it.value().toObject().value(QLatin1String("environment")).toString();
        const QString value = variables.value(variable);
        if (!variable.isEmpty() && value.size() >= SecretRegistry::MinimumLength && !isDigest(value))
            found.insert(value);
    }

    if (found.isEmpty())
        return document;
    QStringList ordered(found.cbegin(), found.cend());
    std::sort(ordered.begin(), ordered.end(), [](const QString &a, const QString &b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    return scrubValue(document, ordered).toObject();
}

} // namespace stagehand
