#include "DemoStack.h"

#include "FreePorts.h"
#include "ProcessRunner.h"
#include "TestRun.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include "util/YamlCpp.h"

#include <string>

#ifndef STAGEHAND_SOURCE_DIR
#error "STAGEHAND_SOURCE_DIR must be defined (tests/support/CMakeLists.txt)"
#endif

namespace stagehand::test {

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

std::string s(const QString &text)
{
    return text.toStdString();
}

QString scalar(const YAML::Node &node)
{
    return node && node.IsScalar() ? q(node.Scalar()) : QString();
}

// Emits node as YAML, keeping quoted scalars quoted (so "no", "1.0" or "true" keep being strings)
// and plain ones plain.
void emit(YAML::Emitter &out, const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        if (node.size() == 0) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            return;
        }
        out << YAML::BeginMap;
        for (const auto &entry : node) {
            out << YAML::Key;
            emit(out, entry.first);
            out << YAML::Value;
            emit(out, entry.second);
        }
        out << YAML::EndMap;
        return;
    case YAML::NodeType::Sequence:
        out << YAML::BeginSeq;
        for (const auto &item : node)
            emit(out, item);
        out << YAML::EndSeq;
        return;
    case YAML::NodeType::Scalar:
        if (node.Tag() == "!")
            out << YAML::DoubleQuoted << node.Scalar();
        else
            out << node.Scalar();
        return;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        out << YAML::Null;
        return;
    }
}

// A quoted string scalar (the tag "!" makes emit() quote it).
YAML::Node quoted(const QString &text)
{
    YAML::Node node(s(text));
    node.SetTag("!");
    return node;
}

// Adds key=value to a labels node (mapping or "key=value" list).
void addLabel(YAML::Node labels, const QString &key, const QString &value)
{
    if (labels.IsSequence())
        labels.push_back(quoted(key + u'=' + value));
    else
        labels[s(key)] = quoted(value);
}

// Names of the variables referenced by text (${NAME}, ${NAME:-default}, $NAME).
QStringList variablesIn(const QString &text)
{
    static const QRegularExpression reference(QStringLiteral(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*))"));
    QStringList names;
    auto it = reference.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        names.append(m.captured(1).isEmpty() ? m.captured(2) : m.captured(1));
    }
    return names;
}

bool copyTree(const QString &from, const QString &to, QString *error)
{
    QDirIterator it(from, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString target = to + u'/' + QDir(from).relativeFilePath(path);
        if (info.isDir() && !info.isSymLink()) {
            if (!QDir().mkpath(target)) {
                *error = QStringLiteral("cannot create %1").arg(target);
                return false;
            }
        } else {
            QDir().mkpath(QFileInfo(target).absolutePath());
            if (!QFile::copy(path, target)) {
                *error = QStringLiteral("cannot copy %1 to %2").arg(path, target);
                return false;
            }
        }
    }
    return true;
}

} // namespace

DemoStack::DemoStack(const QString &environment, const DockerCli &docker, Healthchecks healthchecks)
    : m_docker(docker)
    , m_environment(environment)
    , m_healthchecks(healthchecks)
{
    m_valid = load();
}

DemoStack::~DemoStack()
{
    bool clean = true;
    if (m_downDone && m_pending) // startDown() without finishDown()
        clean = finishDown();
    else if (m_upCalled && !m_downDone)
        clean = down();
    if (!clean)
        qWarning("DemoStack %s: down left things behind: %s", qPrintable(m_project), qPrintable(m_error));
}

QString DemoStack::demoSourceDirectory()
{
    return QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");
}

QString DemoStack::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString DemoStack::overrideFile() const
{
    return directory() + QStringLiteral("/compose.stagehand-test.yaml");
}

