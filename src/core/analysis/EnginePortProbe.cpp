#include "analysis/EnginePortProbe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace stagehand {
namespace {

const QString DefaultEndpoint = QStringLiteral("unix:///var/run/docker.sock");

size_t appendBody(char *data, size_t size, size_t count, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(data, qsizetype(size * count));
    return size * count;
}

void initializeCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

EnginePortProbe::EnginePortProbe(QString endpoint, int timeoutMs)
    : m_endpoint(std::move(endpoint))
    , m_timeoutMs(timeoutMs)
{
}

QString EnginePortProbe::resolveEndpoint(const QString &configured, const QProcessEnvironment &shell)
{
    if (!configured.trimmed().isEmpty())
        return configured.trimmed();
    const QString fromShell = shell.value(QStringLiteral("DOCKER_HOST")).trimmed();
    return fromShell.isEmpty() ? DefaultEndpoint : fromShell;
}

bool EnginePortProbe::isLocal(const QString &endpoint)
{
    if (endpoint.startsWith(QLatin1String("unix://")) || endpoint.startsWith(u'/'))
        return true;
    if (endpoint.startsWith(QLatin1String("tcp://"))) {
        const QString host = QUrl(endpoint).host();
        return host == QLatin1String("localhost") || host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1");
    }
    return false;
}

std::optional<QList<ContainerPublication>> EnginePortProbe::parseContainers(const QByteArray &json, const QString &engine, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        *error = QStringLiteral("the engine's container list is not a JSON array (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    QList<ContainerPublication> result;
    const QJsonArray containers = document.array();
    for (const QJsonValue &value : containers) {
        const QJsonObject container = value.toObject();
        const QJsonObject labels = container.value(QLatin1String("Labels")).toObject();
        const QJsonArray names = container.value(QLatin1String("Names")).toArray();
        QString name = names.isEmpty() ? QString() : names.at(0).toString();
        if (name.startsWith(u'/'))
            name.remove(0, 1);
        const QJsonArray ports = container.value(QLatin1String("Ports")).toArray();
        for (const QJsonValue &portValue : ports) {
            const QJsonObject port = portValue.toObject();
            const int published = port.value(QLatin1String("PublicPort")).toInt();
            if (published <= 0)
                continue; // exposed, not published
            ContainerPublication publication;
            publication.id = container.value(QLatin1String("Id")).toString();
            publication.name = name;
            publication.composeProject = labels.value(QLatin1String("com.docker.compose.project")).toString();
            publication.composeService = labels.value(QLatin1String("com.docker.compose.service")).toString();
            publication.hostIp = port.value(QLatin1String("IP")).toString();
            publication.port = published;
            publication.targetPort = port.value(QLatin1String("PrivatePort")).toInt();
            publication.protocol = port.value(QLatin1String("Type")).toString(QStringLiteral("tcp")).toLower();
            publication.engine = engine;
            result.append(publication);
        }
    }
    return result;
}

EngineProbeResult EnginePortProbe::probe() const
{
    EngineProbeResult result;
    QString socketPath;
    QString baseUrl;
    if (m_endpoint.startsWith(QLatin1String("unix://"))) {
        socketPath = m_endpoint.mid(7);
        baseUrl = QStringLiteral("http://localhost");
    } else if (m_endpoint.startsWith(u'/')) {
        socketPath = m_endpoint;
        baseUrl = QStringLiteral("http://localhost");
    } else if (m_endpoint.startsWith(QLatin1String("tcp://"))) {
        baseUrl = QStringLiteral("http://") + m_endpoint.mid(6);
    } else {
        result.error = QStringLiteral("engine endpoint '%1' is not supported here (unix:// or tcp:// only)").arg(m_endpoint);
        return result;
    }

    initializeCurl();
    const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) {
        result.error = QStringLiteral("libcurl could not start a request");
        return result;
    }
    QByteArray body;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray url = (baseUrl + QStringLiteral("/containers/json")).toUtf8();
    const QByteArray socket = socketPath.toUtf8();
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.constData());
    if (!socket.isEmpty())
        curl_easy_setopt(curl.get(), CURLOPT_UNIX_SOCKET_PATH, socket.constData());
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, long(m_timeoutMs));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, long(m_timeoutMs));
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &appendBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, errorBuffer);
    const CURLcode code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        const QString detail = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code));
        result.error = QStringLiteral("the Docker engine at %1 is not reachable: %2").arg(m_endpoint, detail);
        return result;
    }
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) {
        result.error = QStringLiteral("the Docker engine at %1 answered HTTP %2 to GET /containers/json: %3")
                           .arg(m_endpoint)
                           .arg(status)
                           .arg(QString::fromUtf8(body.left(200)).trimmed());
        return result;
    }
    QString parseError;
    auto publications = parseContainers(body, m_endpoint, &parseError);
    if (!publications) {
        result.error = QStringLiteral("the Docker engine at %1: %2").arg(m_endpoint, parseError);
        return result;
    }
    result.reachable = true;
    result.publications = *publications;
    return result;
}

} // namespace stagehand
