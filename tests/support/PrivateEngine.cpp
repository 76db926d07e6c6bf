#include "PrivateEngine.h"

#include "ProcessRunner.h"
#include "TestRun.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <sys/mount.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace stagehand::test {

namespace {

const char *const kRootPrefix = "/tmp/stagehand-engine-";

QString rootTemplate()
{
    return QString::fromLatin1(kRootPrefix) + QStringLiteral("XXXXXX");
}

// Running (not gone, not a zombie waiting to be reaped).
bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0 || close + 2 >= text.size())
        return false;
    const char state = text.at(close + 2);
    return state != 'Z' && state != 'X';
}

QString commandLine(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    QByteArray text = file.readAll();
    text.replace('\0', ' ');
    return QString::fromLocal8Bit(text).trimmed();
}

// Processes (other than this one) whose command line mentions path.
QList<qint64> processesMentioning(const QString &path)
{
    QList<qint64> pids;
    const qint64 self = QCoreApplication::applicationPid();
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok || pid == self || !processAlive(pid))
            continue;
        if (commandLine(pid).contains(path))
            pids.append(pid);
    }
    return pids;
}

qint64 readPid(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toLongLong();
}

bool waitUntilGone(qint64 pid, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (processAlive(pid)) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QThread::msleep(50);
    }
    return true;
}

QString unescapeMountPath(const QByteArray &field)
{
    QByteArray out;
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int code = field.mid(i + 1, 3).toInt(&ok, 8);
            if (ok) {
                out += static_cast<char>(code);
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return QString::fromLocal8Bit(out);
}

// Mount points at or under root, deepest first.
QStringList mountsUnder(const QString &root)
{
    QStringList points;
    QFile mountinfo(QStringLiteral("/proc/self/mountinfo"));
    if (!mountinfo.open(QIODevice::ReadOnly))
        return points;
    const QList<QByteArray> lines = mountinfo.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 5)
            continue;
        const QString point = unescapeMountPath(fields[4]);
        if (point == root || point.startsWith(root + u'/'))
            points.append(point);
    }
    std::sort(points.begin(), points.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    points.removeDuplicates();
    return points;
}

void unmountAndRemove(const QString &root)
{
    // A mount point can be stacked several times: repeat until none is left.
    for (int round = 0; round < 5; ++round) {
        const QStringList points = mountsUnder(root);
        if (points.isEmpty())
            break;
        for (const QString &point : points) {
            if (::umount2(QFile::encodeName(point).constData(), MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT)
                qWarning("PrivateEngine: cannot unmount %s: %s", qPrintable(point), std::strerror(errno));
        }
    }
    const QStringList left = mountsUnder(root);
    if (!left.isEmpty()) {
        // never delete through a mount point into something that is not ours
        qWarning("PrivateEngine: not removing %s: still mounted: %s", qPrintable(root), qPrintable(left.join(u' ')));
        return;
    }
    if (!QDir(root).removeRecursively())
        qWarning("PrivateEngine: could not remove all of %s", qPrintable(root));
}

void terminate(const QList<qint64> &pids, int graceMs)
{
    for (const qint64 pid : pids)
        ::kill(static_cast<pid_t>(pid), SIGTERM);
    for (const qint64 pid : pids) {
        if (!waitUntilGone(pid, graceMs)) {
            ::kill(static_cast<pid_t>(pid), SIGKILL);
            waitUntilGone(pid, 5000);
        }
    }
}

} // namespace

