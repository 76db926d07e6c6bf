#pragma once

#include "ProcessResult.h"

#include <QElapsedTimer>

#include <memory>

class QProcess;

namespace stagehand::test {

// An external program started by ProcessRunner::start(), running while the test does other
// things; wait() collects its result (killing it if it overruns). Destroying it unwaited kills it.
class RunningProcess {
public:
    RunningProcess(std::unique_ptr<QProcess> process, ProcessResult started);
    ~RunningProcess();
    RunningProcess(const RunningProcess &) = delete;
    RunningProcess &operator=(const RunningProcess &) = delete;

    bool isRunning() const;
    ProcessResult wait(int timeoutMs);

private:
    std::unique_ptr<QProcess> m_process;
    ProcessResult m_result;
    QElapsedTimer m_clock;
    bool m_done = false;
};

} // namespace stagehand::test
