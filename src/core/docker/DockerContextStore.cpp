#include "docker/DockerContextStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>

namespace stagehand {

namespace {

const QString kDefault = QStringLiteral("default");

std::optional<QJsonObject> readJsonObject(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = QStringLiteral("%1: invalid JSON (%2)")
                         .arg(QDir::toNativeSeparators(path),
                              parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                           : QStringLiteral("not an object"));
        return std::nullopt;
    }
    return document.object();
}

} // namespace

DockerContextStore::DockerContextStore(QString configDir)
    : m_configDir(configDir.isEmpty() ? defaultConfigDir(QProcessEnvironment::systemEnvironment()) : std::move(configDir))
{
}

QString DockerContextStore::defaultConfigDir(const QProcessEnvironment &environment)
{
    const QString fromEnv = environment.value(QStringLiteral("DOCKER_CONFIG"));
    if (!fromEnv.isEmpty())
        return fromEnv;
    QString home = environment.value(QStringLiteral("HOME"));
    if (home.isEmpty())
        home = QDir::homePath();
    return home + QStringLiteral("/.docker");
}

QString DockerContextStore::contextDirName(const QString &context)
{
    return QString::fromLatin1(QCryptographicHash::hash(context.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString DockerContextStore::currentContext() const
{
    const QString path = m_configDir + QStringLiteral("/config.json");
    if (!QFileInfo::exists(path))
        return kDefault;
    const auto config = readJsonObject(path, nullptr);
    const QString current = config ? config->value(QStringLiteral("currentContext")).toString() : QString();
    return current.isEmpty() ? kDefault : current;
}

std::optional<EngineEndpoint> DockerContextStore::endpointFor(const QString &context, QString *error) const
{
    if (context.isEmpty() || context == kDefault) {
        EngineEndpoint endpoint;
        endpoint.source = QStringLiteral("context ") + kDefault;
        return endpoint;
    }
    const QString dirName = contextDirName(context);
    const QString metaPath = m_configDir + QStringLiteral("/contexts/meta/") + dirName + QStringLiteral("/meta.json");
    if (!QFileInfo::exists(metaPath)) {
        if (error)
            *error = QStringLiteral("context \"%1\" does not exist (no %2)").arg(context, QDir::toNativeSeparators(metaPath));
        return std::nullopt;
    }
    QString readError;
    const auto meta = readJsonObject(metaPath, &readError);
    if (!meta) {
        if (error)
            *error = QStringLiteral("context \"%1\": %2").arg(context, readError);
        return std::nullopt;
    }
    const QJsonObject docker = meta->value(QStringLiteral("Endpoints")).toObject().value(QStringLiteral("docker")).toObject();
    const QString host = docker.value(QStringLiteral("Host")).toString();
    if (host.isEmpty()) {
        if (error)
            *error = QStringLiteral("context \"%1\" has no docker endpoint host (Endpoints.docker.Host in %2)")
                         .arg(context, QDir::toNativeSeparators(metaPath));
        return std::nullopt;
    }
    QString parseError;
    auto endpoint = EngineEndpoint::parse(host, &parseError);
    if (!endpoint) {
        if (error)
            *error = QStringLiteral("context \"%1\": %2").arg(context, parseError);
        return std::nullopt;
    }
    const bool skipVerify = docker.value(QStringLiteral("SkipTLSVerify")).toBool();
    const QString tlsDir = m_configDir + QStringLiteral("/contexts/tls/") + dirName + QStringLiteral("/docker/");
    const auto existing = [&](const QString &name) {
        const QString path = tlsDir + name;
        return QFileInfo::exists(path) ? path : QString();
    };
    endpoint->caFile = existing(QStringLiteral("ca.pem"));
    endpoint->certFile = existing(QStringLiteral("cert.pem"));
    endpoint->keyFile = existing(QStringLiteral("key.pem"));
    if (endpoint->kind == EngineEndpoint::Kind::Tcp
        && (skipVerify || !endpoint->caFile.isEmpty() || !endpoint->certFile.isEmpty() || !endpoint->keyFile.isEmpty()))
        endpoint->enableTls(!skipVerify);
    endpoint->source = QStringLiteral("context ") + context;
    return endpoint;
}

QStringList DockerContextStore::contexts() const
{
    QStringList names;
    const QDir metaRoot(m_configDir + QStringLiteral("/contexts/meta"));
    const QStringList dirs = metaRoot.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &dir : dirs) {
        const auto meta = readJsonObject(metaRoot.filePath(dir + QStringLiteral("/meta.json")), nullptr);
        if (!meta)
            continue;
        const QString name = meta->value(QStringLiteral("Name")).toString();
        if (!name.isEmpty() && name != kDefault && contextDirName(name) == dir)
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    names.prepend(kDefault);
    return names;
}

} // namespace stagehand
