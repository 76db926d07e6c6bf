// bench_deploy: how long a health-gated deploy takes, against docker-compose on the same stack.
//
// Writes one seed-shaped stack as a plain Compose folder (compose.yaml; it opens as the environment
// "default"): six services from the local base image in a three-deep chain of service_healthy
// dependencies (db, cache <- api, worker <- web, proxy), each ready after a short start
// (`sleep 0.5; touch /tmp/ready`) with the healthcheck `test -e /tmp/ready` on the seed's timings
// (interval 30s, timeout 10s, retries 3, start_period 60s), and measures, in the same run:
//   - `stagehand-cli up -p DIR -e default` until it returns (every service through its gate),
//     median of --deploy-runs deploys (down --volumes in between);
//   - `docker-compose up -d` + polling the engine (every 200 ms) until every container is `healthy`,
//     on the seed's timings: Docker runs the first check one interval after start and docker-compose
//     waits for each service_healthy dependency, so this takes about 90 s; measured once
//     (--skip-compose-seed leaves it out);
//   - the same with `interval: 1s` (start_period 1s), the stand-in for the true readiness path,
//     median of --deploy-runs;
//   - the no-op redeploy: `stagehand-cli up` again on its unchanged stack and `docker-compose up -d`
//     again on its unchanged (healthy) stack, median of --noop-runs each;
// and prints the figures and the ratios. Each variant has its own Compose project and is taken down
// before the next starts; every object carries io.stagehand.bench=<run id> and is removed at the end
// (also on failure), with the release tags stagehand-cli put on the image. stagehand-cli keeps its
// release history in a temporary STAGEHAND_DATA_DIR.
//
// Usage: bench_deploy [--deploy-runs N] [--noop-runs N] [--skip-compose-seed]

#include "docker/DockerClient.h"
#include "support/AwaitEngine.h"
#include "support/Measure.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <sys/resource.h>

#include <cstdio>
#include <functional>

using namespace stagehand;
using namespace stagehand::bench;

using stagehand::bench::awaitEngine;

namespace {

constexpr int ServiceCount = 6;
constexpr int PollMs = 200;

// SIGINT / SIGTERM: stop measuring, take the stacks down and remove what the run created.
volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void onSignal(int)
{
    g_interrupted = 1;
}


struct Timings {
    const char *interval;
    const char *startPeriod;
};
constexpr Timings SeedTimings{"30s", "60s"};
constexpr Timings FastTimings{"1s", "1s"};

// The stack: six services, three levels of service_healthy dependencies.
QString composeYaml(const QString &image, const QString &runId, const Timings &timings)
{
    QString yaml;
    QTextStream s(&yaml);
    s << "# bench_deploy: six services in a three-deep chain of service_healthy dependencies.\n"
      << "x-service: &service\n"
      << "  image: \"" << image
      << "\"\n"
      // Ready after a short start; exits at once on SIGTERM (a shell as PID 1 with a trap), so that
      // taking the stack down does not wait out the stop grace period.
      << "  command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 0.5; touch /tmp/ready; sleep infinity & wait\"]\n"
      << "  restart: \"no\"\n"
      << "  labels:\n    io.stagehand.bench: \"" << runId << "\"\n"
      << "  healthcheck:\n"
      << "    test: [\"CMD-SHELL\", \"test -e /tmp/ready\"]\n"
      << "    interval: " << timings.interval << "\n"
      << "    timeout: 10s\n"
      << "    retries: 3\n"
      << "    start_period: " << timings.startPeriod << "\n"
      << "services:\n"
      << "  db:\n    <<: *service\n    volumes:\n      - db-data:/var/lib/bench\n"
      << "  cache:\n    <<: *service\n";
    for (const char *name : {"api", "worker"}) {
        s << "  " << name << ":\n    <<: *service\n    depends_on:\n"
          << "      db:\n        condition: service_healthy\n"
          << "      cache:\n        condition: service_healthy\n";
    }
    for (const char *name : {"web", "proxy"})
        s << "  " << name << ":\n    <<: *service\n    depends_on:\n      api:\n        condition: service_healthy\n";
    s << "networks:\n  default:\n    labels:\n      io.stagehand.bench: \"" << runId << "\"\n"
      << "volumes:\n  db-data:\n    labels:\n      io.stagehand.bench: \"" << runId << "\"\n";
    s.flush();
    return yaml;
}

struct Run {
    bool ok = false;
    double wallMs = -1;
    double cpuMs = -1; // the child process's
    QByteArray output;
};

// One variant: a folder with compose.yaml, named after its Compose project.
struct Stack {
    QString project;
    QString dir;
};

class DeployBench {
public:
    DeployBench(DockerClient &client, QString runId, QString image, QString root)
        : m_client(client)
        , m_runId(std::move(runId))
        , m_image(std::move(image))
        , m_root(std::move(root))
    {
        const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
        for (const QString &name :
             {QStringLiteral("PATH"), QStringLiteral("HOME"), QStringLiteral("DOCKER_HOST"), QStringLiteral("DOCKER_CONTEXT"),
              QStringLiteral("DOCKER_CONFIG"), QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("DOCKER_CERT_PATH")}) {
            if (system.contains(name))
                m_env.insert(name, system.value(name));
        }
        // The release history of these deploys goes to the temporary folder, not the user's.
        m_env.insert(QStringLiteral("STAGEHAND_DATA_DIR"), m_root + QStringLiteral("/stagehand-data"));
        m_compose = QStandardPaths::findExecutable(QStringLiteral("docker-compose"));
    }

