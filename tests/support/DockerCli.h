#pragma once

#include "ProcessResult.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace stagehand::test {

// The Docker command-line client (/usr/bin/docker, Debian's 20.10) talking to one engine. The
// product talks to the Engine API itself; tests use the CLI as an independent peer.
class DockerCli {
public:
    static QString program() { return QStringLiteral("/usr/bin/docker"); }
    static QString composeProgram() { return QStringLiteral("docker-compose"); }
    // The shared engine: $DOCKER_HOST if set, else unix:///var/run/docker.sock
    static QString defaultHost();

    // host: "unix:///path/to/docker.sock"; empty for defaultHost()
    explicit DockerCli(QString host = QString());

    QString host() const { return m_host; }

    // `docker -H <host> <arguments>`, killed after timeoutMs
    ProcessResult run(const QStringList &arguments, int timeoutMs = 60000) const;
    ProcessResult run(const QStringList &arguments, const QByteArray &standardInput, int timeoutMs) const;

    // The engine answers `docker version` within a few seconds.
    bool engineAvailable(int timeoutMs = 10000) const;
    // Empty when the engine answers, else why not (for skip and failure messages).
    QString whyUnavailable(int timeoutMs = 10000) const;
    bool imageExists(const QString &image) const;

    // `docker inspect <ids...>` parsed (one object per id; empty on failure)
    QJsonArray inspect(const QStringList &ids, const QString &kind = QString()) const;
    // IDs of all containers (running or not), optionally filtered ("label=io.stagehand.test")
    QStringList containerIds(const QStringList &filters = {}) const;
    // "<repository>:<tag>" of the images named repository, newest first
    QStringList imageTags(const QString &repository) const;

private:
    QString m_host;
};

} // namespace stagehand::test
