#pragma once

#include "DockerCli.h"

#include <QList>
#include <QSet>

namespace stagehand::test {

// Free TCP ports for a test stack to publish on 127.0.0.1.
//
// A port is handed out only if it can be bound on every IPv4 address right now, Docker does not
// already publish it (with the userland proxy off a published port is not bound on the host), and
// this process has not handed it out before. Ports are drawn at random below the kernel's
// ephemeral range (where outgoing connections take their local ports), so that parallel test
// processes rarely draw the same one; the check-then-release leaves a small race, which a test
// sees as "port is already allocated" from the engine.
class FreePorts {
public:
    explicit FreePorts(const DockerCli &docker = DockerCli());

    // n distinct free ports; fails (returns fewer) only if the range is exhausted.
    QList<quint16> take(int n);
    quint16 takeOne();

    // Host ports the engine publishes now (from `docker ps`).
    QSet<quint16> publishedByDocker() const;

private:
    bool bindable(quint16 port) const;

    DockerCli m_docker;
};

} // namespace stagehand::test