    QString compose() const { return m_compose; }

    Stack write(const QString &suffix, const Timings &timings)
    {
        Stack stack;
        stack.project = m_runId + u'-' + suffix;
        stack.dir = m_root + u'/' + stack.project;
        m_projects.append(stack.project);
        QDir().mkpath(stack.dir);
        QFile file(stack.dir + QStringLiteral("/compose.yaml"));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(file.fileName()));
        file.write(composeYaml(m_image, m_runId, timings).toUtf8());
        return stack;
    }

    // Runs program to its end; ok when it exits 0 in time (else its stderr is printed). An
    // interruptible run is stopped (SIGTERM) when the bench is interrupted.
    Run run(const QString &program, const QStringList &arguments, const QString &dir, bool interruptible = true,
            int timeoutMs = 300000)
    {
        Run result;
        QProcess process;
        process.setWorkingDirectory(dir);
        process.setProcessEnvironment(m_env);
        const double cpuBefore = cpuMs(RUSAGE_CHILDREN);
        QElapsedTimer timer;
        timer.start();
        process.start(program, arguments);
        const QDeadlineTimer deadline(timeoutMs);
        bool finished = process.waitForStarted();
        while (finished && !process.waitForFinished(50)) {
            if (deadline.hasExpired() || (interruptible && g_interrupted)) {
                finished = false;
                break;
            }
        }
        result.wallMs = double(timer.nsecsElapsed()) / 1e6;
        if (!finished && process.state() != QProcess::NotRunning) {
            process.terminate(); // stagehand-cli cancels its deploy, docker-compose stops
            if (!process.waitForFinished(30000)) {
                process.kill();
                process.waitForFinished(10000);
            }
        }
        result.cpuMs = cpuMs(RUSAGE_CHILDREN) - cpuBefore;
        result.output = process.readAllStandardOutput();
        result.ok = finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        if (!result.ok) {
            std::fprintf(stderr, "bench_deploy: %s %s failed (%s): %s%s\n", qPrintable(QFileInfo(program).fileName()),
                         qPrintable(arguments.join(u' ')),
                         finished ? qPrintable(QStringLiteral("exit %1").arg(process.exitCode()))
                                  : (g_interrupted ? "interrupted" : "timed out or did not start"),
                         result.output.constData(), process.readAllStandardError().constData());
        }
        return result;
    }

    Run stagehandUp(const Stack &stack)
    {
        return run(QStringLiteral(STAGEHAND_CLI_PATH),
                   {QStringLiteral("up"), QStringLiteral("-p"), stack.dir, QStringLiteral("-e"), QStringLiteral("default")},
                   stack.dir);
    }

