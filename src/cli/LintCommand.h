#pragma once

#include "Command.h"

namespace stagehand::cli {

// stagehand-cli lint -p PROJECT [-e ENV] [--format text|json]: plaintext secrets, floating image tags,
// missing healthchecks and resource limits, dependency cycles, public database ports, debug settings
// outside development, undefined variables and secrets shared between environments; each finding with
// file:line, a hint and, where one is safe, a fix. Without -e every environment; with -e that one
// (still compared with the others for shared secrets). Exit 0 clean (infos do not count), 1 warnings
// only, 2 errors (or an environment that does not load), 64 usage.
class LintCommand final : public Command {
public:
    using Command::Command;

    QString name() const override { return QStringLiteral("lint"); }
    QString description() const override
    {
        return QStringLiteral("Check the environments for risky settings (secrets, tags, health, limits).");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;
};

} // namespace stagehand::cli
