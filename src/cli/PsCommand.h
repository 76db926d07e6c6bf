#pragma once

#include "EngineCommand.h"

namespace stagehand::cli {

// stagehand-cli ps [-p PROJECT -e ENV] [--all] [--format text|json]: the engine's containers
// (running ones unless --all), or with -p/-e the environment's, matched by their Compose labels:
// each service's containers, then one-off (`run`) containers and orphans, marked as such.
class PsCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("ps"); }
    QString description() const override
    {
        return QStringLiteral("List containers (an environment's, matched by Compose labels).");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
