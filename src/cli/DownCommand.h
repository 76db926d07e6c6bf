#pragma once

#include "EngineCommand.h"

namespace stagehand::cli {

// stagehand-cli down -p PROJECT -e ENV [--volumes] [--format text|json]: stops the environment's
// containers in reverse dependency order (each with its stop grace period), removes them and the
// project's networks; its volumes only with --volumes.
class DownCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("down"); }
    QString description() const override
    {
        return QStringLiteral("Take an environment down: containers and networks (volumes with --volumes).");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
