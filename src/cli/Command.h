#pragma once

#include "util/Diagnostic.h"

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

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

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace stagehand::cli