bool DemoStack::load()
{
    const QString source = demoSourceDirectory();
    const QString projectFile = source + QStringLiteral("/stagehand.yaml");
    if (!QFileInfo::exists(projectFile)) {
        m_error = QStringLiteral("%1 does not exist").arg(projectFile);
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/stagehand-demo-XXXXXX"));
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory: ") + m_dir->errorString();
        return false;
    }
    // readable by the services' own users, should one mount a directory of it
    QFile::setPermissions(m_dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                             | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                             | QFileDevice::ReadOther | QFileDevice::ExeOther);
    if (!copyTree(source, m_dir->path(), &m_error))
        return false;
    if (!readProjectFile(directory() + QStringLiteral("/stagehand.yaml")))
        return false;
    m_project = TestRun::current().uniqueName(QStringLiteral("demo-") + m_environment);
    if (!allocateVariables())
        return false;
    return writeOverride();
}

bool DemoStack::readProjectFile(const QString &projectFile)
{
    QStringList files;
    QString envFile;
    try {
        const YAML::Node root = YAML::LoadFile(s(projectFile));
        const YAML::Node env = root["environments"][s(m_environment)];
        if (!env) {
            m_error = QStringLiteral("%1 has no environment '%2'").arg(projectFile, m_environment);
            return false;
        }
        const YAML::Node compose = env["compose"];
        if (compose && compose.IsSequence()) {
            for (const auto &file : compose)
                files.append(q(file.as<std::string>()));
        } else if (compose && compose.IsScalar()) {
            files.append(q(compose.Scalar()));
        }
        envFile = scalar(env["env_file"]);
    } catch (const YAML::Exception &e) {
        m_error = QStringLiteral("cannot read %1: %2").arg(projectFile, q(e.what()));
        return false;
    }
    // The conventions, where stagehand.yaml says nothing
    if (files.isEmpty()) {
        files.append(QStringLiteral("compose.yaml"));
        if (QFileInfo::exists(directory() + QStringLiteral("/compose.%1.yaml").arg(m_environment)))
            files.append(QStringLiteral("compose.%1.yaml").arg(m_environment));
    }
    if (envFile.isEmpty() && QFileInfo::exists(directory() + QStringLiteral("/.env.") + m_environment))
        envFile = QStringLiteral(".env.") + m_environment;
    for (const QString &file : std::as_const(files)) {
        const QString path = QDir(directory()).absoluteFilePath(file);
        if (!QFileInfo::exists(path)) {
            m_error = QStringLiteral("environment %1: compose file %2 does not exist").arg(m_environment, file);
            return false;
        }
        m_files.append(path);
    }
    if (!envFile.isEmpty())
        m_envFile = QDir(directory()).absoluteFilePath(envFile);
    return true;
}

