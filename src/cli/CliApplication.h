#pragma once

#include "Command.h"

#include <QStringList>
#include <QTextStream>

#include <memory>
#include <vector>

namespace stagehand::cli {

// Parses `stagehand-cli [global options] COMMAND [options]`, sets up logging and runs the command.
class CliApplication final {
public:
    CliApplication(QTextStream &out, QTextStream &err);
    Q_DISABLE_COPY_MOVE(CliApplication)

    int run(const QStringList &arguments);

private:
    Command *find(const QString &name) const;
    void addGlobalOptions(QCommandLineParser &parser) const;
    void printUsage() const;

    QTextStream &m_out;
    QTextStream &m_err;
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace stagehand::cli
