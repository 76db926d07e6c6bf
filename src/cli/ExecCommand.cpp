#include "ExecCommand.h"

#include "ExitCode.h"

namespace stagehand::cli {

void ExecCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({{QStringLiteral("w"), QStringLiteral("workdir")},
                      QStringLiteral("The working directory inside the container."),
                      QStringLiteral("dir")});
    parser.addOption({{QStringLiteral("u"), QStringLiteral("user")},
                      QStringLiteral("The user (name or uid[:gid]) to run as."),
                      QStringLiteral("user")});
    parser.addOption({QStringLiteral("env"), QStringLiteral("Set an environment variable (NAME=value; may be repeated)."),
                      QStringLiteral("NAME=value")});
    addEngineOptions(parser);
    parser.addPositionalArgument(QStringLiteral("container"), QStringLiteral("The container's name or id."),
                                 QStringLiteral("CONTAINER"));
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command and its arguments (after --)."),
                                 QStringLiteral("-- CMD..."));
}

int ExecCommand::run(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        m_err << "exec: expected CONTAINER -- CMD..." << Qt::endl;
        return ExitCode::UsageError;
    }
    ExecOptions options;
    options.workingDirectory = parser.value(QStringLiteral("workdir"));
    options.user = parser.value(QStringLiteral("user"));
    options.environment = parser.values(QStringLiteral("env"));
    for (const QString &variable : std::as_const(options.environment)) {
        if (!variable.contains(u'=') || variable.startsWith(u'=')) {
            m_err << "exec: --env takes NAME=value, not '" << variable << "'" << Qt::endl;
            return ExitCode::UsageError;
        }
    }

    int code = ExitCode::Success;
    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code);
    if (!client)
        return code;
    const auto result = loop.await(client->exec(positional.first(), positional.mid(1), options));
    if (loop.interrupted())
        return ExitCode::Success;
    if (!result.ok())
        return engineFailure(result.error, QStringLiteral("exec in ") + positional.first());
    writeOut(result->standardOutput);
    writeErr(result->standardError);
    return result->exitCode;
}

} // namespace stagehand::cli
