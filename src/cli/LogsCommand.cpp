#include "LogsCommand.h"

#include "ExitCode.h"
#include "docker/EngineStream.h"
#include "docker/LogLineAssembler.h"

#include <QRegularExpression>

#include <memory>
#include <vector>

namespace stagehand::cli {

void LogsCommand::addOptions(QCommandLineParser &parser)
{
    addProjectAndEnvironmentOptions(
        parser, QStringLiteral("SERVICE is a service of this environment (may be left out when the project has only one)."));
    parser.addOption(
        {{QStringLiteral("f"), QStringLiteral("follow")}, QStringLiteral("Follow the output until the container stops.")});
    parser.addOption({QStringLiteral("since"),
                      QStringLiteral("Only output after this time (unix time, RFC 3339, or a duration like 10m)."),
                      QStringLiteral("time")});
    parser.addOption(
        {QStringLiteral("until"), QStringLiteral("Only output before this time (as --since)."), QStringLiteral("time")});
    parser.addOption({{QStringLiteral("n"), QStringLiteral("tail")},
                      QStringLiteral("Only the last N lines (default: all)."),
                      QStringLiteral("N"),
                      QStringLiteral("all")});
    parser.addOption(
        {{QStringLiteral("t"), QStringLiteral("timestamps")}, QStringLiteral("Prefix each line with its time (RFC 3339).")});
    addEngineOptions(parser);
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("A service (with -p/-e), or a container's name or id."),
                                 QStringLiteral("SERVICE|CONTAINER"));
}

int LogsCommand::run(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        m_err << "logs: expected one SERVICE or CONTAINER, got " << positional.size() << Qt::endl;
        return ExitCode::UsageError;
    }
    const QString what = positional.first();
    LogOptions options;
    options.follow = parser.isSet(QStringLiteral("follow"));
    options.timestamps = parser.isSet(QStringLiteral("timestamps"));
    options.tail = parser.value(QStringLiteral("tail"));
    static const QRegularExpression number(QStringLiteral("^\\d+$"));
    if (options.tail != QLatin1String("all") && !number.match(options.tail).hasMatch()) {
        m_err << "logs: --tail takes a number of lines or 'all', not '" << options.tail << "'" << Qt::endl;
        return ExitCode::UsageError;
    }
    if (!timeRange(parser, &options.since, &options.until))
        return ExitCode::UsageError;

    int code = ExitCode::Success;
    const std::optional<EnvironmentTarget> target = environmentTarget(parser, &code);
    if (!target && code != ExitCode::Success)
        return code;
    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code, target ? target->spec.engine : QString());
    if (!client)
        return code;

    // (id, name) of each container to follow
    QList<QPair<QString, QString>> containers;
    if (target) {
        const std::optional<EnvironmentContainers> matched = environmentContainers(*client, loop, *target, &code);
        if (!matched)
            return code;
        if (target->services.contains(what)) {
            for (const ContainerSummary &c : matched->services.value(what))
                containers.append({c.id, c.name()});
            if (containers.isEmpty()) {
                m_err << "logs: service '" << what << "' of " << target->composeProject << " has no container" << Qt::endl;
                return ExitCode::Failed;
            }
        } else {
            for (const ContainerSummary &c : matched->all()) {
                if (c.name() == what || c.id.startsWith(what))
                    containers.append({c.id, c.name()});
            }
            if (containers.size() != 1) {
                m_err << "logs: no service '" << what << "' in environment " << target->spec.name
                      << " (services: " << target->services.join(QStringLiteral(", ")) << ")" << Qt::endl;
                return ExitCode::UsageError;
            }
        }
    } else {
        containers.append({what, what});
    }

    const bool prefixed = containers.size() > 1;
    int failure = ExitCode::Success;
    int open = int(containers.size());
    std::vector<std::unique_ptr<EngineStream>> streams;
    std::vector<std::unique_ptr<LogLineAssembler>> assemblers;
    for (const QPair<QString, QString> &container : std::as_const(containers)) {
        const QString containerName = container.second;
        streams.emplace_back(client->logs(container.first, options));
        assemblers.push_back(std::make_unique<LogLineAssembler>(false));
        EngineStream *stream = streams.back().get();
        LogLineAssembler *assembler = assemblers.back().get();
        const QByteArray prefix = containerName.toUtf8() + QByteArrayLiteral(" | ");
        auto writeLines = [this, prefix](const QList<LogLine> &lines) {
            for (const LogLine &line : lines) {
                const QByteArray text = prefix + line.text + '\n';
                line.stream == LogChunk::Stream::Stderr ? writeErr(text) : writeOut(text);
            }
        };
        QObject::connect(stream, &EngineStream::logReceived, &loop,
                         [this, prefixed, assembler, writeLines](const LogChunk &chunk) {
                             if (!prefixed)
                                 chunk.stream == LogChunk::Stream::Stderr ? writeErr(chunk.data) : writeOut(chunk.data);
                             else
                                 writeLines(assembler->feed(chunk));
                         });
        QObject::connect(
            stream, &EngineStream::finished, &loop,
            [this, &open, &failure, &loop, prefixed, assembler, writeLines, containerName](const EngineError &error) {
                if (prefixed)
                    writeLines(assembler->flush());
                if (error.isError() && error.kind != EngineError::Kind::Cancelled)
                    failure = std::max(failure, engineFailure(error, containerName));
                if (--open == 0)
                    loop.quit(failure);
            });
    }
    loop.exec();
    streams.clear(); // cancels what still runs (after a signal)
    return loop.interrupted() ? int(ExitCode::Success) : failure;
}

} // namespace stagehand::cli
