#include "CommandLoop.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace stagehand::cli {
namespace {

// The self-pipe: the handler only writes a byte, the loop reads it.
int s_pipe[2] = {-1, -1};
struct sigaction s_oldInt;
struct sigaction s_oldTerm;

extern "C" void onSignalHandler(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(s_pipe[1], &byte, 1);
}

} // namespace

CommandLoop::CommandLoop()
{
    if (::pipe2(s_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        s_pipe[0] = s_pipe[1] = -1;
        return;
    }
    m_notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &CommandLoop::onSignal);
    struct sigaction action = {};
    action.sa_handler = onSignalHandler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &s_oldInt);
    ::sigaction(SIGTERM, &action, &s_oldTerm);
}

CommandLoop::~CommandLoop()
{
    if (s_pipe[0] < 0)
        return;
    ::sigaction(SIGINT, &s_oldInt, nullptr);
    ::sigaction(SIGTERM, &s_oldTerm, nullptr);
    delete m_notifier;
    ::close(s_pipe[0]);
    ::close(s_pipe[1]);
    s_pipe[0] = s_pipe[1] = -1;
}

int CommandLoop::exec()
{
    if (m_interrupted)
        return 0;
    if (m_quitCode) {
        const int code = *m_quitCode;
        m_quitCode.reset();
        return code;
    }
    const int code = m_loop.exec();
    m_quitCode.reset();
    return m_interrupted ? 0 : code;
}

void CommandLoop::quit(int code)
{
    m_quitCode = code;
    m_loop.exit(code);
}

void CommandLoop::onSignal()
{
    char buffer[16];
    while (::read(s_pipe[0], buffer, sizeof buffer) > 0) {
    }
    if (m_interrupted)
        return;
    m_interrupted = true;
    m_loop.exit(0);
    Q_EMIT signalled();
}

} // namespace stagehand::cli
