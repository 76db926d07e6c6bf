#pragma once

#include "EngineCommand.h"

#include "docker/EngineEvent.h"

namespace stagehand::cli {

// stagehand-cli events [--since S] [--until S] [--filter k=v ...] [--format text|json]: the
// engine's events as they happen, one line each (json: the engine's event object, compact). Keeps
// running across engine restarts (the stream resumes with since=, no event lost or repeated; a
// note on stderr); ends at --until, or on SIGINT/SIGTERM (exit 0).
class EventsCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("events"); }
    QString description() const override { return QStringLiteral("Print the engine's events as they happen."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

    // As docker events prints one: "2024-01-02T03:04:05.123456789Z container start <id> (image=..., name=...)".
    static QString text(const EngineEvent &event);
};

} // namespace stagehand::cli
