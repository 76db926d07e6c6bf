#pragma once

#include "Command.h"

#include "deploy/Release.h"

namespace stagehand::cli {

// stagehand-cli releases -p PROJECT -e ENV [--format text|json]: the environment's releases from the
// Stagehand store, newest first.
class ReleasesCommand final : public Command {
public:
    using Command::Command;

    QString name() const override { return QStringLiteral("releases"); }
    QString description() const override { return QStringLiteral("List an environment's releases (its deploys), newest first."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

    // "45s", "1m3s", "450ms"; "-" when the release is still running.
    static QString duration(const Release &release);
};

} // namespace stagehand::cli