bool DemoStack::allocateVariables()
{
    QStringList portVariables;
    QStringList subnetVariables;
    QStringList gatewayVariables;
    try {
        for (const QString &file : std::as_const(m_files)) {
            const QString name = QFileInfo(file).fileName();
            const YAML::Node root = YAML::LoadFile(s(file));
            for (const auto &service : root["services"]) {
                const QString serviceName = q(service.first.as<std::string>());
                const YAML::Node definition = service.second;
                if (definition["container_name"])
                    m_problems.append(QStringLiteral("%1: service %2 has a fixed container_name").arg(name, serviceName));
                for (const auto &port : definition["ports"]) {
                    QString published;
                    QString hostIp;
                    if (port.IsMap()) {
                        published = scalar(port["published"]);
                        hostIp = scalar(port["host_ip"]);
                    } else {
                        // [ip:][published:]target[/protocol]; variables may hold ':' (${X:-1})
                        QString text = scalar(port);
                        QStringList references;
                        static const QRegularExpression braced(QStringLiteral(R"(\$\{[^}]*\})"));
                        auto it = braced.globalMatch(text);
                        while (it.hasNext())
                            references.append(it.next().captured(0));
                        for (int i = 0; i < references.size(); ++i)
                            text.replace(references[i], QStringLiteral("\x01%1\x01").arg(i));
                        QStringList parts = text.split(u':');
                        for (QString &part : parts) {
                            for (int i = 0; i < references.size(); ++i)
                                part.replace(QStringLiteral("\x01%1\x01").arg(i), references[i]);
                        }
                        if (parts.size() >= 2)
                            published = parts[parts.size() - 2];
                        if (parts.size() >= 3)
                            hostIp = parts.mid(0, parts.size() - 2).join(u':');
                    }
                    if (published.isEmpty())
                        continue; // an ephemeral host port, chosen by the engine
                    const QStringList names = variablesIn(published);
                    if (names.isEmpty())
                        m_problems.append(QStringLiteral("%1: service %2 publishes the fixed host port %3").arg(name, serviceName, published));
                    portVariables += names;
                    if (!hostIp.isEmpty() && variablesIn(hostIp).isEmpty() && hostIp != QLatin1String("127.0.0.1"))
                        m_problems.append(QStringLiteral("%1: service %2 publishes on %3, not 127.0.0.1").arg(name, serviceName, hostIp));
                    if (hostIp.isEmpty())
                        m_problems.append(QStringLiteral("%1: service %2 publishes %3 on every interface, not 127.0.0.1").arg(name, serviceName, published));
                }
            }
            for (const auto &network : root["networks"]) {
                const QString networkName = q(network.first.as<std::string>());
                const YAML::Node definition = network.second;
                if (definition && definition.IsMap() && definition["external"] && scalar(definition["external"]) != QLatin1String("false"))
                    m_problems.append(QStringLiteral("%1: network %2 is external").arg(name, networkName));
                if (!definition || !definition.IsMap() || !definition["ipam"])
                    continue;
                for (const auto &config : definition["ipam"]["config"]) {
                    const QString subnet = scalar(config["subnet"]);
                    if (!subnet.isEmpty() && variablesIn(subnet).isEmpty())
                        m_problems.append(QStringLiteral("%1: network %2 has the fixed subnet %3").arg(name, networkName, subnet));
                    subnetVariables += variablesIn(subnet);
                    gatewayVariables += variablesIn(scalar(config["gateway"]));
                }
            }
        }
    } catch (const YAML::Exception &e) {
        m_error = QStringLiteral("cannot read the compose files: ") + q(e.what());
        return false;
    }
    portVariables.removeDuplicates();
    subnetVariables.removeDuplicates();
    gatewayVariables.removeDuplicates();

    const QList<quint16> ports = FreePorts(m_docker).take(static_cast<int>(portVariables.size()));
    if (ports.size() != portVariables.size()) {
        m_error = QStringLiteral("found only %1 of %2 free ports").arg(ports.size()).arg(portVariables.size());
        return false;
    }
    for (qsizetype i = 0; i < portVariables.size(); ++i)
        m_variables.insert(portVariables[i], QString::number(ports[i]));
    for (qsizetype i = 0; i < subnetVariables.size(); ++i) {
        const FreeSubnet subnet = FreeSubnet::take(m_docker);
        if (!subnet.isValid()) {
            m_error = QStringLiteral("found no free subnet");
            return false;
        }
        if (i == 0)
            m_subnet = subnet;
        m_variables.insert(subnetVariables[i], subnet.cidr());
    }
    if (!gatewayVariables.isEmpty()) {
        if (subnetVariables.size() != 1 || gatewayVariables.size() != 1) {
            m_error = QStringLiteral("cannot pair gateway variables %1 with subnet variables %2")
                          .arg(gatewayVariables.join(u','), subnetVariables.join(u','));
            return false;
        }
        m_variables.insert(gatewayVariables.first(), m_subnet.gateway());
    }
    return true;
}

QString DemoStack::writeProjectFile()
{
    const QString path = directory() + QStringLiteral("/stagehand.yaml");
    try {
        YAML::Node root = YAML::LoadFile(s(path));
        YAML::Node environment(YAML::NodeType::Map);
        YAML::Node files(YAML::NodeType::Sequence);
        for (const QString &file : std::as_const(m_files))
            files.push_back(s(file));
        environment["compose"] = files;
        if (!m_envFile.isEmpty())
            environment["env_file"] = s(m_envFile);
        environment["project_name"] = s(m_project);
        YAML::Node environments(YAML::NodeType::Map);
        environments[s(m_environment)] = environment;
        root["environments"] = environments;
        root.remove("promotion");
        YAML::Emitter out;
        out << root;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(out.c_str()) < 0) {
            m_error = QStringLiteral("cannot write %1").arg(path);
            return {};
        }
    } catch (const YAML::Exception &e) {
        m_error = QStringLiteral("cannot rewrite %1: %2").arg(path, q(e.what()));
        return {};
    }
    return path;
}

