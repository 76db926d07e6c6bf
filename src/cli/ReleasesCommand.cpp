#include "ReleasesCommand.h"

#include "ExitCode.h"
#include "TextTable.h"

#include "deploy/ReleaseJson.h"
#include "deploy/ReleaseStore.h"
#include "store/Database.h"
#include "util/Units.h"

#include <QJsonDocument>

#include <chrono>

namespace stagehand::cli {

void ReleasesCommand::addOptions(QCommandLineParser &parser)
{
    addProjectOptions(parser, QStringLiteral("The environment whose releases to list (may be left out when the project has only one)."),
                      {QStringLiteral("text"), QStringLiteral("json")});
}

QString ReleasesCommand::duration(const Release &release)
{
    if (release.running() || !release.startedAt.isValid() || !release.finishedAt.isValid())
        return QStringLiteral("-");
    const qint64 ms = std::max<qint64>(0, release.startedAt.msecsTo(release.finishedAt));
    if (ms < 1000)
        return Units::formatDuration(std::chrono::milliseconds(ms));
    return Units::formatDuration(std::chrono::seconds((ms + 500) / 1000));
}

int ReleasesCommand::run(const QCommandLineParser &parser)
{
    int code = ExitCode::Success;
    if (!checkFormat(parser, &code))
        return code;
    std::optional<ProjectArguments> arguments = projectArguments(parser, &code);
    if (!arguments)
        return code;
    if (arguments->environment.isEmpty()) {
        // Releases are kept per environment: the only one, or the one named.
        if (arguments->project.environments.size() != 1) {
            m_err << "releases: -e/--environment is required: releases are kept per environment ("
                  << arguments->project.environmentNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
            return ExitCode::UsageError;
        }
        arguments->environment = arguments->project.environments.first().name;
    }

    Database database;
    QString error;
    if (!database.open(&error)) {
        m_err << "releases: " << error << Qt::endl;
        return ExitCode::Failed;
    }
    const ReleaseStore store(database);
    error.clear();
    const QList<Release> releases = store.list(arguments->project.name, arguments->environment, -1, &error);
    if (!error.isEmpty()) {
        m_err << "releases: cannot read the Stagehand store " << database.path() << ": " << error << Qt::endl;
        return ExitCode::Failed;
    }

    if (arguments->format == QLatin1String("json")) {
        // An empty list is "[]", as every JSON list of the CLI.
        m_out << (releases.isEmpty() ? QStringLiteral("[]\n")
                                     : QString::fromUtf8(QJsonDocument(ReleaseJson::toJson(releases)).toJson(QJsonDocument::Indented)));
    } else {
        QList<QStringList> rows{{QStringLiteral("RELEASE"), QStringLiteral("STARTED"), QStringLiteral("DURATION"),
                                 QStringLiteral("OUTCOME"), QStringLiteral("CHANGED"), QStringLiteral("MESSAGE")}};
        for (const Release &r : releases) {
            QString message = r.message;
            message.replace(QLatin1Char('\n'), QLatin1Char(' '));
            rows.append({QStringLiteral("r%1").arg(r.number), r.startedAt.toLocalTime().toString(Qt::ISODate), duration(r),
                         r.outcome, QString::number(r.changedServices()), message});
        }
        m_out << TextTable::format(rows, 3);
    }
    m_out.flush();
    return ExitCode::Success;
}

} // namespace stagehand::cli
