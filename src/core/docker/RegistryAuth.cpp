#include "docker/RegistryAuth.h"

#include "docker/DockerContextStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QProcessEnvironment>

namespace stagehand {

namespace {

QByteArray fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return {};
}

} // namespace

QString RegistryAuth::hostnameOf(const QString &serverAddress)
{
    QString host = serverAddress;
    if (host.startsWith(QStringLiteral("http://")))
        host.remove(0, 7);
    else if (host.startsWith(QStringLiteral("https://")))
        host.remove(0, 8);
    const qsizetype slash = host.indexOf(QLatin1Char('/'));
    if (slash >= 0)
        host.truncate(slash);
    return host;
}

QString RegistryAuth::registryOf(const QString &imageReference)
{
    const QString reference = imageReference.trimmed();
    const qsizetype slash = reference.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return dockerHubServer();
    const QString first = reference.left(slash);
    const bool isDomain = first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':'))
                          || first == QStringLiteral("localhost");
    if (!isDomain)
        return dockerHubServer();
    const QString lower = first.toLower();
    if (lower == QStringLiteral("docker.io") || lower == QStringLiteral("index.docker.io")
        || lower == QStringLiteral("registry-1.docker.io"))
        return dockerHubServer();
    return first;
}

QByteArray RegistryAuth::headerFor(const QString &imageReference, const QString &dockerConfigDir, QString *error)
{
    if (error)
        error->clear();
    const QString configDir = dockerConfigDir.isEmpty()
        ? DockerContextStore::defaultConfigDir(QProcessEnvironment::systemEnvironment())
        : dockerConfigDir;
    const QString path = configDir + QStringLiteral("/config.json");
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(error, QStringLiteral("%1: invalid JSON (%2)")
                               .arg(path, parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                       : QStringLiteral("not an object")));
    const QJsonObject config = document.object();
    const QString registry = registryOf(imageReference);
    const QString registryHost = hostnameOf(registry);

    const QJsonObject helpers = config.value(QStringLiteral("credHelpers")).toObject();
    for (auto it = helpers.constBegin(); it != helpers.constEnd(); ++it) {
        if (it.key() == registry || hostnameOf(it.key()) == registryHost)
            return fail(error, QStringLiteral("credentials for %1 are kept by the credential helper "
                                              "\"docker-credential-%2\" (credHelpers in %3), which is not "
                                              "supported here").arg(registry, it.value().toString(), path));
    }
    const QString store = config.value(QStringLiteral("credsStore")).toString();
    if (!store.isEmpty())
        return fail(error, QStringLiteral("credentials are kept by the credential store \"docker-credential-%1\" "
                                          "(credsStore in %2), which is not supported here").arg(store, path));

    const QJsonObject auths = config.value(QStringLiteral("auths")).toObject();
    QJsonObject entry;
    QString matchedKey;
    if (auths.contains(registry)) {
        matchedKey = registry;
    } else {
        for (auto it = auths.constBegin(); it != auths.constEnd(); ++it) {
            if (hostnameOf(it.key()) == registryHost) {
                matchedKey = it.key();
                break;
            }
        }
    }
    if (matchedKey.isEmpty())
        return {};
    entry = auths.value(matchedKey).toObject();

    QString username = entry.value(QStringLiteral("username")).toString();
    QString password = entry.value(QStringLiteral("password")).toString();
    const QString encoded = entry.value(QStringLiteral("auth")).toString();
    if (!encoded.isEmpty()) {
        const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (!decoded || colon < 0)
            return fail(error, QStringLiteral("%1: the \"auth\" of \"%2\" is not base64 of \"user:password\"")
                                   .arg(path, matchedKey));
        username = QString::fromUtf8(decoded.decoded.left(colon));
        password = QString::fromUtf8(decoded.decoded.mid(colon + 1));
    }
    const QString identityToken = entry.value(QStringLiteral("identitytoken")).toString();
    if (username.isEmpty() && password.isEmpty() && identityToken.isEmpty())
        return {};

    QJsonObject header{
        {QStringLiteral("username"), username},
        {QStringLiteral("password"), password},
        {QStringLiteral("serveraddress"), registry},
    };
    if (!identityToken.isEmpty())
        header.insert(QStringLiteral("identitytoken"), identityToken);
    return QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding);
}

QByteArray RegistryAuth::buildConfigHeader(const QString &dockerConfigDir, QString *error)
{
    if (error)
        error->clear();
    const QString configDir = dockerConfigDir.isEmpty()
        ? DockerContextStore::defaultConfigDir(QProcessEnvironment::systemEnvironment())
        : dockerConfigDir;
    QFile file(configDir + QStringLiteral("/config.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {}; // missing (no credentials), or unreadable: headerFor() says why
    const QJsonObject auths = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("auths")).toObject();
    QJsonObject registries;
    for (auto it = auths.constBegin(); it != auths.constEnd(); ++it) {
        // A reference on that registry, to read its entry as a pull would.
        const QString host = hostnameOf(it.key());
        const bool hub = it.key() == dockerHubServer() || host == QStringLiteral("index.docker.io")
                         || host == QStringLiteral("docker.io") || host == QStringLiteral("registry-1.docker.io");
        const QString reference = (hub ? QStringLiteral("docker.io") : host) + QStringLiteral("/stagehand/probe");
        QString entryError;
        const QByteArray header = headerFor(reference, dockerConfigDir, &entryError);
        if (!entryError.isEmpty()) {
            if (error)
                *error = entryError;
            return {};
        }
        if (header.isEmpty())
            continue;
        const QJsonObject credentials =
            QJsonDocument::fromJson(QByteArray::fromBase64(header, QByteArray::Base64UrlEncoding)).object();
        registries.insert(credentials.value(QStringLiteral("serveraddress")).toString(), credentials);
    }
    if (registries.isEmpty())
        return {};
    return QJsonDocument(registries).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace stagehand
