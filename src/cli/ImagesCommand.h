#pragma once

#include "EngineCommand.h"

#include "docker/ImageSummary.h"

#include <QJsonObject>

namespace stagehand::cli {

// stagehand-cli images [--all] [--format text|json]: the engine's images (intermediate ones too
// with --all). Text: a row per tag as `docker images` prints them; JSON: one object per image,
// {"id", "repo_tags", "repo_digests", "size", "created", "labels"}.
class ImagesCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("images"); }
    QString description() const override { return QStringLiteral("List the engine's images."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

    static QJsonObject toJson(const ImageSummary &image);
};

} // namespace stagehand::cli
