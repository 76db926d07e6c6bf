#include "PsCommand.h"

#include "ContainerFormat.h"
#include "ExitCode.h"
#include "TextTable.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace stagehand::cli {
namespace {

using Role = ContainerFormat::Role;

struct Listed {
    ContainerSummary container;
    Role role;
};

} // namespace

void PsCommand::addOptions(QCommandLineParser &parser)
{
    addProjectAndEnvironmentOptions(
        parser, QStringLiteral("List this environment's containers (may be left out when the project has only one)."));
    parser.addOption({{QStringLiteral("a"), QStringLiteral("all")},
                      QStringLiteral("Stopped containers too (with -p/-e every container of the environment is listed).")});
    addFormatOption(parser, {QStringLiteral("text"), QStringLiteral("json")});
    addEngineOptions(parser);
}

int PsCommand::run(const QCommandLineParser &parser)
{
    int code = ExitCode::Success;
    const std::optional<QString> format = checkFormat(parser, &code);
    if (!format)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        m_err << "ps: unexpected argument '" << parser.positionalArguments().first() << "'" << Qt::endl;
        return ExitCode::UsageError;
    }
    const std::optional<EnvironmentTarget> target = environmentTarget(parser, &code);
    if (!target && code != ExitCode::Success)
        return code;

    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code, target ? target->spec.engine : QString());
    if (!client)
        return code;

    QList<Listed> listed;
    if (target) {
        const std::optional<EnvironmentContainers> matched = environmentContainers(*client, loop, *target, &code);
        if (!matched)
            return code;
        // Running or not, as `docker-compose ps` lists a project.
        auto add = [&](const QList<ContainerSummary> &containers, Role role) {
            for (const ContainerSummary &c : containers)
                listed.append({c, role});
        };
        for (const QList<ContainerSummary> &containers : matched->services)
            add(containers, Role::Service);
        add(matched->oneOffs, Role::OneOff);
        add(matched->orphans, Role::Orphan);
    } else {
        const auto containers = loop.await(client->listContainers(parser.isSet(QStringLiteral("all"))));
        if (loop.interrupted())
            return ExitCode::Success;
        if (!containers.ok())
            return engineFailure(containers.error, QStringLiteral("listing containers"));
        for (const ContainerSummary &c : *containers)
            listed.append({c, Role::Plain});
    }

    if (*format == QLatin1String("json")) {
        QJsonArray array;
        for (const Listed &l : listed)
            array.append(ContainerFormat::toJson(l.container, l.role));
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else {
        QList<QStringList> rows{ContainerFormat::header()};
        for (const Listed &l : listed)
            rows.append(ContainerFormat::row(l.container, l.role));
        m_out << TextTable::format(rows, 3);
    }
    m_out.flush();
    return ExitCode::Success;
}

} // namespace stagehand::cli
