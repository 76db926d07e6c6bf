#pragma once

#include "EngineCommand.h"

namespace stagehand::cli {

// stagehand-cli up -p PROJECT -e ENV [--services a,b] [--dry-run] [--timeout S] [--remove-orphans]
// [--format text|json]: plans the environment's deploy against the engine (what is created,
// recreated, started, restarted, kept, removed, and why; preflight problems), prints it and, unless
// --dry-run, carries it out, returning when every service meets its gate. Progress goes to stderr,
// the plan (dry run) or the outcome to stdout. Exit 0 deployed, 2 plan problems or a failed deploy,
// 64 usage, 69 the engine unreachable.
class UpCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("up"); }
    QString description() const override
    {
        return QStringLiteral("Deploy an environment: health-gated, in dependency order, only what changed.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