QProcessEnvironment DemoStack::composeEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "COMPOSE_PATH_SEPARATOR", "DOCKER_CONTEXT"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("DOCKER_HOST"), m_docker.host());
    for (auto it = m_variables.cbegin(); it != m_variables.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

ProcessResult DemoStack::compose(const QStringList &arguments, int timeoutMs) const
{
    return startCompose(arguments)->wait(timeoutMs);
}

std::unique_ptr<RunningProcess> DemoStack::startCompose(const QStringList &arguments) const
{
    QStringList all{QStringLiteral("--ansi"), QStringLiteral("never"), QStringLiteral("-p"), m_project,
                    QStringLiteral("--project-directory"), directory()};
    if (!m_envFile.isEmpty())
        all << QStringLiteral("--env-file") << m_envFile;
    for (const QString &file : m_files)
        all << QStringLiteral("-f") << file;
    return ProcessRunner(DockerCli::composeProgram())
        .setArguments(all + arguments)
        .setEnvironment(composeEnvironment())
        .setWorkingDirectory(directory())
        .start();
}

bool DemoStack::writeOverride()
{
    // The merged configuration (without our override) tells the services, networks and volumes.
    const ProcessResult config = compose({QStringLiteral("config")}, 60000);
    if (!config.ok()) {
        m_error = QStringLiteral("the compose files do not load: ") + config.describe();
        return false;
    }
    QString version;
    try {
        const YAML::Node first = YAML::LoadFile(s(m_files.first()));
        version = scalar(first["version"]);
    } catch (const YAML::Exception &) {
    }

    const QString key = TestRun::labelKey();
    const QString value = TestRun::current().labelValue();
    try {
        const YAML::Node merged = YAML::Load(config.standardOutput.toStdString());
        YAML::Node override(YAML::NodeType::Map);
        if (!version.isEmpty())
            override["version"] = quoted(version);

        bool usesDefaultNetwork = false;
        YAML::Node services(YAML::NodeType::Map);
        for (const auto &entry : merged["services"]) {
            const QString name = q(entry.first.as<std::string>());
            const YAML::Node service = entry.second;
            m_services.append(name);
            const QString image = scalar(service["image"]);
            if (!image.isEmpty())
                m_images.append(image);
            if (!service["networks"] && !service["network_mode"])
                usesDefaultNetwork = true;

            YAML::Node extra(YAML::NodeType::Map);
            YAML::Node labels(YAML::NodeType::Map);
            addLabel(labels, key, value);
            extra["labels"] = labels;
            extra["restart"] = quoted(QStringLiteral("no"));
            const YAML::Node healthcheck = service["healthcheck"];
            if (m_healthchecks == Healthchecks::Fast && healthcheck && healthcheck.IsMap()
                && scalar(healthcheck["disable"]) != QLatin1String("true")) {
                YAML::Node faster(YAML::NodeType::Map);
                faster["interval"] = quoted(QStringLiteral("1s"));
                extra["healthcheck"] = faster;
            }
            services[s(name)] = extra;
        }
        override["services"] = services;

        // Top-level networks and volumes are replaced, not merged, by a later file: repeat the
        // merged definition and add the label.
        const auto labelled = [&](const char *section, QStringList *names, bool addDefault) {
            YAML::Node out(YAML::NodeType::Map);
            YAML::Node definitions = merged[section];
            if (addDefault && !definitions["default"])
                definitions["default"] = YAML::Node(YAML::NodeType::Map);
            for (const auto &entry : definitions) {
                const QString name = q(entry.first.as<std::string>());
                YAML::Node definition = entry.second && entry.second.IsMap() ? YAML::Clone(entry.second) : YAML::Node(YAML::NodeType::Map);
                if (definition["external"] && scalar(definition["external"]) != QLatin1String("false"))
                    continue;
                names->append(name);
                if (!definition["labels"])
                    definition["labels"] = YAML::Node(YAML::NodeType::Map);
                addLabel(definition["labels"], key, value);
                out[s(name)] = definition;
            }
            if (out.size() > 0)
                override[section] = out;
        };
        labelled("networks", &m_networks, usesDefaultNetwork);
        labelled("volumes", &m_volumes, false);

        YAML::Emitter out;
        out << YAML::Comment("Written by stagehand::test::DemoStack for a test run: label, no restart, fast healthchecks.");
        out << YAML::Newline;
        emit(out, override);
        m_overrideText = QString::fromUtf8(out.c_str()) + u'\n';
    } catch (const YAML::Exception &e) {
        m_error = QStringLiteral("cannot read `docker-compose config`: ") + q(e.what());
        return false;
    }
    QFile file(overrideFile());
    if (!file.open(QIODevice::WriteOnly) || file.write(m_overrideText.toUtf8()) < 0) {
        m_error = QStringLiteral("cannot write %1").arg(overrideFile());
        return false;
    }
    file.close();
    m_files.append(overrideFile());
    m_images.removeDuplicates();
    return true;
}

bool DemoStack::up(int timeoutMs)
{
    startUp();
    return finishUp(timeoutMs);
}

void DemoStack::startUp()
{
    if (!m_valid || m_pending)
        return;
    m_upCalled = true;
    m_downDone = false;
    m_pending = startCompose({QStringLiteral("up"), QStringLiteral("-d"), QStringLiteral("--no-build")});
}

bool DemoStack::finishUp(int timeoutMs)
{
    if (!m_valid)
        return false;
    if (!m_pending) {
        m_error = QStringLiteral("finishUp() without startUp()");
        return false;
    }
    const ProcessResult result = m_pending->wait(timeoutMs);
    m_pending.reset();
    if (!result.ok()) {
        m_error = result.describe() + QStringLiteral("\n") + statusReport() + QStringLiteral("\n") + logsTail()
            + QStringLiteral("\n--- ") + overrideFile() + QStringLiteral(" ---\n") + m_overrideText;
        return false;
    }
    return true;
}

QStringList DemoStack::containerIds() const
{
    return m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + m_project});
}

