#pragma once

#include "DockerCli.h"
#include "FreeSubnet.h"
#include "ProcessResult.h"
#include "RunningProcess.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace stagehand::test {

// One environment of resources/examples/demo, run by docker-compose as a test stack:
//
// - the demo is copied to a temporary directory (the test may edit its copy);
// - the environment's compose files and env file come from stagehand.yaml;
// - every host port variable used in a `ports:` entry (API_PORT, NGINX_PORT, ...) gets a free port
//   and every variable in a network's ipam subnet (STAGEHAND_SUBNET) a free /24;
// - an extra override file (compose.stagehand-test.yaml) adds the label io.stagehand.test=<run id>
//   to every service, network and volume, sets `restart: "no"` and `healthcheck.interval: 1s`
//   (for tests only: the demo keeps the seed's 30 s);
// - the Compose project name is unique (TestRun::uniqueName).
//
// down() (`down -v --remove-orphans`) runs in the destructor, also when the test failed, and then
// removes by label whatever that left behind.
class DemoStack {
public:
    // Fast: the override sets healthcheck.interval 1s (docker-compose's own tests of the stack);
    // AsWritten: the demo's healthchecks stay as the files say (the seed's 30 s), for deploy tests.
    enum class Healthchecks { Fast, AsWritten };

    explicit DemoStack(const QString &environment, const DockerCli &docker = DockerCli(),
                       Healthchecks healthchecks = Healthchecks::Fast);
    ~DemoStack();
    DemoStack(const DemoStack &) = delete;
    DemoStack &operator=(const DemoStack &) = delete;

    static QString demoSourceDirectory();

    // Set up (copied, configured, override written); else errorString() says why.
    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }
    // Things in the demo that keep stacks from running side by side (fixed host ports, fixed
    // container names, ports not bound to 127.0.0.1, external networks); empty if none.
    QStringList problems() const { return m_problems; }

    QString environment() const { return m_environment; }
    QString projectName() const { return m_project; }
    QString directory() const;
    QStringList composeFiles() const { return m_files; } // absolute, the override last
    QString envFile() const { return m_envFile; }
    QString overrideFile() const;
    QString overrideText() const { return m_overrideText; }
    // The variables this stack sets for docker-compose (ports, subnet).
    QMap<QString, QString> variables() const { return m_variables; }
    FreeSubnet subnet() const { return m_subnet; }

    QStringList services() const { return m_services; }
    QStringList images() const { return m_images; }
    QStringList networks() const { return m_networks; } // as named in the compose files
    QStringList volumes() const { return m_volumes; }

    // docker-compose -p <project> --project-directory <copy> --env-file <env file> -f ... <arguments>
    ProcessResult compose(const QStringList &arguments, int timeoutMs = 180000) const;
    std::unique_ptr<RunningProcess> startCompose(const QStringList &arguments) const;

    // `up -d --no-build`; false with errorString() (and the services' log tails) on failure.
    bool up(int timeoutMs = 300000);
    // up() in two halves, to bring several stacks up at once.
    void startUp();
    bool finishUp(int timeoutMs = 300000);
    // Every service has a running container that is healthy (or has no healthcheck).
    bool waitHealthy(int timeoutMs = 120000);
    // One line per container: "api: running, healthy"
    QString statusReport() const;
    // The host port published on 127.0.0.1 for a service's container port (0 if none).
    quint16 hostPort(const QString &service, int containerPort) const;
    // The containers of this project (by the label com.docker.compose.project).
    QStringList containerIds() const;
    QString logsTail(int lines = 25) const;
    // `down -v --remove-orphans`, then removes anything of the project still carrying the test
    // label; true if nothing is left.
    bool down(int timeoutMs = 180000);
    // down() in two halves, to take several stacks down at once.
    void startDown();
    bool finishDown(int timeoutMs = 180000);
    bool isUp() const { return m_upCalled && !m_downDone; }

    // For stagehand-cli: rewrites the copy's stagehand.yaml so that this environment is the only
    // one, with the test's compose files (the override last) and project name; its path.
    QString writeProjectFile();
    // The environment stagehand-cli (or docker-compose) runs with: the ports' and subnet's variables.
    QProcessEnvironment processEnvironment() const { return composeEnvironment(); }
    // The stack was brought up by something else (stagehand-cli up): take it down at the end all the same.
    void adoptRunning() { m_upCalled = true; }

private:
    bool load();
    bool readProjectFile(const QString &projectFile);
    bool allocateVariables();
    bool writeOverride();
    QProcessEnvironment composeEnvironment() const;

    DockerCli m_docker;
    QString m_environment;
    Healthchecks m_healthchecks = Healthchecks::Fast;
    QString m_project;
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_files;
    QString m_envFile;
    QMap<QString, QString> m_variables;
    FreeSubnet m_subnet;
    QStringList m_services;
    QStringList m_images;
    QStringList m_networks;
    QStringList m_volumes;
    QString m_overrideText;
    QStringList m_problems;
    QString m_error;
    bool m_valid = false;
    std::unique_ptr<RunningProcess> m_pending; // an `up` or `down` started, not finished
    bool m_upCalled = false;
    bool m_downDone = false;
};

} // namespace stagehand::test
