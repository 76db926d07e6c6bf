#pragma once

#include "ProcessResult.h"
#include "RunningProcess.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

namespace stagehand::test {

// Runs an external program to completion with a timeout (killing it when the time is up).
class ProcessRunner {
public:
    explicit ProcessRunner(QString program);

    ProcessRunner &setArguments(QStringList arguments);
    ProcessRunner &setWorkingDirectory(QString directory);
    ProcessRunner &setEnvironment(QProcessEnvironment environment);
    // Adds or replaces one variable of the environment (the process' own by default).
    ProcessRunner &setVariable(const QString &name, const QString &value);
    ProcessRunner &setStandardInput(QByteArray input);
    ProcessRunner &setTimeoutMs(int timeoutMs);

    // Runs to completion (or setTimeoutMs()).
    ProcessResult run() const;
    // Starts and returns at once; RunningProcess::wait() collects the result.
    std::unique_ptr<RunningProcess> start() const;

    static ProcessResult run(const QString &program, const QStringList &arguments, int timeoutMs = 60000);

private:
    QString m_program;
    QStringList m_arguments;
    QString m_workingDirectory;
    QProcessEnvironment m_environment;
    QByteArray m_input;
    int m_timeoutMs = 60000;
};

} // namespace stagehand::test
