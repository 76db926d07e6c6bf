#include "LocalRegistry.h"

#include "FreePorts.h"
#include "HttpClient.h"
#include "ProcessRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

#include <sys/prctl.h>

namespace stagehand::test {

namespace {

const char *const kRegistry = "/usr/bin/docker-registry";
const char *const kHtpasswd = "/usr/bin/htpasswd";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

} // namespace

LocalRegistry::LocalRegistry()
    : m_dir(std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/stagehand-registry-XXXXXX")))
{
}

LocalRegistry::~LocalRegistry()
{
    stop();
}

QString LocalRegistry::missingTools()
{
    QStringList missing;
    if (!QFileInfo(QString::fromLatin1(kRegistry)).isExecutable())
        missing.append(QStringLiteral("%1 (Debian package docker-registry)").arg(QString::fromLatin1(kRegistry)));
    if (!QFileInfo(QString::fromLatin1(kHtpasswd)).isExecutable())
        missing.append(QStringLiteral("%1 (Debian package apache2-utils)").arg(QString::fromLatin1(kHtpasswd)));
    return missing.isEmpty() ? QString() : QStringLiteral("missing: ") + missing.join(QStringLiteral(", "));
}

QString LocalRegistry::address() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

bool LocalRegistry::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString LocalRegistry::logTail(int lines) const
{
    QFile file(m_dir->filePath(QStringLiteral("registry.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    return all.mid(qMax<qsizetype>(0, all.size() - lines)).join(u'\n');
}

bool LocalRegistry::start(const QString &user, const QString &password, int timeoutMs)
{
    m_error.clear();
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot make a temporary directory: ") + m_dir->errorString();
        return false;
    }
    if (const QString missing = missingTools(); !missing.isEmpty()) {
        m_error = missing;
        return false;
    }
    m_user = user;
    m_password = password;
    // -B bcrypt (the only hash the registry takes), -b password from the command line, -n to stdout
    const ProcessResult hash =
        ProcessRunner::run(QString::fromLatin1(kHtpasswd), {QStringLiteral("-Bbn"), user, password}, 30000);
    if (!hash.ok()) {
        m_error = hash.describe();
        return false;
    }
    const QString htpasswd = m_dir->filePath(QStringLiteral("htpasswd"));
    const QString storage = m_dir->filePath(QStringLiteral("storage"));
    QDir().mkpath(storage);
    if (!writeFile(htpasswd, hash.standardOutput.trimmed() + '\n')) {
        m_error = QStringLiteral("cannot write ") + htpasswd;
        return false;
    }
    m_port = FreePorts().takeOne();
    const QString config = QStringLiteral("version: 0.1\n"
                                          "log:\n  level: info\n  accesslog:\n    disabled: true\n"
                                          "storage:\n  filesystem:\n    rootdirectory: %1\n  delete:\n    enabled: true\n"
                                          "http:\n  addr: 127.0.0.1:%2\n  secret: stagehand-test\n"
                                          "auth:\n  htpasswd:\n    realm: stagehand-test\n    path: %3\n")
                               .arg(storage)
                               .arg(m_port)
                               .arg(htpasswd);
    const QString configPath = m_dir->filePath(QStringLiteral("config.yml"));
    if (!writeFile(configPath, config.toUtf8())) {
        m_error = QStringLiteral("cannot write ") + configPath;
        return false;
    }

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QString::fromLatin1(kRegistry));
    m_process->setArguments({QStringLiteral("serve"), configPath});
    m_process->setWorkingDirectory(m_dir->path());
    m_process->setStandardOutputFile(m_dir->filePath(QStringLiteral("registry.log")), QIODevice::Append);
    m_process->setStandardErrorFile(m_dir->filePath(QStringLiteral("registry.log")), QIODevice::Append);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(QString::fromLatin1(kRegistry), m_process->errorString());
        m_process.reset();
        return false;
    }
    HttpClient http;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (!isRunning()) {
            m_error = QStringLiteral("the registry exited before answering:\n") + logTail();
            return false;
        }
        // Up once /v2/ asks for credentials.
        if (http.get(HttpClient::local(m_port, QStringLiteral("/v2/")), 2000).status == 401)
            return true;
        QThread::msleep(100);
    }
    m_error = QStringLiteral("the registry did not answer on %1 within %2 ms:\n%3").arg(address()).arg(timeoutMs).arg(logTail());
    return false;
}

void LocalRegistry::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

QString LocalRegistry::writeDockerConfig(const QString &user, const QString &password) const
{
    static int counter = 0;
    const QString dir = m_dir->filePath(QStringLiteral("docker-config-%1").arg(++counter));
    QDir().mkpath(dir);
    const QJsonObject config{
        {QStringLiteral("auths"),
         QJsonObject{{address(), QJsonObject{{QStringLiteral("auth"),
                                              QString::fromLatin1((user + u':' + password).toUtf8().toBase64())}}}}}};
    writeFile(dir + QStringLiteral("/config.json"), QJsonDocument(config).toJson());
    return dir;
}

} // namespace stagehand::test
