#include "StatsCommand.h"

#include "ExitCode.h"
#include "HumanUnits.h"
#include "TextTable.h"
#include "docker/EngineStream.h"
#include "docker/StatsCalculator.h"

#include <QJsonDocument>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

#include <unistd.h>

namespace stagehand::cli {

void StatsCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("no-stream"), QStringLiteral("Print one sample per container and exit.")});
    addFormatOption(parser, {QStringLiteral("text"), QStringLiteral("json")});
    addEngineOptions(parser);
    parser.addPositionalArgument(QStringLiteral("containers"),
                                 QStringLiteral("Containers' names or ids (default: every running one)."),
                                 QStringLiteral("[CONTAINER...]"));
}

QJsonObject StatsCommand::toJson(const StatsSample &s)
{
    return QJsonObject{{QStringLiteral("id"), s.id},
                       {QStringLiteral("name"), s.name},
                       {QStringLiteral("read"), s.read.isValid() ? s.read.toUTC().toString(Qt::ISODateWithMs) : QString()},
                       {QStringLiteral("cpu_percent"), s.cpuPercent},
                       {QStringLiteral("online_cpus"), s.onlineCpus},
                       {QStringLiteral("memory_usage"), s.memoryUsage},
                       {QStringLiteral("memory_limit"), s.memoryLimit},
                       {QStringLiteral("memory_percent"), s.memoryPercent},
                       {QStringLiteral("network_rx"), s.networkRx},
                       {QStringLiteral("network_tx"), s.networkTx},
                       {QStringLiteral("block_read"), s.blockRead},
                       {QStringLiteral("block_write"), s.blockWrite},
                       {QStringLiteral("pids"), s.pids}};
}

QStringList StatsCommand::header()
{
    return {QStringLiteral("CONTAINER ID"),      QStringLiteral("NAME"),  QStringLiteral("CPU %"),
            QStringLiteral("MEM USAGE / LIMIT"), QStringLiteral("MEM %"), QStringLiteral("NET I/O"),
            QStringLiteral("BLOCK I/O"),         QStringLiteral("PIDS")};
}

QStringList StatsCommand::row(const StatsSample &s)
{
    return {s.id.left(12),
            s.name,
            QString::asprintf("%.2f%%", s.cpuPercent),
            HumanUnits::bytesSize(double(s.memoryUsage)) + QStringLiteral(" / ") + HumanUnits::bytesSize(double(s.memoryLimit)),
            QString::asprintf("%.2f%%", s.memoryPercent),
            HumanUnits::humanSize(double(s.networkRx)) + QStringLiteral(" / ") + HumanUnits::humanSize(double(s.networkTx)),
            HumanUnits::humanSize(double(s.blockRead)) + QStringLiteral(" / ") + HumanUnits::humanSize(double(s.blockWrite)),
            QString::number(s.pids)};
}

void StatsCommand::printTable(const QList<StatsSample> &samples, bool clear)
{
    QList<QStringList> rows{header()};
    for (const StatsSample &s : samples)
        rows.append(row(s));
    if (clear)
        m_out << "\033[2J\033[H";
    m_out << TextTable::format(rows, 3);
    m_out.flush();
}

int StatsCommand::run(const QCommandLineParser &parser)
{
    int code = ExitCode::Success;
    const std::optional<QString> format = checkFormat(parser, &code);
    if (!format)
        return code;
    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code);
    if (!client)
        return code;
    QStringList containers = parser.positionalArguments();
    if (containers.isEmpty()) {
        const auto running = loop.await(client->listContainers(false));
        if (loop.interrupted())
            return ExitCode::Success;
        if (!running.ok())
            return engineFailure(running.error, QStringLiteral("listing containers"));
        for (const ContainerSummary &c : *running)
            containers.append(c.id);
    }
    const bool json = *format == QLatin1String("json");
    if (parser.isSet(QStringLiteral("no-stream")))
        return noStream(*client, loop, containers, json);
    return stream(*client, loop, containers, json);
}

int StatsCommand::noStream(DockerClient &client, CommandLoop &loop, const QStringList &containers, bool json)
{
    // stream=0, as `docker stats --no-stream` asks: the engine reads twice (a second apart) so
    // that the CPU figure has its previous reading, and answers a stopped container with zeros.
    QList<QFuture<EngineResult<QJsonDocument>>> futures;
    for (const QString &container : containers)
        futures.append(client.request(QByteArrayLiteral("GET"), QStringLiteral("/containers/%1/stats").arg(container),
                                      {{QStringLiteral("stream"), QStringLiteral("0")}}));
    QList<StatsSample> samples;
    int failure = ExitCode::Success;
    for (qsizetype i = 0; i < futures.size(); ++i) {
        const auto result = loop.await(futures.at(i));
        if (loop.interrupted())
            return ExitCode::Success;
        if (!result.ok()) {
            failure = std::max(failure, engineFailure(result.error, containers.at(i)));
            continue;
        }
        const StatsSample sample = StatsCalculator::fromJson(result->object());
        if (json)
            writeOut(QJsonDocument(toJson(sample)).toJson(QJsonDocument::Compact) + '\n');
        samples.append(sample);
    }
    if (!json && (!samples.isEmpty() || failure == ExitCode::Success))
        printTable(samples, false);
    return failure;
}

int StatsCommand::stream(DockerClient &client, CommandLoop &loop, const QStringList &containers, bool json)
{
    const bool terminal = ::isatty(STDOUT_FILENO) == 1;
    std::map<int, StatsSample> latest; // by position in containers
    std::vector<std::unique_ptr<EngineStream>> streams;
    int failure = ExitCode::Success;
    int open = int(containers.size());
    if (open == 0) {
        if (!json)
            printTable({}, false);
        return ExitCode::Success;
    }
    for (int i = 0; i < int(containers.size()); ++i) {
        streams.emplace_back(client.stats(containers.at(i)));
        EngineStream *s = streams.back().get();
        QObject::connect(s, &EngineStream::statsReceived, &loop, [this, i, json, &latest](const QJsonObject &object) {
            const StatsSample sample = StatsCalculator::fromJson(object);
            latest[i] = sample;
            if (json)
                writeOut(QJsonDocument(toJson(sample)).toJson(QJsonDocument::Compact) + '\n');
        });
        QObject::connect(s, &EngineStream::finished, &loop,
                         [this, i, &containers, &open, &failure, &loop](const EngineError &error) {
                             if (error.isError() && error.kind != EngineError::Kind::Cancelled)
                                 failure = std::max(failure, engineFailure(error, containers.at(i)));
                             if (--open == 0)
                                 loop.quit(failure);
                         });
    }
    QTimer redraw;
    if (!json) {
        redraw.setInterval(1000);
        QObject::connect(&redraw, &QTimer::timeout, &loop, [this, &latest, terminal] {
            if (latest.empty())
                return;
            QList<StatsSample> samples;
            for (const auto &[index, sample] : latest)
                samples.append(sample);
            if (!terminal)
                m_out << '\n';
            printTable(samples, terminal);
        });
        redraw.start();
    }
    const int code = loop.exec();
    streams.clear();
    return loop.interrupted() ? int(ExitCode::Success) : code;
}

} // namespace stagehand::cli
