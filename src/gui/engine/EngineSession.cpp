#include "engine/EngineSession.h"

#include "docker/EngineEndpointResolver.h"
#include "model/EnvironmentSpec.h"

namespace stagehand {

EngineSession::EngineSession(QObject *parent)
    : QObject(parent)
{
}

EngineSession::~EngineSession()
{
    delete m_client;
}

DockerClient::State EngineSession::state() const
{
    if (!m_resolveError.isEmpty() || !m_client)
        return m_resolveError.isEmpty() ? DockerClient::State::Disconnected : DockerClient::State::Unreachable;
    return m_client->state();
}

QString EngineSession::reason() const
{
    if (!m_resolveError.isEmpty())
        return tr("The Docker engine setting cannot be used: %1").arg(m_resolveError);
    if (!m_client || m_client->state() == DockerClient::State::Connected)
        return {};
    return m_client->stateReason();
}

QString EngineSession::hint() const
{
    if (!m_resolveError.isEmpty())
        return tr("Fix the environment's engine: setting, DOCKER_HOST or the Docker context.");
    if (!m_client || m_client->state() == DockerClient::State::Connected)
        return {};
    return m_client->stateHint();
}

void EngineSession::setEnvironment(const EnvironmentSpec *environment)
{
    setEngineSetting(environment ? environment->engine : QString());
}

void EngineSession::setEngineSetting(const QString &engine)
{
    if (m_hasSetting && engine == m_setting && (m_client || !m_resolveError.isEmpty()))
        return;
    m_setting = engine;
    m_hasSetting = true;
    QString error;
    const std::optional<EngineEndpoint> endpoint = EngineEndpointResolver::resolve({}, {}, engine, m_environment, &error);
    if (!endpoint) {
        m_resolveError = error.isEmpty() ? tr("unknown error") : error;
        m_hasEndpoint = false;
        replaceClient(nullptr);
        Q_EMIT stateChanged(state());
        return;
    }
    setEndpoint(*endpoint);
}

void EngineSession::setEndpoint(const EngineEndpoint &endpoint)
{
    const bool hadError = !m_resolveError.isEmpty();
    m_resolveError.clear();
    if (m_client && m_hasEndpoint && endpoint.toString() == m_endpoint.toString() && endpoint.tls == m_endpoint.tls &&
        endpoint.caFile == m_endpoint.caFile && endpoint.certFile == m_endpoint.certFile) {
        if (hadError)
            Q_EMIT stateChanged(state());
        return;
    }
    m_endpoint = endpoint;
    m_hasEndpoint = true;
    auto *client = new DockerClient(this);
    client->setEndpoint(endpoint);
    connect(client, &DockerClient::stateChanged, this, [this, client](DockerClient::State s) {
        if (client == m_client)
            Q_EMIT stateChanged(s);
    });
    replaceClient(client);
    client->connectToEngine();
    Q_EMIT stateChanged(state());
}

void EngineSession::replaceClient(DockerClient *client)
{
    DockerClient *old = m_client;
    m_client = client;
    Q_EMIT clientChanged(client);
    if (old) {
        old->disconnectFromEngine();
        old->deleteLater();
    }
}

} // namespace stagehand
