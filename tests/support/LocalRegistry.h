#pragma once

#include <QString>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace stagehand::test {

// A Docker registry (Debian's docker-registry 2.8: /usr/bin/docker-registry serve config.yml) as a
// host process on 127.0.0.1:<free port>, with htpasswd (bcrypt) basic auth for one user and its
// storage in a temporary directory; gone (process and storage) with the object. Plain HTTP: the
// engine allows registries on 127.0.0.0/8 without TLS by default. Nothing of the machine's own
// configuration is touched.
class LocalRegistry {
public:
    LocalRegistry();
    ~LocalRegistry();
    LocalRegistry(const LocalRegistry &) = delete;
    LocalRegistry &operator=(const LocalRegistry &) = delete;

    // /usr/bin/docker-registry and htpasswd are there (empty), or what is missing.
    static QString missingTools();

    // Writes htpasswd and config.yml, starts the registry and waits until /v2/ answers (401).
    bool start(const QString &user, const QString &password, int timeoutMs = 20000);
    void stop();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    // "127.0.0.1:<port>", the registry part of image references
    QString address() const;
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString errorString() const { return m_error; }
    QString logTail(int lines = 30) const;

    // A directory with a config.json whose "auths" has an entry for this registry ("auth": base64 of
    // user:password), to give DockerClient as its docker config directory (DOCKER_CONFIG).
    QString writeDockerConfig(const QString &user, const QString &password) const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_user;
    QString m_password;
    QString m_error;
};

} // namespace stagehand::test
