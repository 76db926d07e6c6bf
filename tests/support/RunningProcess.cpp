#include "RunningProcess.h"

#include <QProcess>

#include <utility>

namespace stagehand::test {

RunningProcess::RunningProcess(std::unique_ptr<QProcess> process, ProcessResult started)
    : m_process(std::move(process))
    , m_result(std::move(started))
{
    m_clock.start();
    m_done = !m_result.started;
}

RunningProcess::~RunningProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool RunningProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

ProcessResult RunningProcess::wait(int timeoutMs)
{
    if (m_done)
        return m_result;
    m_done = true;
    // (waitForFinished() is false for a process that already finished, e.g. while an event loop ran)
    if (m_process->state() != QProcess::NotRunning && !m_process->waitForFinished(timeoutMs)) {
        m_result.timedOut = true;
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_result.elapsedMs = m_clock.elapsed();
    m_result.standardOutput = m_process->readAllStandardOutput();
    m_result.standardError = m_process->readAllStandardError();
    m_result.crashed = !m_result.timedOut && m_process->exitStatus() == QProcess::CrashExit;
    m_result.exitCode = m_result.timedOut || m_result.crashed ? -1 : m_process->exitCode();
    return m_result;
}

} // namespace stagehand::test
