#include "DownCommand.h"

#include "ExitCode.h"
#include "deploy/DeployJson.h"
#include "deploy/Teardown.h"

#include <QEventLoop>
#include <QJsonDocument>

namespace stagehand::cli {

void DownCommand::addOptions(QCommandLineParser &parser)
{
    addProjectAndEnvironmentOptions(parser, QStringLiteral("The environment to take down (may be left out when the project has only one)."));
    parser.addOption({QStringLiteral("volumes"), QStringLiteral("Remove the environment's named volumes too (its data is lost).")});
    addFormatOption(parser, {QStringLiteral("text"), QStringLiteral("json")});
    addEngineOptions(parser);
}

int DownCommand::run(const QCommandLineParser &parser)
{
    int code = ExitCode::Success;
    const std::optional<QString> format = checkFormat(parser, &code);
    if (!format)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        m_err << "down: unexpected argument '" << parser.positionalArguments().first() << "'" << Qt::endl;
        return ExitCode::UsageError;
    }
    const std::optional<EnvironmentTarget> target = environmentTarget(parser, &code, true);
    if (!target)
        return code;

    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code, target->spec.engine);
    if (!client)
        return code;

    Teardown teardown(client.get());
    TeardownResult result;
    bool finished = false;
    QObject::connect(&teardown, &Teardown::finished, &loop, [&](const TeardownResult &r) {
        result = r;
        finished = true;
        loop.quit(0);
    });
    if (*format == QLatin1String("text"))
        QObject::connect(&teardown, &Teardown::step, &loop, [&](const QString &text) { m_err << "down: " << text << Qt::endl; });
    teardown.start(*target->resolved.model, target->project.phases, parser.isSet(QStringLiteral("volumes")));
    if (!finished)
        loop.exec();
    if (!finished && loop.interrupted()) {
        // A signal: let the engine finish what it was asked, so nothing is left half-removed.
        m_err << "down: finishing the removals already asked for" << Qt::endl;
        QEventLoop wait;
        QObject::connect(&teardown, &Teardown::finished, &wait, &QEventLoop::quit);
        if (!finished)
            wait.exec();
    }

    if (*format == QLatin1String("json")) {
        m_out << QString::fromUtf8(QJsonDocument(DeployJson::teardown(result)).toJson(QJsonDocument::Indented));
    } else if (result.ok) {
        m_out << "removed " << result.removedContainers.size() << " containers, " << result.removedNetworks.size() << " networks";
        if (!result.removedVolumes.isEmpty())
            m_out << ", " << result.removedVolumes.size() << " volumes";
        m_out << '\n';
        if (!result.keptVolumes.isEmpty())
            m_out << "kept volumes (remove them with --volumes): " << result.keptVolumes.join(QStringLiteral(", ")) << '\n';
    }
    m_out.flush();
    if (!result.ok) {
        m_err << "down: " << result.message << Qt::endl;
        return ExitCode::Failed;
    }
    return ExitCode::Success;
}

} // namespace stagehand::cli