QString DemoStack::statusReport() const
{
    QStringList lines;
    const QJsonArray containers = m_docker.inspect(containerIds());
    for (const QJsonValue &container : containers) {
        const QJsonObject state = container[QStringLiteral("State")].toObject();
        const QString service = container[QStringLiteral("Config")][QStringLiteral("Labels")][QStringLiteral("com.docker.compose.service")].toString();
        QString line = service + QStringLiteral(": ") + state[QStringLiteral("Status")].toString();
        if (state.contains(QStringLiteral("Health")))
            line += QStringLiteral(", ") + state[QStringLiteral("Health")][QStringLiteral("Status")].toString();
        if (state[QStringLiteral("Status")].toString() == QLatin1String("exited"))
            line += QStringLiteral(" (exit code %1)").arg(state[QStringLiteral("ExitCode")].toInt());
        lines.append(line);
    }
    lines.sort();
    return lines.join(u'\n');
}

bool DemoStack::waitHealthy(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const QJsonArray containers = m_docker.inspect(containerIds());
        QSet<QString> ready;
        QStringList failed;
        for (const QJsonValue &container : containers) {
            const QJsonObject state = container[QStringLiteral("State")].toObject();
            const QString service = container[QStringLiteral("Config")][QStringLiteral("Labels")][QStringLiteral("com.docker.compose.service")].toString();
            const QString status = state[QStringLiteral("Status")].toString();
            if (status == QLatin1String("exited") || status == QLatin1String("dead"))
                failed.append(service);
            const bool healthy = !state.contains(QStringLiteral("Health"))
                || state[QStringLiteral("Health")][QStringLiteral("Status")].toString() == QLatin1String("healthy");
            if (status == QLatin1String("running") && healthy)
                ready.insert(service);
        }
        QStringList waiting;
        for (const QString &service : std::as_const(m_services)) {
            if (!ready.contains(service))
                waiting.append(service);
        }
        if (waiting.isEmpty())
            return true;
        // No restart policy: a stopped container will not come back.
        if (!failed.isEmpty() || clock.elapsed() > timeoutMs) {
            m_error = QStringLiteral("%1 not healthy after %2 ms (%3):\n%4\n%5")
                          .arg(waiting.join(QStringLiteral(", ")))
                          .arg(clock.elapsed())
                          .arg(failed.isEmpty() ? QStringLiteral("timed out") : QStringLiteral("stopped: ") + failed.join(u','),
                               statusReport(), logsTail());
            return false;
        }
        QThread::msleep(250);
    }
}