    bool stagehandDown(const Stack &stack)
    {
        return run(QStringLiteral(STAGEHAND_CLI_PATH),
                   {QStringLiteral("down"), QStringLiteral("-p"), stack.dir, QStringLiteral("-e"), QStringLiteral("default"),
                    QStringLiteral("--volumes")},
                   stack.dir, false)
            .ok;
    }

    Run composeUp(const Stack &stack)
    {
        return run(m_compose,
                   {QStringLiteral("-p"), stack.project, QStringLiteral("-f"), QStringLiteral("compose.yaml"),
                    QStringLiteral("up"), QStringLiteral("-d")},
                   stack.dir);
    }

    bool composeDown(const Stack &stack)
    {
        return run(m_compose,
                   {QStringLiteral("-p"), stack.project, QStringLiteral("-f"), QStringLiteral("compose.yaml"),
                    QStringLiteral("down"), QStringLiteral("-v")},
                   stack.dir, false)
            .ok;
    }

    // The project's containers (by its Compose label), or an error.
    EngineResult<QList<ContainerSummary>> containers(const Stack &stack)
    {
        return awaitEngine(m_client.listContainers(
            true, {{QStringLiteral("label"), {QStringLiteral("com.docker.compose.project=") + stack.project}}}));
    }

    // docker-compose up -d, then the engine polled every 200 ms until every container is healthy:
    // the time from the start of `up` to the poll that saw them all healthy.
    Run composeUpHealthy(const Stack &stack)
    {
        QElapsedTimer timer;
        timer.start();
        Run up = composeUp(stack);
        if (!up.ok)
            return up;
        QDeadlineTimer deadline(300000);
        while (!deadline.hasExpired() && !g_interrupted) {
            const auto listed = containers(stack);
            if (!listed.ok()) {
                std::fprintf(stderr, "bench_deploy: listing containers: %s\n", qPrintable(listed.error.toString()));
                up.ok = false;
                return up;
            }
            int healthy = 0;
            for (const ContainerSummary &c : *listed) {
                if (c.status.contains(QLatin1String("(healthy)")))
                    ++healthy;
                else if (c.state != QLatin1String("running") || c.status.contains(QLatin1String("(unhealthy)"))) {
                    std::fprintf(stderr, "bench_deploy: %s is %s\n", qPrintable(c.name()), qPrintable(c.status));
                    up.ok = false;
                    return up;
                }
            }
            if (healthy == ServiceCount && listed->size() == ServiceCount) {
                up.wallMs = double(timer.nsecsElapsed()) / 1e6;
                return up;
            }
            QThread::msleep(PollMs);
        }
        if (!g_interrupted)
            std::fprintf(stderr, "bench_deploy: %s: not every container was healthy after 5 minutes\n",
                         qPrintable(stack.project));
        up.ok = false;
        return up;
    }

    // "<n> running, engine health: <h> healthy, <s> starting": what the engine says right now.
    QString describe(const Stack &stack, QSet<QString> *ids = nullptr)
    {
        const auto listed = containers(stack);
        if (!listed.ok())
            return listed.error.toString();
        int running = 0, healthy = 0, starting = 0;
        for (const ContainerSummary &c : *listed) {
            running += c.state == QLatin1String("running");
            healthy += c.status.contains(QLatin1String("(healthy)"));
            starting += c.status.contains(QLatin1String("starting"));
            if (ids)
                ids->insert(c.id);
        }
        return QStringLiteral("%1 of %2 running; engine health %3 healthy, %4 starting")
            .arg(running)
            .arg(listed->size())
            .arg(healthy)
            .arg(starting);
    }

    int runningCount(const Stack &stack)
    {
        const auto listed = containers(stack);
        if (!listed.ok())
            return -1;
        int running = 0;
        for (const ContainerSummary &c : *listed)
            running += c.state == QLatin1String("running");
        return running;
    }

