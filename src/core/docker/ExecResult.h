#pragma once

#include <QByteArray>

namespace stagehand {

// What a command run with exec printed, and how it exited.
struct ExecResult {
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
};

} // namespace stagehand
