#pragma once

#include "docker/DockerClient.h"
#include "docker/EngineEndpoint.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>

namespace stagehand {

struct EnvironmentSpec;

// The Docker engine of the selected environment, for the GUI: resolves its endpoint (the
// environment's `engine:` setting, else DOCKER_HOST, else the current Docker context, else the
// default socket; see EngineEndpointResolver), owns the DockerClient talking to it, connects, and
// reports the connection state. The client reconnects by itself; when the endpoint changes (another
// environment on another engine), the session makes a new client and emits clientChanged(): whoever
// holds streams or the old pointer must drop them (the old client is deleted later, on the event loop).
class EngineSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineSession)

public:
    explicit EngineSession(QObject *parent = nullptr);
    ~EngineSession() override;

    // null while the endpoint could not be resolved (see problem())
    DockerClient *client() const { return m_client; }
    EngineEndpoint endpoint() const { return m_endpoint; }

    // The client's state, or Unreachable when the endpoint could not be resolved.
    DockerClient::State state() const;
    QString reason() const; // why it is not connected (empty when connected)
    QString hint() const;   // what to do about it

    // The environment variables the resolver reads (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, HOME,
    // DOCKER_TLS_VERIFY, DOCKER_CERT_PATH); the process's own by default.
    void setProcessEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

    // Uses the engine of this environment (null: the one DOCKER_HOST or the context names).
    void setEnvironment(const EnvironmentSpec *environment);
    // Uses this engine setting ("unix:///...", "tcp://..."; empty: DOCKER_HOST, context, default).
    void setEngineSetting(const QString &engine);
    // Uses this endpoint (a new client unless it is the current one) and connects.
    void setEndpoint(const EngineEndpoint &endpoint);

Q_SIGNALS:
    void clientChanged(stagehand::DockerClient *client);
    void stateChanged(stagehand::DockerClient::State state);

private:
    void replaceClient(DockerClient *client);

    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QPointer<DockerClient> m_client;
    EngineEndpoint m_endpoint;
    bool m_hasEndpoint = false;
    QString m_setting;
    bool m_hasSetting = false;
    QString m_resolveError;
};

} // namespace stagehand
