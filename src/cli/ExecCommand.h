#pragma once

#include "EngineCommand.h"

namespace stagehand::cli {

// stagehand-cli exec CONTAINER -- CMD...: runs CMD in the running container (no TTY, no stdin),
// its stdout to ours and its stderr to ours, and exits with the command's exit code. When the
// command could not be run at all: 2 (or 69, engine unreachable), as every engine command.
class ExecCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("exec"); }
    QString description() const override
    {
        return QStringLiteral("Run a command in a running container; its exit code is ours.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