    // Everything this run created: containers, networks and volumes (by the bench label and by the
    // projects' Compose labels), and the release tags stagehand-cli put on the image.
    bool cleanUp()
    {
        bool ok = true;
        QList<EngineFilters> filters{{{QStringLiteral("label"), {QStringLiteral("io.stagehand.bench=") + m_runId}}}};
        for (const QString &project : std::as_const(m_projects))
            filters.append({{QStringLiteral("label"), {QStringLiteral("com.docker.compose.project=") + project}}});
        for (const EngineFilters &f : std::as_const(filters)) {
            if (const auto listed = awaitEngine(m_client.listContainers(true, f)); listed.ok()) {
                for (const ContainerSummary &c : *listed)
                    ok = awaitEngine(m_client.removeContainer(c.id, true, true)).ok() && ok;
            }
        }
        for (const EngineFilters &f : std::as_const(filters)) {
            if (const auto listed = awaitEngine(m_client.listNetworks(f)); listed.ok()) {
                for (const NetworkSummary &n : *listed)
                    ok = awaitEngine(m_client.removeNetwork(n.id)).ok() && ok;
            }
            if (const auto listed = awaitEngine(m_client.listVolumes(f)); listed.ok()) {
                for (const VolumeSummary &v : *listed)
                    ok = awaitEngine(m_client.removeVolume(v.name, true)).ok() && ok;
            }
        }
        // stagehand/<compose project>/<service>:r<n>: untag (the image keeps its own tag).
        if (const auto images = awaitEngine(m_client.listImages()); images.ok()) {
            for (const ImageSummary &image : *images) {
                for (const QString &tag : image.repoTags) {
                    for (const QString &project : std::as_const(m_projects)) {
                        if (tag.startsWith(QStringLiteral("stagehand/%1/").arg(project)))
                            ok = awaitEngine(m_client.removeImage(tag)).ok() && ok;
                    }
                }
            }
        }
        return ok;
    }

private:
    DockerClient &m_client;
    QString m_runId;
    QString m_image;
    QString m_root;
    QString m_compose;
    QProcessEnvironment m_env;
    QStringList m_projects;
};

QString seconds(double ms)
{
    return ms < 0 ? QStringLiteral("failed") : QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 2);
}

// slow / fast with two decimals (the target is a ratio of 1.2).
QString ratio2(double slow, double fast)
{
    return slow <= 0 || fast <= 0 ? QStringLiteral("n/a") : QStringLiteral("%1x").arg(slow / fast, 0, 'f', 2);
}

void progress(const QString &text)
{
    std::fprintf(stderr, "bench_deploy: %s\n", qPrintable(text));
}

