#include "docker/EngineEndpointResolver.h"

#include "docker/DockerContextStore.h"

namespace stagehand {

namespace {

std::optional<EngineEndpoint> fromHostString(const QString &host, const QString &source,
                                             const QProcessEnvironment &environment, QString *error)
{
    QString parseError;
    auto endpoint = EngineEndpoint::parse(host, &parseError);
    if (!endpoint) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(source, parseError);
        return std::nullopt;
    }
    endpoint->source = source;
    if (endpoint->kind == EngineEndpoint::Kind::Tcp && !environment.value(QStringLiteral("DOCKER_TLS_VERIFY")).isEmpty()) {
        QString certPath = environment.value(QStringLiteral("DOCKER_CERT_PATH"));
        if (certPath.isEmpty())
            certPath = DockerContextStore::defaultConfigDir(environment);
        if (!certPath.endsWith(QLatin1Char('/')))
            certPath += QLatin1Char('/');
        endpoint->enableTls(true);
        endpoint->caFile = certPath + QStringLiteral("ca.pem");
        endpoint->certFile = certPath + QStringLiteral("cert.pem");
        endpoint->keyFile = certPath + QStringLiteral("key.pem");
    }
    return endpoint;
}

std::optional<EngineEndpoint> fromContext(const DockerContextStore &store, const QString &context,
                                          const QString &source, QString *error)
{
    QString contextError;
    auto endpoint = store.endpointFor(context, &contextError);
    if (!endpoint) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(source, contextError);
        return std::nullopt;
    }
    endpoint->source = source;
    return endpoint;
}

} // namespace

std::optional<EngineEndpoint> EngineEndpointResolver::resolve(const QString &cliHost, const QString &cliContext,
                                                              const QString &projectEngine,
                                                              const QProcessEnvironment &environment, QString *error)
{
    if (!cliHost.trimmed().isEmpty())
        return fromHostString(cliHost, QStringLiteral("--host"), environment, error);

    const DockerContextStore store(DockerContextStore::defaultConfigDir(environment));
    if (!cliContext.trimmed().isEmpty()) {
        const QString name = cliContext.trimmed();
        return fromContext(store, name, QStringLiteral("--context ") + name, error);
    }
    if (!projectEngine.trimmed().isEmpty())
        return fromHostString(projectEngine, QStringLiteral("project"), environment, error);

    const QString dockerHost = environment.value(QStringLiteral("DOCKER_HOST"));
    if (!dockerHost.trimmed().isEmpty())
        return fromHostString(dockerHost, QStringLiteral("DOCKER_HOST"), environment, error);

    QString context = environment.value(QStringLiteral("DOCKER_CONTEXT")).trimmed();
    if (context.isEmpty())
        context = store.currentContext();
    if (!context.isEmpty() && context != QStringLiteral("default"))
        return fromContext(store, context, QStringLiteral("context ") + context, error);

    EngineEndpoint endpoint;
    endpoint.source = QStringLiteral("default");
    return endpoint;
}

} // namespace stagehand
