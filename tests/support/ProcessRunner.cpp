#include "ProcessRunner.h"

#include <QProcess>

#include <utility>

namespace stagehand::test {

ProcessRunner::ProcessRunner(QString program)
    : m_program(std::move(program))
    , m_environment(QProcessEnvironment::systemEnvironment())
{
}

ProcessRunner &ProcessRunner::setArguments(QStringList arguments)
{
    m_arguments = std::move(arguments);
    return *this;
}

ProcessRunner &ProcessRunner::setWorkingDirectory(QString directory)
{
    m_workingDirectory = std::move(directory);
    return *this;
}

ProcessRunner &ProcessRunner::setEnvironment(QProcessEnvironment environment)
{
    m_environment = std::move(environment);
    return *this;
}

ProcessRunner &ProcessRunner::setVariable(const QString &name, const QString &value)
{
    m_environment.insert(name, value);
    return *this;
}

ProcessRunner &ProcessRunner::setStandardInput(QByteArray input)
{
    m_input = std::move(input);
    return *this;
}

ProcessRunner &ProcessRunner::setTimeoutMs(int timeoutMs)
{
    m_timeoutMs = timeoutMs;
    return *this;
}

ProcessResult ProcessRunner::run() const
{
    return start()->wait(m_timeoutMs);
}

std::unique_ptr<RunningProcess> ProcessRunner::start() const
{
    ProcessResult result;
    result.program = m_program;
    result.arguments = m_arguments;

    auto process = std::make_unique<QProcess>();
    process->setProgram(m_program);
    process->setArguments(m_arguments);
    process->setProcessEnvironment(m_environment);
    if (!m_workingDirectory.isEmpty())
        process->setWorkingDirectory(m_workingDirectory);
    process->start();
    if (!process->waitForStarted(10000)) {
        result.standardError = process->errorString().toUtf8();
        return std::make_unique<RunningProcess>(std::move(process), result);
    }
    result.started = true;
    if (!m_input.isEmpty())
        process->write(m_input);
    process->closeWriteChannel();
    return std::make_unique<RunningProcess>(std::move(process), result);
}

ProcessResult ProcessRunner::run(const QString &program, const QStringList &arguments, int timeoutMs)
{
    return ProcessRunner(program).setArguments(arguments).setTimeoutMs(timeoutMs).run();
}

} // namespace stagehand::test