PrivateEngine::PrivateEngine(Storage storage)
{
    QByteArray path = QFile::encodeName(rootTemplate());
    if (::mkdtemp(path.data()) == nullptr) {
        m_error = QStringLiteral("mkdtemp %1: %2").arg(rootTemplate(), QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_root = QFile::decodeName(path);
    if (storage == Storage::Memory) {
        if (::mount("tmpfs", path.constData(), "tmpfs", MS_NOSUID | MS_NODEV, "size=4g,mode=0700") == 0)
            m_storage = Storage::Memory;
        else
            qInfo("PrivateEngine: cannot mount a tmpfs on %s (%s); using the disk", path.constData(), std::strerror(errno));
    }
    QFile owner(m_root + QStringLiteral("/owner"));
    if (owner.open(QIODevice::WriteOnly))
        owner.write(QByteArray::number(QCoreApplication::applicationPid()) + '\n');
    m_namespace = TestRun::current().uniqueName(QStringLiteral("engine"));
}

PrivateEngine::~PrivateEngine()
{
    cleanUp();
}

QString PrivateEngine::dataRoot() const
{
    return m_root + QStringLiteral("/data");
}

QString PrivateEngine::execRoot() const
{
    return m_root + QStringLiteral("/exec");
}

QString PrivateEngine::socketPath() const
{
    return m_root + QStringLiteral("/docker.sock");
}

QString PrivateEngine::logPath() const
{
    return m_root + QStringLiteral("/dockerd.log");
}

QString PrivateEngine::logTail(int lines) const
{
    QFile file(logPath());
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const QStringList all = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    return all.mid(qMax<qsizetype>(0, all.size() - lines)).join(u'\n');
}

bool PrivateEngine::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 PrivateEngine::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

qint64 PrivateEngine::containerdPid() const
{
    return readPid(execRoot() + QStringLiteral("/containerd/containerd.pid"));
}

void PrivateEngine::setTlsListener(quint16 port, const QString &caFile, const QString &certFile, const QString &keyFile)
{
    m_tlsPort = port;
    m_tlsCaFile = caFile;
    m_tlsCertFile = certFile;
    m_tlsKeyFile = keyFile;
}

QString PrivateEngine::tcpHost() const
{
    return m_tlsPort > 0 ? QStringLiteral("tcp://127.0.0.1:%1").arg(m_tlsPort) : QString();
}

bool PrivateEngine::start(int timeoutMs)
{
    static bool swept = false;
    if (!swept) {
        swept = true;
        sweepStale();
    }
    if (m_root.isEmpty())
        return false;
    if (isRunning())
        return true;
    m_error.clear();
    QDir().mkpath(dataRoot());
    QDir().mkpath(execRoot());
    QFile config(m_root + QStringLiteral("/daemon.json"));
    if (!config.open(QIODevice::WriteOnly) || config.write("{}\n") < 0) {
        m_error = QStringLiteral("cannot write %1").arg(config.fileName());
        return false;
    }
    config.close();

    // Leftovers of a killed daemon: its pid file, and the pid file of its containerd (which a
    // zombie would keep "alive" for dockerd's check, making it wait for a dead containerd).
    const QString pidFile = m_root + QStringLiteral("/dockerd.pid");
    if (const qint64 old = readPid(pidFile); old > 0 && processAlive(old)) {
        m_error = QStringLiteral("a dockerd (pid %1) still runs on %2").arg(old).arg(m_root);
        return false;
    }
    QFile::remove(pidFile);
    if (const qint64 old = containerdPid(); old > 0 && !processAlive(old))
        QFile::remove(execRoot() + QStringLiteral("/containerd/containerd.pid"));

    m_arguments = QStringList{
        QStringLiteral("--config-file"), config.fileName(),
        QStringLiteral("--data-root"), dataRoot(),
        QStringLiteral("--exec-root"), execRoot(),
        QStringLiteral("--pidfile"), pidFile,
        QStringLiteral("-H"), host(),
        QStringLiteral("--bridge=none"),
        QStringLiteral("--iptables=false"),
        QStringLiteral("--ip-masq=false"),
        QStringLiteral("--ip-forward=false"),
        QStringLiteral("--containerd-namespace"), m_namespace,
        QStringLiteral("--containerd-plugins-namespace"), m_namespace + QStringLiteral("-plugins"),
    };
    if (m_tlsPort > 0)
        m_arguments << QStringLiteral("-H") << tcpHost() << QStringLiteral("--tlsverify") << QStringLiteral("--tlscacert")
                    << m_tlsCaFile << QStringLiteral("--tlscert") << m_tlsCertFile << QStringLiteral("--tlskey") << m_tlsKeyFile;

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QStringLiteral("/usr/sbin/dockerd"));
    m_process->setArguments(m_arguments);
    m_process->setWorkingDirectory(m_root);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Debian's containerd, runc, docker-init and docker-proxy, not whatever else is on PATH
    environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
    environment.remove(QStringLiteral("DOCKER_HOST"));
    m_process->setProcessEnvironment(environment);
    m_process->setStandardOutputFile(logPath(), QIODevice::Append);
    m_process->setStandardErrorFile(logPath(), QIODevice::Append);
    m_process->setStandardInputFile(QProcess::nullDevice());
    // If this test process dies, so does the daemon (it stops its containers on SIGTERM).
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start /usr/sbin/dockerd: ") + m_process->errorString();
        m_process.reset();
        return false;
    }
    if (!waitUntilAnswering(timeoutMs))
        return false;
    m_lastContainerdPid = containerdPid();
    m_needsReap = false; // on start, dockerd kills the containers a killed daemon left running
    return true;
}

