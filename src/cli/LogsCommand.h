#pragma once

#include "EngineCommand.h"

namespace stagehand::cli {

// stagehand-cli logs [-p PROJECT -e ENV] SERVICE|CONTAINER [-f] [--since S] [--until S] [--tail N]
// [--timestamps]: the container's stdout to our stdout and its stderr to our stderr, byte for
// byte as `docker logs` prints them. With -p/-e a service name stands for its containers (several
// of a scaled service: each line prefixed with the container's name). -f follows until the
// container stops or SIGINT/SIGTERM (exit 0).
class LogsCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("logs"); }
    QString description() const override
    {
        return QStringLiteral("Print a container's or a service's logs (stdout and stderr apart).");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
