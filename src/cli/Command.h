#pragma once

#include "model/Project.h"
#include "util/Diagnostic.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace stagehand::cli {

// One subcommand. Results go to out (stdout), errors and diagnostics to err (stderr).
class Command {
public:
    Command(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {
    }
    virtual ~Command() = default;
    Q_DISABLE_COPY_MOVE(Command)

    virtual QString name() const = 0;
    virtual QString description() const = 0;
    virtual void addOptions(QCommandLineParser &parser) = 0;
    // Runs with the parsed options; returns an ExitCode.
    virtual int run(const QCommandLineParser &parser) = 0;

protected:
    // Prints diagnostics to stderr; returns the exit code they call for (0, 1 warnings, 2 errors).
    int report(const Diagnostics &diagnostics);

    // The options every project command takes: -p/--project, -e/--environment, --format (the first
    // of formats is the default).
    void addProjectOptions(QCommandLineParser &parser, const QString &environmentHelp, const QStringList &formats);
    // -p/--project and -e/--environment alone.
    void addProjectAndEnvironmentOptions(QCommandLineParser &parser, const QString &environmentHelp);
    // --format (the first of formats is the default).
    void addFormatOption(QCommandLineParser &parser, const QStringList &formats);
    // The --format given, if it is one of addFormatOption()'s; else prints why and sets *exitCode to 64.
    std::optional<QString> checkFormat(const QCommandLineParser &parser, int *exitCode);

    struct ProjectArguments {
        Project project;
        Diagnostics diagnostics; // from reading the project file
        QString environment;     // as given with -e (checked to exist), or empty
        QString format;
    };
    // Checks --format and stray arguments, loads the project and checks that -e names one of its
    // environments. On failure prints why and sets *exitCode (64 usage, 2 unreadable project).
    std::optional<ProjectArguments> projectArguments(const QCommandLineParser &parser, int *exitCode);

    QTextStream &m_out;
    QTextStream &m_err;

private:
    QStringList m_formats;
};

} // namespace stagehand::cli
