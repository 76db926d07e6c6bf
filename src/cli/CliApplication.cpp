#include "CliApplication.h"

#include "ConfigCommand.h"
#include "EventsCommand.h"
#include "ExecCommand.h"
#include "ExitCode.h"
#include "ImagesCommand.h"
#include "LintCommand.h"
#include "LogsCommand.h"
#include "PortsCommand.h"
#include "PsCommand.h"
#include "PullCommand.h"
#include "ReleasesCommand.h"
#include "UpCommand.h"
#include "DownCommand.h"
#include "StatsCommand.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace stagehand::cli {
namespace {

// Global options that take a value: their value is never the command's name.
const QStringList &valueOptions()
{
    static const QStringList options{
        QStringLiteral("--log-level"),   QStringLiteral("-p"),        QStringLiteral("--project"), QStringLiteral("-e"),
        QStringLiteral("--environment"), QStringLiteral("--format"),  QStringLiteral("--host"),    QStringLiteral("--context"),
        QStringLiteral("--since"),       QStringLiteral("--until"),   QStringLiteral("--tail"),    QStringLiteral("-n"),
        QStringLiteral("--filter"),      QStringLiteral("--workdir"), QStringLiteral("--services"), QStringLiteral("--timeout"), QStringLiteral("--user"),    QStringLiteral("--env")};
    return options;
}

} // namespace

CliApplication::CliApplication(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
    m_commands.push_back(std::make_unique<ConfigCommand>(out, err));
    m_commands.push_back(std::make_unique<PortsCommand>(out, err));
    m_commands.push_back(std::make_unique<LintCommand>(out, err));
    m_commands.push_back(std::make_unique<PsCommand>(out, err));
    m_commands.push_back(std::make_unique<LogsCommand>(out, err));
    m_commands.push_back(std::make_unique<StatsCommand>(out, err));
    m_commands.push_back(std::make_unique<EventsCommand>(out, err));
    m_commands.push_back(std::make_unique<ExecCommand>(out, err));
    m_commands.push_back(std::make_unique<ImagesCommand>(out, err));
    m_commands.push_back(std::make_unique<PullCommand>(out, err));
    m_commands.push_back(std::make_unique<UpCommand>(out, err));
    m_commands.push_back(std::make_unique<DownCommand>(out, err));
    m_commands.push_back(std::make_unique<ReleasesCommand>(out, err));
}

Command *CliApplication::find(const QString &name) const
{
    for (const auto &command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

void CliApplication::addGlobalOptions(QCommandLineParser &parser) const
{
    parser.addOption({QStringLiteral("log-level"), QStringLiteral("Console log level: trace, debug, info, warning, error, off."),
                      QStringLiteral("level"), QStringLiteral("warning")});
    parser.addHelpOption();
}

void CliApplication::printUsage() const
{
    m_out << "Usage: stagehand-cli [--log-level LEVEL] COMMAND [options]\n\nCommands:\n";
    for (const auto &command : m_commands)
        m_out << "  " << command->name().leftJustified(10) << command->description() << '\n';
    m_out << "\nThe engine commands (ps, logs, stats, events, exec, images, pull, up, down) take --host HOST and --context NAME.\n"
             "Run 'stagehand-cli COMMAND --help' for a command's options.\n"
             "Exit codes: 0 success, 1 warnings only, 2 problems found or failed, 64 usage error, 69 engine unreachable\n"
             "(exec: the command's own once it ran).\n";
    m_out.flush();
}

int CliApplication::run(const QStringList &arguments)
{
    // The command is the first argument that is neither an option nor an option's value.
    qsizetype commandIndex = -1;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg.startsWith(QLatin1Char('-'))) {
            if (valueOptions().contains(arg))
                ++i;
            continue;
        }
        commandIndex = i;
        break;
    }
    if (commandIndex < 0) {
        if (arguments.contains(QStringLiteral("--version")) || arguments.contains(QStringLiteral("-v"))) {
            m_out << "stagehand-cli " << QStringLiteral(STAGEHAND_VERSION) << Qt::endl;
            return ExitCode::Success;
        }
        printUsage();
        return arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h")) ? ExitCode::Success
                                                                                                        : ExitCode::UsageError;
    }
    Command *command = find(arguments.at(commandIndex));
    if (!command) {
        m_err << "stagehand-cli: unknown command '" << arguments.at(commandIndex) << "'" << Qt::endl;
        printUsage();
        return ExitCode::UsageError;
    }
    QStringList commandArguments = arguments;
    commandArguments.removeAt(commandIndex);

    QCommandLineParser parser;
    parser.setApplicationDescription(command->description());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    addGlobalOptions(parser);
    command->addOptions(parser);
    if (!parser.parse(commandArguments)) {
        m_err << "stagehand-cli " << command->name() << ": " << parser.errorText() << Qt::endl;
        return ExitCode::UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                           QStringLiteral("stagehand-cli ") + command->name());
        m_out.flush();
        return ExitCode::Success;
    }
    const Logging::Level level = Logging::parseLevel(parser.value(QStringLiteral("log-level")), Logging::Level::Warning);
    // The log file keeps at least debug lines; --log-level trace puts trace lines in it too.
    Logging::initialize(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs"), level,
                        std::min(level, Logging::Level::Debug));
    const int code = command->run(parser);
    Logging::flush();
    return code;
}

} // namespace stagehand::cli