bool PrivateEngine::waitUntilAnswering(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    const DockerCli docker = cli();
    for (;;) {
        if (!isRunning()) {
            m_error = QStringLiteral("dockerd exited with %1 before answering; %2:\n%3")
                          .arg(m_process->exitCode())
                          .arg(logPath(), logTail());
            m_process.reset();
            return false;
        }
        if (QFileInfo::exists(socketPath())) {
            const ProcessResult version = docker.run({QStringLiteral("version"), QStringLiteral("--format"),
                                                      QStringLiteral("{{.Server.Version}}")},
                                                     5000);
            if (version.ok())
                return true;
        }
        if (clock.elapsed() > timeoutMs) {
            m_error = QStringLiteral("dockerd did not answer on %1 within %2 ms; %3:\n%4")
                          .arg(socketPath())
                          .arg(timeoutMs)
                          .arg(logPath(), logTail());
            return false;
        }
        QThread::msleep(100);
    }
}

bool PrivateEngine::waitForContainerdExit(int timeoutMs)
{
    const qint64 pid = m_lastContainerdPid;
    if (pid <= 0 || !processAlive(pid))
        return true;
    if (waitUntilGone(pid, timeoutMs))
        return true;
    // Only ever our own containerd: its command line names our exec-root.
    if (commandLine(pid).contains(execRoot())) {
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        return waitUntilGone(pid, 5000);
    }
    return false;
}

bool PrivateEngine::stop(int timeoutMs)
{
    if (!isRunning())
        return waitForContainerdExit(timeoutMs);
    m_lastContainerdPid = containerdPid();
    m_process->terminate();
    bool clean = m_process->waitForFinished(timeoutMs);
    if (!clean) {
        m_error = QStringLiteral("dockerd did not stop within %1 ms; killed it").arg(timeoutMs);
        m_process->kill();
        m_process->waitForFinished(10000);
        m_needsReap = true;
    }
    if (!waitForContainerdExit(15000)) {
        m_error = QStringLiteral("containerd (pid %1) of the private engine did not exit").arg(m_lastContainerdPid);
        clean = false;
    }
    m_process.reset();
    return clean;
}

bool PrivateEngine::kill()
{
    if (!isRunning())
        return false;
    m_lastContainerdPid = containerdPid();
    m_process->kill();
    m_process->waitForFinished(10000);
    m_process.reset();
    m_needsReap = true;
    // dockerd gives its containerd PR_SET_PDEATHSIG=SIGKILL
    return waitForContainerdExit(10000);
}

bool PrivateEngine::restart(int timeoutMs)
{
    if (isRunning() && !stop(timeoutMs))
        return false;
    return start(timeoutMs);
}

ProcessResult PrivateEngine::loadImage(const QString &image, const DockerCli &from, int timeoutMs)
{
    ProcessResult result;
    result.program = DockerCli::program();
    result.arguments = QStringList{QStringLiteral("-H"), from.host(), QStringLiteral("save"), image,
                                   QStringLiteral("|"), DockerCli::program(), QStringLiteral("-H"), host(),
                                   QStringLiteral("load")};
    QProcess save;
    QProcess load;
    save.setStandardOutputProcess(&load);
    save.setProgram(DockerCli::program());
    save.setArguments({QStringLiteral("-H"), from.host(), QStringLiteral("save"), image});
    load.setProgram(DockerCli::program());
    load.setArguments({QStringLiteral("-H"), host(), QStringLiteral("load")});
    QElapsedTimer clock;
    clock.start();
    load.start();
    save.start();
    if (!load.waitForStarted(10000) || !save.waitForStarted(10000)) {
        result.standardError = (save.errorString() + u'\n' + load.errorString()).toUtf8();
        save.kill();
        load.kill();
        save.waitForFinished(5000);
        load.waitForFinished(5000);
        return result;
    }
    result.started = true;
    const bool saved = save.waitForFinished(timeoutMs);
    const bool loaded = saved && load.waitForFinished(qMax<int>(1000, timeoutMs - static_cast<int>(clock.elapsed())));
    if (!saved || !loaded) {
        result.timedOut = true;
        save.kill();
        load.kill();
        save.waitForFinished(5000);
        load.waitForFinished(5000);
    }
    result.elapsedMs = clock.elapsed();
    result.standardOutput = load.readAllStandardOutput();
    result.standardError = save.readAllStandardError() + load.readAllStandardError();
    if (!result.timedOut) {
        const bool crashed = save.exitStatus() == QProcess::CrashExit || load.exitStatus() == QProcess::CrashExit;
        result.crashed = crashed;
        result.exitCode = crashed ? -1 : (save.exitCode() != 0 ? save.exitCode() : load.exitCode());
    }
    return result;
}

