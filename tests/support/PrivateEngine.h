#pragma once

#include "DockerCli.h"
#include "ProcessResult.h"

#include <QString>
#include <QStringList>

#include <memory>

class QProcess;

namespace stagehand::test {

// A dockerd of the test's own, beside the shared engine, for tests that stop, kill, restart or
// misconfigure an engine. Everything lives under /tmp/stagehand-engine-XXXXXX (short: unix socket
// paths under the exec-root are limited to 108 bytes):
//
//   /usr/sbin/dockerd --config-file <root>/daemon.json ({}: /etc/docker/daemon.json stays out)
//       --data-root <root>/data --exec-root <root>/exec --pidfile <root>/dockerd.pid
//       -H unix://<root>/docker.sock
//       --bridge=none --iptables=false --ip-masq=false --ip-forward=false
//       --containerd-namespace <name> --containerd-plugins-namespace <name>-plugins
//
// --containerd is unset: dockerd 20.10 then uses a system containerd if /run/containerd/
// containerd.sock exists (the namespaces keep the two engines apart), else it supervises its own
// containerd under the exec-root (the case on Debian without containerd.service; the shared
// engine's containerd lives under /var/run/docker/containerd). Nothing is published on the host,
// no iptables rule and no sysctl is touched; containers use --network none (or networks the test
// creates). dockerd gets SIGTERM when the test process dies (PR_SET_PDEATHSIG), and a later
// PrivateEngine removes the directories of engines whose test process is gone.
//
// By default the root is a tmpfs (Storage::Memory, 4 GiB at most, used as needed): loading an image
// and deleting it all afterwards are then memory operations; on this machine kind's disk (ext4
// with online discard) loading the 400 MB base image and deleting it took ~20 s each.
//
// The destructor removes every container and network, stops the daemon (restarting it first if it was
// killed, so that it reaps what it left running), unmounts what is mounted under the root and
// deletes it.
class PrivateEngine {
public:
    enum class Storage { Memory, Disk };

    explicit PrivateEngine(Storage storage = Storage::Memory);
    ~PrivateEngine();
    PrivateEngine(const PrivateEngine &) = delete;
    PrivateEngine &operator=(const PrivateEngine &) = delete;

    // From the next start() on, also listen on tcp://127.0.0.1:<port> with TLS, verifying clients
    // against caFile (--tlsverify --tlscacert --tlscert --tlskey); the unix socket stays.
    void setTlsListener(quint16 port, const QString &caFile, const QString &certFile, const QString &keyFile);
    quint16 tlsPort() const { return m_tlsPort; }
    // "tcp://127.0.0.1:<port>", or empty without a TLS listener.
    QString tcpHost() const;

    // Starts dockerd and waits until it answers; false (see errorString()) on failure.
    bool start(int timeoutMs = 60000);
    // SIGTERM, and wait for dockerd and its containerd to exit (running containers are stopped).
    bool stop(int timeoutMs = 60000);
    // SIGKILL: its containerd dies with it; container shims keep running until the next start.
    bool kill();
    // stop() if running, then start()
    bool restart(int timeoutMs = 60000);

    bool isRunning() const;
    qint64 pid() const;
    // The dockerd command line of the last start (without the program).
    QStringList arguments() const { return m_arguments; }
    QString errorString() const { return m_error; }

    QString rootDirectory() const { return m_root; }
    // Where the root really lives (Memory falls back to Disk where tmpfs cannot be mounted).
    Storage storage() const { return m_storage; }
    QString dataRoot() const;
    QString execRoot() const;
    QString socketPath() const;
    QString host() const { return QStringLiteral("unix://") + socketPath(); }
    QString logPath() const;
    QString logTail(int lines = 40) const;
    DockerCli cli() const { return DockerCli(host()); }

    // `docker save <image>` on `from` (the shared engine by default) piped into `docker load` here.
    ProcessResult loadImage(const QString &image, const DockerCli &from = DockerCli(), int timeoutMs = 300000);
    // A tiny image made of host binaries and the libraries they need (ldd), e.g. {"/bin/sleep"}:
    // `docker import` of a few MB instead of loading a whole base image. Unlabelled (containers
    // inherit image labels), and gone with the engine.
    ProcessResult importHostBinaries(const QString &image, const QStringList &binaries, int timeoutMs = 60000);

    // Removes the directories (and mounts, and daemons) of private engines whose test process is
    // gone. Called once per process by start().
    static void sweepStale();

private:
    bool waitUntilAnswering(int timeoutMs);
    bool waitForContainerdExit(int timeoutMs);
    qint64 containerdPid() const;
    void killStrays();
    void cleanUp();

    QString m_root;
    Storage m_storage = Storage::Disk;
    QString m_namespace;
    QStringList m_arguments;
    QString m_error;
    std::unique_ptr<QProcess> m_process;
    qint64 m_lastContainerdPid = 0;
    bool m_needsReap = false; // killed: shims (and containers) may still run
    quint16 m_tlsPort = 0;
    QString m_tlsCaFile, m_tlsCertFile, m_tlsKeyFile;
};

} // namespace stagehand::test
