#pragma once

#include "Command.h"

namespace stagehand::cli {

// stagehand-cli config -p PROJECT -e ENV [--format yaml|json]: the resolved environment.
class ConfigCommand final : public Command {
public:
    using Command::Command;

    QString name() const override { return QStringLiteral("config"); }
    QString description() const override { return QStringLiteral("Print an environment's resolved Compose configuration."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
