#include "PortsCommand.h"

#include "ExitCode.h"
#include "TextTable.h"
#include "analysis/PortCheck.h"
#include "analysis/PortConflictJson.h"
#include "project/ProjectLoader.h"

#include <QDir>
#include <QJsonDocument>

namespace stagehand::cli {
namespace {

QString claimantWhere(const PortClaimant &claimant, const QDir &projectDirectory)
{
    switch (claimant.kind) {
    case PortClaimant::Kind::Service: {
        SourceLocation where = claimant.location;
        where.file = projectDirectory.relativeFilePath(where.file);
        return where.toString();
    }
    case PortClaimant::Kind::HostProcess:
        return QStringLiteral("host, ") + (claimant.hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : claimant.hostIp);
    case PortClaimant::Kind::Container:
        return QStringLiteral("engine, ") + (claimant.hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : claimant.hostIp);
    }
    return {};
}

QString plural(int count, const QString &noun)
{
    return QString::number(count) + u' ' + noun + (count == 1 ? QString() : QStringLiteral("s"));
}

QString portText(int first, int last)
{
    return last > first ? QStringLiteral("%1-%2").arg(first).arg(last) : QString::number(first);
}

} // namespace

void PortsCommand::addOptions(QCommandLineParser &parser)
{
    addProjectOptions(parser,
                      QStringLiteral("Check this environment (with those it shares a host with); default: every environment."),
                      {QStringLiteral("text"), QStringLiteral("json")});
}

int PortsCommand::run(const QCommandLineParser &parser)
{
    int failure = ExitCode::Success;
    const std::optional<ProjectArguments> arguments = projectArguments(parser, &failure);
    if (!arguments)
        return failure;
    const Project &project = arguments->project;
    const QString &format = arguments->format;
    const QString &environment = arguments->environment;

    PortCheckOptions options;
    options.environment = environment;
    const PortCheckResult result = PortCheck().run(project, options);
    Diagnostics all = arguments->diagnostics;
    all.append(result.diagnostics);
    int code = report(all);
    // What could not be checked (an engine unreachable) makes the check incomplete: a warning (exit 1).
    for (const QString &note : result.notes)
        m_err << "ports: warning: " << note << Qt::endl;
    if (!result.notes.isEmpty() && code == ExitCode::Success)
        code = ExitCode::WarningsOnly;
    if (!result.complete) {
        m_err << "ports: some environments could not be loaded and were not checked" << Qt::endl;
        code = ExitCode::Failed;
    }

    if (format == QLatin1String("json")) {
        m_out << QString::fromUtf8(QJsonDocument(PortConflictJson::toJson(result.conflicts)).toJson(QJsonDocument::Indented));
    } else {
        const QDir directory(project.directory);
        const QString checked = result.environments.join(QStringLiteral(", "));
        const QString counts = QStringList{plural(result.publishedPorts, QStringLiteral("published port")),
                                           plural(result.hostListeners, QStringLiteral("host listener")),
                                           plural(result.containerPorts, QStringLiteral("container port"))}
                                   .join(QStringLiteral(", "));
        if (result.conflicts.isEmpty()) {
            m_out << "No port conflicts in " << checked << " (" << counts << " checked)." << '\n';
        } else {
            QList<QStringList> rows{{QStringLiteral("PORT"), QStringLiteral("PROTO"), QStringLiteral("HOST IP"),
                                     QStringLiteral("CLAIMANT"), QStringLiteral("WHERE"), QStringLiteral("SUGGESTION")}};
            for (const PortConflict &conflict : result.conflicts) {
                if (rows.size() > 1)
                    rows.append(QStringList{}); // a blank line between conflicts
                bool firstRow = true;
                for (const PortClaimant &claimant : conflict.claimants) {
                    const bool mover = conflict.suggestion && claimant.kind == PortClaimant::Kind::Service &&
                                       claimant.environment == conflict.suggestion->environment &&
                                       claimant.service == conflict.suggestion->service &&
                                       claimant.location == conflict.suggestion->location;
                    QString suggestion;
                    if (mover)
                        suggestion =
                            QStringLiteral("move to ") + portText(conflict.suggestion->port, conflict.suggestion->portEnd);
                    rows.append({firstRow ? QString::number(conflict.port) : QString(), firstRow ? conflict.protocol : QString(),
                                 firstRow ? conflict.hostIp : QString(), claimant.describe(), claimantWhere(claimant, directory),
                                 suggestion});
                    firstRow = false;
                }
                if (!conflict.suggestion)
                    rows.append({QString(), QString(), QString(), QString(), QString(), QStringLiteral("no free port left")});
            }
            m_out << TextTable::format(rows);
            m_out << '\n'
                  << plural(int(result.conflicts.size()), QStringLiteral("port conflict")) << " in " << checked << " (" << counts
                  << " checked)." << '\n';
        }
    }
    m_out.flush();
    if (!result.conflicts.isEmpty())
        return ExitCode::Failed;
    return code;
}

} // namespace stagehand::cli