QString findBaseImage(DockerClient &client)
{
    const auto images = awaitEngine(client.listImages({{QStringLiteral("reference"), {QStringLiteral("stagehand/base")}}}));
    if (!images.ok())
        return {};
    for (const ImageSummary &image : *images) {
        for (const QString &tag : image.repoTags) {
            if (tag.startsWith(QLatin1String("stagehand/base:")))
                return tag;
        }
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures a health-gated deploy: stagehand-cli up against docker-compose up -d + healthy."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("deploy-runs"), QStringLiteral("Deploys measured per variant (stagehand, compose 1s)."),
                      QStringLiteral("n"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("noop-runs"), QStringLiteral("No-op redeploys measured per tool."), QStringLiteral("n"),
                      QStringLiteral("5")});
    parser.addOption(
        {QStringLiteral("skip-compose-seed"), QStringLiteral("Leave out docker-compose on the seed's timings (about 90 s).")});
    // bench/run.sh passes the same arguments to every benchmark: ignore the ones meant for others.
    parser.parse(app.arguments());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp();
    const int deployRuns = std::max(1, parser.value(QStringLiteral("deploy-runs")).toInt());
    const int noopRuns = std::max(1, parser.value(QStringLiteral("noop-runs")).toInt());
    const bool composeSeed = !parser.isSet(QStringLiteral("skip-compose-seed"));

    DockerClient client;
    client.connectToEngine();
    const auto info = awaitEngine(client.info());
    if (!info.ok()) {
        std::fprintf(stderr, "bench_deploy: no engine: %s\n", qPrintable(info.error.toString()));
        return 1;
    }
    const QString image = findBaseImage(client);
    if (image.isEmpty()) {
        std::fprintf(stderr, "bench_deploy: no stagehand/base image (run scripts/build-images.sh)\n");
        return 1;
    }
    QTemporaryDir temporary;
    if (!temporary.isValid()) {
        std::fprintf(stderr, "bench_deploy: no temporary folder\n");
        return 1;
    }
    const QString runId = QStringLiteral("shbench-%1-%2")
                              .arg(QCoreApplication::applicationPid())
                              .arg(QDateTime::currentMSecsSinceEpoch() % 1000000);
    DeployBench bench(client, runId, image, temporary.path());
    if (bench.compose().isEmpty()) {
        std::fprintf(stderr, "bench_deploy: docker-compose is not installed (Debian's docker-compose)\n");
        return 1;
    }
    QString composeVersion;
    {
        const Run version = bench.run(bench.compose(), {QStringLiteral("version"), QStringLiteral("--short")}, temporary.path());
        composeVersion = QString::fromUtf8(version.output).trimmed();
    }

    QElapsedTimer total;
    total.start();
    QStringList errors;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto fail = [&](const QString &what) {
        errors.append(g_interrupted ? what + QStringLiteral(" (interrupted)") : what);
        progress(QStringLiteral("ERROR: ") + what);
    };

    // 1. stagehand-cli up on the seed's timings, then its no-op redeploy.
    const Stack stagehand = bench.write(QStringLiteral("sh"), SeedTimings);
    std::vector<double> shWall, shCpu;
    QString shAtReturn;
    Figures shNoop;
    for (int i = 0; i < deployRuns && errors.isEmpty(); ++i) {
        const Run up = bench.stagehandUp(stagehand);
        if (!up.ok) {
            fail(QStringLiteral("stagehand-cli up failed"));
            break;
        }
        shWall.push_back(up.wallMs);
        shCpu.push_back(up.cpuMs);
        shAtReturn = bench.describe(stagehand);
        progress(
            QStringLiteral("stagehand-cli up %1/%2: %3 (%4)").arg(i + 1).arg(deployRuns).arg(seconds(up.wallMs), shAtReturn));
        if (bench.runningCount(stagehand) != ServiceCount) {
            fail(QStringLiteral("stagehand-cli up returned with ") + shAtReturn);
            break;
        }
        if (i + 1 < deployRuns && !bench.stagehandDown(stagehand))
            fail(QStringLiteral("stagehand-cli down failed"));
    }
    if (errors.isEmpty()) {
        QSet<QString> before, after;
        bench.describe(stagehand, &before);
        bool unchanged = true;
        shNoop = measure(noopRuns, true, [&] {
            const Run up = bench.stagehandUp(stagehand);
            unchanged = unchanged && up.output.contains("nothing changed");
            return up.ok;
        });
        bench.describe(stagehand, &after);
        progress(QStringLiteral("stagehand-cli up (no-op): %1").arg(figure(shNoop.wall)));
        if (!shNoop.ok())
            fail(QStringLiteral("stagehand-cli up (no-op) failed"));
        else if (!unchanged || before != after)
            fail(QStringLiteral("stagehand-cli up (no-op) changed the stack"));
    }
    if (!bench.stagehandDown(stagehand))
        fail(QStringLiteral("stagehand-cli down --volumes failed"));

    // 2. docker-compose with 1 s intervals: the true readiness path, as docker-compose can see it.
    const Stack fast = bench.write(QStringLiteral("c1"), FastTimings);
    std::vector<double> fastWall, fastCpu;
    Figures composeNoop;
    QSet<QString> before, after;
    auto composeNoopOn = [&](const Stack &stack) {
        bench.describe(stack, &before);
        composeNoop = measure(noopRuns, true, [&] { return bench.composeUp(stack).ok; });
        bench.describe(stack, &after);
        progress(QStringLiteral("docker-compose up -d (no-op): %1").arg(figure(composeNoop.wall)));
        if (!composeNoop.ok())
            fail(QStringLiteral("docker-compose up -d (no-op) failed"));
        else if (before != after)
            fail(QStringLiteral("docker-compose up -d (no-op) changed the stack"));
    };
    for (int i = 0; i < deployRuns && errors.isEmpty(); ++i) {
        const Run up = bench.composeUpHealthy(fast);
        if (!up.ok) {
            fail(QStringLiteral("docker-compose up -d (1 s intervals) failed"));
            break;
        }
        fastWall.push_back(up.wallMs);
        fastCpu.push_back(up.cpuMs);
        progress(QStringLiteral("docker-compose up -d + healthy, 1 s intervals %1/%2: %3")
                     .arg(i + 1)
                     .arg(deployRuns)
                     .arg(seconds(up.wallMs)));
        if (!composeSeed && i + 1 == deployRuns)
            composeNoopOn(fast);
        if (!bench.composeDown(fast))
            fail(QStringLiteral("docker-compose down -v failed"));
    }

    // 3. docker-compose on the seed's timings: once, it takes about 90 s (one 30 s interval per level).
    Run seed;
    if (composeSeed && errors.isEmpty()) {
        const Stack stack = bench.write(QStringLiteral("cs"), SeedTimings);
        progress(QStringLiteral("docker-compose up -d + healthy on the seed's timings (about 90 s)..."));
        seed = bench.composeUpHealthy(stack);
        progress(QStringLiteral("docker-compose up -d + healthy, seed timings: %1").arg(seconds(seed.ok ? seed.wallMs : -1)));
        if (!seed.ok)
            fail(QStringLiteral("docker-compose up -d (seed timings) failed"));
        else
            composeNoopOn(stack);
        if (!bench.composeDown(stack))
            fail(QStringLiteral("docker-compose down -v failed"));
    }

    if (!bench.cleanUp())
        fail(QStringLiteral("removing what the run created failed"));

    const Figures sh{median(shWall), median(shCpu)};
    const Figures composeFast{median(fastWall), median(fastCpu)};
    const Figures composeSlow = seed.ok ? Figures{seed.wallMs, seed.cpuMs} : Figures{};
    out() << "bench_deploy: " << ServiceCount << " services (" << image << "), three-deep chain of service_healthy dependencies, "
          << "each ready 0.5 s after start; engine " << info->value(QStringLiteral("ServerVersion")).toString()
          << ", docker-compose " << composeVersion << "\n"
          << "  healthcheck test -e /tmp/ready; seed timings: interval 30s, timeout 10s, retries 3, start_period 60s\n"
          << "  deploys: median of " << deployRuns << " (docker-compose on the seed timings: 1 run); no-op: median of "
          << noopRuns << "; CPU: the stagehand-cli / docker-compose process\n\n";
    printHeader(60);
    printRow(QStringLiteral("stagehand-cli up, seed timings (returns when all gated)"), sh, 60);
    printRow(QStringLiteral("docker-compose up -d + all healthy, 1 s intervals"), composeFast, 60);
    if (composeSeed)
        printRow(QStringLiteral("docker-compose up -d + all healthy, seed timings"), composeSlow, 60);
    else
        out() << "  docker-compose on the seed timings: skipped (--skip-compose-seed)\n";
    printRow(QStringLiteral("no-op: stagehand-cli up (nothing changed)"), shNoop, 60);
    printRow(QStringLiteral("no-op: docker-compose up -d (all up-to-date)"), composeNoop, 60);
    const auto list = [](const std::vector<double> &ms) {
        QStringList texts;
        for (const double one : ms)
            texts.append(seconds(one));
        return texts.join(QStringLiteral(", "));
    };
    out() << "\n  stagehand-cli up runs: " << list(shWall) << " (when it returned: " << shAtReturn << ")\n"
          << "  docker-compose 1 s runs: " << list(fastWall)
          << "\n\n  stagehand (seed timings) / docker-compose (1 s intervals) = " << ratio2(sh.wall, composeFast.wall)
          << " (target: within 1.2x)\n";
    if (composeSeed)
        out() << "  docker-compose (seed timings) / stagehand (seed timings) = " << ratio(composeSlow.wall, sh.wall) << "\n";
    out() << "  no-op: docker-compose / stagehand = " << ratio(composeNoop.wall, shNoop.wall) << " wall, "
          << ratio(composeNoop.cpu, shNoop.cpu) << " CPU\n"
          << "  whole benchmark: " << seconds(double(total.elapsed())) << "\n";
    for (const QString &error : std::as_const(errors))
        out() << "  ERROR: " << error << "\n";
    out().flush();
    return errors.isEmpty() ? 0 : 1;
}