ProcessResult PrivateEngine::importHostBinaries(const QString &image, const QStringList &binaries, int timeoutMs)
{
    QStringList files;
    static const QRegularExpression library(QStringLiteral(R"((/\S+) \(0x[0-9a-f]+\))"));
    for (const QString &binary : binaries) {
        files.append(binary);
        const ProcessResult ldd = ProcessRunner::run(QStringLiteral("ldd"), {binary}, 30000);
        if (!ldd.ok())
            continue; // static
        for (const QString &line : ldd.lines()) {
            const QRegularExpressionMatch match = library.match(line);
            if (match.hasMatch())
                files.append(match.captured(1));
        }
    }
    files.removeDuplicates();
    QStringList relative;
    for (const QString &file : std::as_const(files))
        relative.append(file.mid(1));
    // --dereference: symbolic links (/bin -> usr/bin, /lib64 -> usr/lib64, libc.so.6 -> ...) are
    // stored as the files they point to, under the names the dynamic loader looks for.
    const ProcessResult tar = ProcessRunner(QStringLiteral("tar"))
                                  .setArguments(QStringList{QStringLiteral("-C"), QStringLiteral("/"),
                                                            QStringLiteral("--dereference"), QStringLiteral("-cf"),
                                                            QStringLiteral("-")}
                                                + relative)
                                  .setTimeoutMs(timeoutMs)
                                  .run();
    if (!tar.ok())
        return tar;
    // No LABEL: containers inherit their image's labels, and a test label would mark them all.
    return cli().run({QStringLiteral("import"), QStringLiteral("-"), image}, tar.standardOutput, timeoutMs);
}

void PrivateEngine::killStrays()
{
    const QList<qint64> strays = processesMentioning(m_root + u'/');
    if (strays.isEmpty())
        return;
    for (const qint64 pid : strays)
        qWarning("PrivateEngine: killing stray process %lld: %s", pid, qPrintable(commandLine(pid).left(200)));
    terminate(strays, 3000);
}

void PrivateEngine::cleanUp()
{
    if (m_root.isEmpty())
        return;
    // A killed daemon leaves container shims (and their containers) running: a fresh start of the
    // daemon kills them; then remove every container and stop it.
    if (!isRunning() && (m_needsReap || !processesMentioning(execRoot() + u'/').isEmpty())) {
        if (!start(60000))
            qWarning("PrivateEngine: could not restart to clean up: %s", qPrintable(m_error));
    }
    if (isRunning()) {
        const DockerCli docker = cli();
        const QStringList ids = docker.containerIds();
        if (!ids.isEmpty()) {
            const ProcessResult removed = docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-v")} + ids, 120000);
            if (!removed.ok())
                qWarning("PrivateEngine: %s", qPrintable(removed.describe()));
        }
        // Networks: their bridges live in the host's network namespace and outlive the daemon.
        const QStringList networks = docker.run({QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q"),
                                                 QStringLiteral("--filter"), QStringLiteral("type=custom")},
                                                30000)
                                         .lines();
        if (!networks.isEmpty()) {
            const ProcessResult removed = docker.run(QStringList{QStringLiteral("network"), QStringLiteral("rm")} + networks, 60000);
            if (!removed.ok())
                qWarning("PrivateEngine: %s", qPrintable(removed.describe()));
        }
        if (!stop(60000))
            qWarning("PrivateEngine: %s", qPrintable(m_error));
    }
    m_process.reset();
    killStrays();
    unmountAndRemove(m_root);
    m_root.clear();
}

void PrivateEngine::sweepStale()
{
    const QFileInfo prefix(QString::fromLatin1(kRootPrefix));
    const QDir parent = prefix.dir();
    const QStringList entries = parent.entryList({prefix.fileName() + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QString root = parent.absoluteFilePath(entry);
        const qint64 owner = readPid(root + QStringLiteral("/owner"));
        if (owner == QCoreApplication::applicationPid())
            continue;
        if (owner > 0 && processAlive(owner))
            continue; // its test is still running
        if (owner <= 0 && QFileInfo(root).lastModified().secsTo(QDateTime::currentDateTime()) < 600)
            continue; // being set up right now, perhaps
        qWarning("PrivateEngine: removing %s, left behind by test process %lld", qPrintable(root), owner);
        const qint64 daemon = readPid(root + QStringLiteral("/dockerd.pid"));
        if (daemon > 0 && processAlive(daemon) && commandLine(daemon).contains(root))
            terminate({daemon}, 30000);
        terminate(processesMentioning(root + u'/'), 3000);
        unmountAndRemove(root);
    }
}

} // namespace stagehand::test
