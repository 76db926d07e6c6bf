#include "Command.h"

#include "ExitCode.h"
#include "project/ProjectLoader.h"

namespace stagehand::cli {

int Command::report(const Diagnostics &diagnostics)
{
    bool warnings = false;
    for (const Diagnostic &d : diagnostics) {
        m_err << d.toString() << Qt::endl;
        warnings = warnings || d.severity == Diagnostic::Severity::Warning;
    }
    if (hasErrors(diagnostics))
        return ExitCode::Failed;
    return warnings ? ExitCode::WarningsOnly : ExitCode::Success;
}

void Command::addProjectOptions(QCommandLineParser &parser, const QString &environmentHelp, const QStringList &formats)
{
    addProjectAndEnvironmentOptions(parser, environmentHelp);
    addFormatOption(parser, formats);
}

void Command::addProjectAndEnvironmentOptions(QCommandLineParser &parser, const QString &environmentHelp)
{
    parser.addOption({{QStringLiteral("p"), QStringLiteral("project")},
                      QStringLiteral("The project folder, its stagehand.yaml, or a Compose file (default: the current folder)."),
                      QStringLiteral("path")});
    parser.addOption({{QStringLiteral("e"), QStringLiteral("environment")}, environmentHelp, QStringLiteral("name")});
}

void Command::addFormatOption(QCommandLineParser &parser, const QStringList &formats)
{
    m_formats = formats;
    parser.addOption(
        {QStringLiteral("format"),
         QStringLiteral("Output format: %1 (default) or %2.").arg(formats.first(), formats.mid(1).join(QStringLiteral(", "))),
         QStringLiteral("format"), formats.first()});
}

std::optional<QString> Command::checkFormat(const QCommandLineParser &parser, int *exitCode)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (!m_formats.contains(format)) {
        m_err << name() << ": unknown format '" << format << "' (expected " << m_formats.join(QStringLiteral(" or ")) << ")"
              << Qt::endl;
        *exitCode = ExitCode::UsageError;
        return std::nullopt;
    }
    return format;
}

std::optional<Command::ProjectArguments> Command::projectArguments(const QCommandLineParser &parser, int *exitCode)
{
    ProjectArguments arguments;
    const std::optional<QString> format = checkFormat(parser, exitCode);
    if (!format)
        return std::nullopt;
    arguments.format = *format;
    if (!parser.positionalArguments().isEmpty()) {
        m_err << name() << ": unexpected argument '" << parser.positionalArguments().first() << "'" << Qt::endl;
        *exitCode = ExitCode::UsageError;
        return std::nullopt;
    }
    ProjectLoadResult loaded = ProjectLoader::load(parser.value(QStringLiteral("project")));
    if (!loaded.project) {
        report(loaded.diagnostics);
        *exitCode = ExitCode::Failed;
        return std::nullopt;
    }
    arguments.project = std::move(*loaded.project);
    arguments.diagnostics = std::move(loaded.diagnostics);
    arguments.environment = parser.value(QStringLiteral("environment"));
    if (!arguments.environment.isEmpty() && !arguments.project.environment(arguments.environment)) {
        m_err << name() << ": no environment '" << arguments.environment << "' in project '" << arguments.project.name
              << "' (it has: " << arguments.project.environmentNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
        *exitCode = ExitCode::UsageError;
        return std::nullopt;
    }
    return arguments;
}

} // namespace stagehand::cli
