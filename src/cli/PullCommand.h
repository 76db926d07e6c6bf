#pragma once

#include "EngineCommand.h"

namespace stagehand::cli {

// stagehand-cli pull IMAGE: pulls through the engine (credentials from the docker config, as
// DockerClient::pullImage sends them), progress lines on stderr (one per layer and status, as a
// non-terminal `docker pull` prints them), the image's reference on stdout when done. A refusal
// (unknown image, wrong credentials, registry unreachable): the registry's message on stderr, exit 2.
class PullCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("pull"); }
    QString description() const override { return QStringLiteral("Pull an image from its registry."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
