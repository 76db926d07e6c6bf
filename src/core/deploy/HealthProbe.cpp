#include "deploy/HealthProbe.h"

#include "docker/DockerClient.h"
#include "docker/WhenFinished.h"

#include <QTimer>

#include <chrono>

namespace stagehand {
namespace {

// The engine's default healthcheck timeout when the file sets none.
constexpr std::chrono::milliseconds DefaultTimeout{30000};

} // namespace

HealthProbe::HealthProbe(DockerClient *client, QString containerId, Healthcheck healthcheck, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_containerId(std::move(containerId))
    , m_healthcheck(std::move(healthcheck))
    , m_command(command(m_healthcheck.test))
    , m_next(new QTimer(this))
    , m_deadline(new QTimer(this))
{
    m_next->setSingleShot(true);
    m_deadline->setSingleShot(true);
    connect(m_next, &QTimer::timeout, this, &HealthProbe::runOnce);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        // The check outlasted its timeout: a failure, as the engine counts it; the next one starts.
        ++m_round;
        m_inFlight = false;
        m_last = ExecResult{-1, {}, QByteArrayLiteral("health check exceeded its timeout")};
        Q_EMIT attempted(m_last);
        if (m_running)
            m_next->start(m_cadenceMs);
    });
}

HealthProbe::~HealthProbe() = default;

QStringList HealthProbe::command(const QStringList &test)
{
    if (test.isEmpty())
        return {};
    if (test.first() == QLatin1String("CMD"))
        return test.mid(1);
    if (test.first() == QLatin1String("CMD-SHELL"))
        return {QStringLiteral("/bin/sh"), QStringLiteral("-c"), test.mid(1).join(u' ')};
    return {};
}

void HealthProbe::start()
{
    if (m_running || m_command.isEmpty())
        return;
    m_running = true;
    runOnce();
}

void HealthProbe::stop()
{
    m_running = false;
    ++m_round;
    m_next->stop();
    m_deadline->stop();
}

void HealthProbe::runOnce()
{
    if (!m_running || m_inFlight || !m_client)
        return;
    m_inFlight = true;
    ++m_attempts;
    const quint64 round = ++m_round;
    const auto timeout = m_healthcheck.timeout ? std::chrono::duration_cast<std::chrono::milliseconds>(*m_healthcheck.timeout)
                                               : DefaultTimeout;
    m_deadline->start(timeout);
    whenFinished(this, m_client->exec(m_containerId, m_command), [this, round](const EngineResult<ExecResult> &result) {
        if (round != m_round)
            return; // timed out or stopped meanwhile
        m_deadline->stop();
        m_inFlight = false;
        if (!m_running)
            return;
        if (result.ok()) {
            m_last = *result;
        } else {
            m_last = ExecResult{-1, {}, result.error.message.toUtf8()};
        }
        if (result.ok() && result->exitCode == 0) {
            m_running = false;
            Q_EMIT passed(m_last, m_attempts);
            return;
        }
        Q_EMIT attempted(m_last);
        m_next->start(m_cadenceMs);
    });
}

} // namespace stagehand
