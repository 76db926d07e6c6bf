#include "UpCommand.h"

#include "ExitCode.h"
#include "PlanFormat.h"
#include "deploy/DeployJob.h"
#include "deploy/DeployJson.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>

namespace stagehand::cli {

void UpCommand::addOptions(QCommandLineParser &parser)
{
    addProjectAndEnvironmentOptions(parser, QStringLiteral("The environment to deploy (may be left out when the project has only one)."));
    parser.addOption({QStringLiteral("services"), QStringLiteral("Only these services (comma-separated) and what they depend on."),
                      QStringLiteral("a,b")});
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("Print the plan (and its problems) and change nothing.")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Give up when the deploy has not finished after this many seconds "
                                                                "(default 900)."),
                      QStringLiteral("seconds")});
    parser.addOption({QStringLiteral("remove-orphans"), QStringLiteral("Remove the containers of services no longer in the files.")});
    addFormatOption(parser, {QStringLiteral("text"), QStringLiteral("json")});
    addEngineOptions(parser);
}

int UpCommand::run(const QCommandLineParser &parser)
{
    int code = ExitCode::Success;
    const std::optional<QString> format = checkFormat(parser, &code);
    if (!format)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        m_err << "up: unexpected argument '" << parser.positionalArguments().first() << "'" << Qt::endl;
        return ExitCode::UsageError;
    }
    DeployOptions options;
    if (parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || seconds <= 0) {
            m_err << "up: --timeout takes a number of seconds, not '" << parser.value(QStringLiteral("timeout")) << "'" << Qt::endl;
            return ExitCode::UsageError;
        }
        options.timeout = std::chrono::milliseconds(qint64(seconds * 1000));
    }
    const bool json = *format == QLatin1String("json");
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));

    std::optional<EnvironmentTarget> target = environmentTarget(parser, &code, true);
    if (!target)
        return code;
    if (hasErrors(target->resolved.diagnostics))
        return ExitCode::Failed;

    DeployRequest request;
    request.environment = target->spec.name;
    request.model = *target->resolved.model;
    request.phases = target->project.phases;
    request.services = parser.value(QStringLiteral("services")).split(u',', Qt::SkipEmptyParts);
    for (QString &service : request.services)
        service = service.trimmed();
    request.options.removeOrphans = parser.isSet(QStringLiteral("remove-orphans"));

    CommandLoop loop;
    const std::unique_ptr<DockerClient> client = connectEngine(parser, loop, &code, target->spec.engine);
    if (!client)
        return code;

    ReleaseContext context;
    context.project = target->project.name;
    context.envFile = target->spec.envFile;
    context.envFileVariables = target->resolved.envFileVariables;
    context.engine = client->endpoint().toString();
    DeployJob job(client.get(), request, context, options);

    // Plan.
    DeployPlan plan;
    EngineError planError;
    QObject::connect(&job, &DeployJob::planned, &loop, [&](const DeployPlan &p, const EngineError &error) {
        plan = p;
        planError = error;
        loop.quit(0);
    });
    job.plan();
    loop.exec();
    if (loop.interrupted())
        return ExitCode::Success; // nothing was changed
    if (planError.isError())
        return engineFailure(planError, QStringLiteral("reading the engine"));

    const int problems = report(plan.problems);
    if (dryRun || plan.hasErrors()) {
        if (json)
            m_out << QString::fromUtf8(QJsonDocument(DeployJson::plan(plan, target->project.directory)).toJson(QJsonDocument::Indented));
        else
            m_out << PlanFormat::plan(plan, true);
        m_out.flush();
        if (plan.hasErrors()) {
            m_err << "up: nothing was changed: the plan has problems" << Qt::endl;
            return ExitCode::Failed;
        }
        return problems;
    }
    if (!json)
        m_err << "up: " << PlanFormat::plan(plan, false) << Qt::flush;

    // Deploy.
    QElapsedTimer clock;
    clock.start();
    DeployOutcome outcome;
    int release = 0;
    QString releaseError;
    if (!json) {
        QObject::connect(job.deployer(), &Deployer::serviceChanged, &loop, [&](const ServiceRollout &rollout) {
            if (rollout.state != ServiceRollout::State::Pending)
                m_err << PlanFormat::progress(clock.elapsed(), rollout) << Qt::endl;
        });
    }
    QObject::connect(&job, &DeployJob::finished, &loop, [&](const DeployOutcome &o, int number, const QString &error) {
        outcome = o;
        release = number;
        releaseError = error;
        loop.quit(0);
    });
    QObject::connect(&loop, &CommandLoop::signalled, &job, [&] { job.cancel(); });
    job.execute();
    if (job.isExecuting())
        loop.exec();
    if (job.isExecuting()) {
        // A signal: the deploy stops where it is (consistent: everything is labelled) and its
        // release is recorded as cancelled; wait for that.
        job.cancel();
        QEventLoop recording;
        QObject::connect(&job, &DeployJob::finished, &recording, &QEventLoop::quit);
        if (job.isExecuting())
            recording.exec();
    }

    if (json) {
        QJsonObject document = DeployJson::outcome(outcome, release, plan.graph.phaseNames());
        document.insert(QStringLiteral("plan"), DeployJson::plan(plan, target->project.directory));
        m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    } else {
        m_out << PlanFormat::outcome(outcome, plan.graph.phaseNames());
        if (outcome.ok()) {
            m_out << "deployed " << plan.project << " (" << plan.environment << ") in "
                  << QString::number(double(outcome.elapsedMs) / 1000.0, 'f', 1) << " s";
            if (release > 0)
                m_out << ": release r" << release;
            else if (!plan.changesAnything())
                m_out << ": nothing changed";
            m_out << '\n';
        }
    }
    m_out.flush();
    if (!releaseError.isEmpty())
        m_err << "up: warning: the release could not be recorded: " << releaseError << Qt::endl;
    if (!outcome.ok()) {
        m_err << "up: " << DeployOutcome::resultName(outcome.result) << ": " << outcome.message << Qt::endl;
        return outcome.engineLost ? ExitCode::Unavailable : ExitCode::Failed;
    }
    return releaseError.isEmpty() ? problems : ExitCode::WarningsOnly;
}

} // namespace stagehand::cli