quint16 DemoStack::hostPort(const QString &service, int containerPort) const
{
    const QStringList ids = m_docker.containerIds({QStringLiteral("label=com.docker.compose.project=") + m_project,
                                                   QStringLiteral("label=com.docker.compose.service=") + service});
    const QJsonArray containers = m_docker.inspect(ids);
    for (const QJsonValue &container : containers) {
        const QJsonObject ports = container[QStringLiteral("NetworkSettings")][QStringLiteral("Ports")].toObject();
        const QJsonArray bindings = ports[QStringLiteral("%1/tcp").arg(containerPort)].toArray();
        for (const QJsonValue &binding : bindings) {
            if (binding[QStringLiteral("HostIp")].toString() == QLatin1String("127.0.0.1"))
                return static_cast<quint16>(binding[QStringLiteral("HostPort")].toString().toUInt());
        }
    }
    return 0;
}

QString DemoStack::logsTail(int lines) const
{
    const ProcessResult result = compose({QStringLiteral("logs"), QStringLiteral("--no-color"), QStringLiteral("--tail"), QString::number(lines)}, 60000);
    return QStringLiteral("--- logs (last %1 lines per service) ---\n").arg(lines) + result.out() + result.err();
}

bool DemoStack::down(int timeoutMs)
{
    startDown();
    return finishDown(timeoutMs);
}

void DemoStack::startDown()
{
    if (!m_valid)
        return;
    if (m_pending) // an unfinished up: let it finish (or time out) first
        m_pending->wait(300000);
    m_downDone = true;
    m_pending = startCompose({QStringLiteral("down"), QStringLiteral("-v"), QStringLiteral("--remove-orphans"),
                              QStringLiteral("-t"), QStringLiteral("5")});
}

bool DemoStack::finishDown(int timeoutMs)
{
    if (!m_valid)
        return true;
    if (!m_pending)
        startDown();
    const ProcessResult result = m_pending->wait(timeoutMs);
    m_pending.reset();
    QStringList problems;
    if (!result.ok())
        problems.append(result.describe());
    // Whatever down left behind, by label: this project's, and only if it carries our test label.
    const QStringList filters{QStringLiteral("label=com.docker.compose.project=") + m_project, QStringLiteral("label=") + TestRun::current().label()};
    QStringList filterArguments;
    for (const QString &filter : filters)
        filterArguments << QStringLiteral("--filter") << filter;
    const QStringList containers = m_docker.containerIds(filters);
    if (!containers.isEmpty()) {
        problems.append(QStringLiteral("containers left: ") + containers.join(u' '));
        m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-v")} + containers, 120000);
    }
    const QStringList networks = m_docker.run(QStringList{QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q")} + filterArguments, 30000).lines();
    if (!networks.isEmpty()) {
        problems.append(QStringLiteral("networks left: ") + networks.join(u' '));
        m_docker.run(QStringList{QStringLiteral("network"), QStringLiteral("rm")} + networks, 60000);
    }
    const QStringList volumes = m_docker.run(QStringList{QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("-q")} + filterArguments, 30000).lines();
    if (!volumes.isEmpty()) {
        problems.append(QStringLiteral("volumes left: ") + volumes.join(u' '));
        m_docker.run(QStringList{QStringLiteral("volume"), QStringLiteral("rm"), QStringLiteral("-f")} + volumes, 60000);
    }
    if (!problems.isEmpty()) {
        m_error = problems.join(u'\n');
        return false;
    }
    return true;
}

} // namespace stagehand::test
