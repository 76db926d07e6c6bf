#pragma once

#include "EngineCommand.h"

#include "docker/StatsSample.h"

#include <QJsonObject>

namespace stagehand::cli {

// stagehand-cli stats [CONTAINER...] [--no-stream] [--format text|json]: CPU %, memory usage (minus
// the inactive file cache, as docker computes it: StatsCalculator) against the limit, network and
// block I/O and pids, like `docker stats`; without CONTAINER every running container. Streams
// (text: the table redrawn each second; json: one object a line per container per sample) until
// SIGINT/SIGTERM or every container stopped; --no-stream prints one sample per container and exits.
class StatsCommand final : public EngineCommand {
public:
    using EngineCommand::EngineCommand;

    QString name() const override { return QStringLiteral("stats"); }
    QString description() const override
    {
        return QStringLiteral("Show containers' CPU, memory, network and block I/O, as docker stats.");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(const QCommandLineParser &parser) override;

    // {"id", "name", "read", "cpu_percent", "online_cpus", "memory_usage", "memory_limit",
    //  "memory_percent", "network_rx", "network_tx", "block_read", "block_write", "pids"}
    static QJsonObject toJson(const StatsSample &sample);
    static QStringList header();
    static QStringList row(const StatsSample &sample);

private:
    int noStream(DockerClient &client, CommandLoop &loop, const QStringList &containers, bool json);
    int stream(DockerClient &client, CommandLoop &loop, const QStringList &containers, bool json);
    void printTable(const QList<StatsSample> &samples, bool clear);
};

} // namespace stagehand::cli
