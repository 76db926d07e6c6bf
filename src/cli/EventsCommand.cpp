#include "EventsCommand.h"

#include "ExitCode.h"
#include "docker/EngineStream.h"

#include <QJsonDocument>
#include <QTimeZone>

#include <memory>

namespace stagehand::cli {

void EventsCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("since"),
                      QStringLiteral("Events from this time on (unix time, RFC 3339, or a duration like 10m)."),
                      QStringLiteral("time")});
    parser.addOption({QStringLiteral("until"), QStringLiteral("Stop at this time (as --since)."), QStringLiteral("time")});
    parser.addOption(
        {{QStringLiteral("f"), QStringLiteral("filter")},
         QStringLiteral("Only these events: type=container, event=start, container=NAME, label=k=v, ... (may be repeated)."),
         QStringLiteral("key=value")});
    addFormatOption(parser, {QStringLiteral("text"), QStringLiteral("json")});
    addEngineOptions(parser);
}

QString EventsCommand::text(const EngineEvent &event)
{
    const qint64 nanos = event.timeNano ? event.timeNano : event.time * 1000000000;
    const QDateTime when = QDateTime::fromSecsSinceEpoch(nanos / 1000000000, QTimeZone::utc());
    const QString time = when.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.' +
                         QStringLiteral("%1").arg(nanos % 1000000000, 9, 10, QLatin1Char('0')) + u'Z';
    QStringList attributes;
    for (auto it = event.attributes.cbegin(); it != event.attributes.cend(); ++it)
        attributes.append(it.key() + u'=' + it.value());
    QString line = time + u' ' + event.type + u' ' + event.action + u' ' + event.actorId;
    if (!attributes.isEmpty())
        line += QStringLiteral(" (") + attributes.join(QStringLiteral(", ")) + u')';
    return line;
}

int EventsCommand::run(const QCommandLineParser &parser)
{
    int code = ExitCode::Success;
    const std::optional<QString> format = checkFormat(parser, &code);
    if (!format)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        m_err << "events: unexpected argument '" << parser.positionalArguments().first() << "'" << Qt::endl;
        return ExitCode::UsageError;
    }
    EventOptions options;
    if (!timeRange(parser, &options.since, &options.until))
        return ExitCode::UsageError;
    if (!options.since.isEmpty() && !options.until.isEmpty() && options.since.toDouble() > options.until.toDouble()) {
        m_err << "events: --since is after --until" << Qt::endl;
        return ExitCode::UsageError;
    }
    for (const QString &filter : parser.values(QStringLiteral("filter"))) {
        const qsizetype equals = filter.indexOf(u'=');
        if (equals <= 0) {
            m_err << "events: --filter takes key=value, not '" << filter << "'" << Qt::endl;
            return ExitCode::UsageError;
        }
        options.filters[filter.left(equals)].append(filter.mid(equals + 1));
    }

    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code);
    if (!client)
        return code;
    const bool json = *format == QLatin1String("json");
    const std::unique_ptr<EngineStream> stream(client->events(options));
    QObject::connect(stream.get(), &EngineStream::eventReceived, &loop, [this, json](const EngineEvent &event) {
        if (json)
            writeOut(QJsonDocument(event.raw).toJson(QJsonDocument::Compact) + '\n');
        else
            writeOut(text(event).toUtf8() + '\n');
    });
    QObject::connect(stream.get(), &EngineStream::interrupted, &loop, [this](const EngineError &error) {
        m_err << "events: lost the engine (" << error.message << "); waiting for it to come back" << Qt::endl;
    });
    QObject::connect(stream.get(), &EngineStream::resumed, &loop,
                     [this] { m_err << "events: the engine is back; resumed where the stream left off" << Qt::endl; });
    QObject::connect(stream.get(), &EngineStream::finished, &loop, [this, &loop](const EngineError &error) {
        loop.quit(error.isError() && error.kind != EngineError::Kind::Cancelled ? engineFailure(error) : int(ExitCode::Success));
    });
    return loop.exec();
}

} // namespace stagehand::cli
