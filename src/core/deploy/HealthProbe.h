#pragma once

#include "docker/ExecResult.h"
#include "model/Healthcheck.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QTimer;

namespace stagehand {

class DockerClient;

// Stagehand's start-up probe: runs a service's own healthcheck command, exactly as the file
// defines it, inside its container (exec), on a short cadence, so that a service that is ready in
// one second is known to be ready in one second, not one `interval` later when the engine's timer
// first runs it. This repeated exec is the one polling loop of a deploy; it ends as soon as a check
// passes (or stop() is called). A check that outlasts the healthcheck's timeout counts as failed.
// The container's own healthcheck configuration is never changed: the engine keeps running it on
// its own timer and stays the judge of failure (start_period, retries).
class HealthProbe final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthProbe)

public:
    HealthProbe(DockerClient *client, QString containerId, Healthcheck healthcheck, QObject *parent = nullptr);
    ~HealthProbe() override;

    // The exec command for a healthcheck test: ["CMD", a, b] -> [a, b]; ["CMD-SHELL", s] ->
    // ["/bin/sh", "-c", s] (as the engine runs it on Linux); empty for NONE or an empty test.
    static QStringList command(const QStringList &test);

    void setCadence(int milliseconds) { m_cadenceMs = milliseconds; }
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    int attempts() const { return m_attempts; }
    ExecResult lastResult() const { return m_last; }

Q_SIGNALS:
    void passed(const stagehand::ExecResult &result, int attempts);
    void attempted(const stagehand::ExecResult &result); // every check that did not pass

private:
    void runOnce();

    QPointer<DockerClient> m_client;
    QString m_containerId;
    Healthcheck m_healthcheck;
    QStringList m_command;
    QTimer *m_next = nullptr;
    QTimer *m_deadline = nullptr;
    int m_cadenceMs = 250;
    int m_attempts = 0;
    quint64 m_round = 0; // ignores an exec that outlived its timeout
    bool m_running = false;
    bool m_inFlight = false;
    ExecResult m_last;
};

} // namespace stagehand
