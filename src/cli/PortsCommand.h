#pragma once

#include "Command.h"

namespace stagehand::cli {

// stagehand-cli ports -p PROJECT [-e ENV] [--format text|json]: published ports that collide within an
// environment, between environments sharing a host, with this host's listeners or with other
// containers; each with the nearest free port for the service that should move. Exit 2 on a
// conflict; an unreachable engine is a warning on stderr (the rest is checked).
class PortsCommand final : public Command {
public:
    using Command::Command;

    QString name() const override { return QStringLiteral("ports"); }
    QString description() const override { return QStringLiteral("Check published ports for conflicts and suggest free ones."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
