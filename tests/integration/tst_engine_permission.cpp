// "Permission denied" on the engine's socket, for real: the test runs as root, for whom file modes
// do not stop connect(), so this same executable is run again as nobody (setpriv --reuid=65534
// --regid=65534 --clear-groups ... --probe <socket>), connects with DockerClient and prints the
// state, error kind, reason and hint; the test asserts them. Against a private engine's socket
// (root:docker 0660, in a directory made traversable for the occasion) and the shared engine's.

#include "docker/DockerClient.h"

#include "PrivateEngine.h"
#include "ProcessRunner.h"
#include "Requirements.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTimer>
#include <QtTest>

#include <cstdio>
#include <memory>

#include <sys/stat.h>
#include <unistd.h>

using namespace stagehand;
using namespace stagehand::test;

namespace {

// The probe: connect to the socket at path, print what the client says, exit 0.
int probe(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    DockerClient client;
    EngineEndpoint endpoint;
    endpoint.path = QString::fromLocal8Bit(argv[2]);
    client.setEndpoint(endpoint);
    client.setAutoReconnect(false);
    QObject::connect(&client, &DockerClient::stateChanged, &app, [&](DockerClient::State state) {
        if (state == DockerClient::State::Connected || state == DockerClient::State::Unreachable)
            app.quit();
    });
    QTimer::singleShot(20000, &app, &QCoreApplication::quit);
    client.connectToEngine();
    app.exec();
    const QByteArray out = "uid=" + QByteArray::number(::getuid()) + "\nstate=" + QByteArray::number(int(client.state())) +
                           "\nkind=" + QByteArray::number(int(client.lastError().kind)) +
                           "\nreason=" + client.stateReason().toUtf8() + "\nhint=" + client.stateHint().toUtf8() + '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    return 0;
}

struct ProbeResult {
    QMap<QString, QString> values;
    QString raw;
};

ProbeResult runProbe(const QString &socket, bool asNobody)
{
    const QString self = QCoreApplication::applicationFilePath();
    QStringList arguments;
    QString program = self;
    if (asNobody) {
        program = QStringLiteral("setpriv");
        arguments = {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"), self};
    }
    arguments << QStringLiteral("--probe") << socket;
    const ProcessResult result = ProcessRunner(program)
                                     .setArguments(arguments)
                                     .setVariable(QStringLiteral("HOME"), QStringLiteral("/tmp"))
                                     .setTimeoutMs(60000)
                                     .run();
    ProbeResult probeResult;
    probeResult.raw = result.describe() + u'\n' + QString::fromUtf8(result.standardOutput);
    const QStringList lines = QString::fromUtf8(result.standardOutput).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines)
        probeResult.values.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    return probeResult;
}

} // namespace

class TestEnginePermission : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void privateEngineSocket();
    void sharedEngineSocket();

private:
    void expectDenied(const ProbeResult &probe, const QString &socket);
};

void TestEnginePermission::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    STAGEHAND_REQUIRE(QFileInfo(QStringLiteral("/usr/bin/setpriv")).isExecutable()
                          ? QString()
                          : QStringLiteral("no /usr/bin/setpriv (util-linux)"));
    // nobody must be able to run this executable (its directories must be traversable).
    QVERIFY2(QFileInfo(QCoreApplication::applicationFilePath()).permission(QFile::ExeOther),
             qPrintable(QCoreApplication::applicationFilePath()));
}

void TestEnginePermission::expectDenied(const ProbeResult &probe, const QString &socket)
{
    QVERIFY2(probe.values.value(QStringLiteral("uid")) == QStringLiteral("65534"), qPrintable(probe.raw));
    QCOMPARE(probe.values.value(QStringLiteral("state")), QString::number(int(DockerClient::State::Unreachable)));
    QCOMPARE(probe.values.value(QStringLiteral("kind")), QString::number(int(EngineError::Kind::PermissionDenied)));
    const QString reason = probe.values.value(QStringLiteral("reason"));
    QVERIFY2(reason.contains(QStringLiteral("permission denied")) && reason.contains(socket), qPrintable(probe.raw));
    QVERIFY2(probe.values.value(QStringLiteral("hint")).contains(QStringLiteral("docker group")), qPrintable(probe.raw));
}

void TestEnginePermission::privateEngineSocket()
{
    PrivateEngine engine;
    QVERIFY2(engine.start(), qPrintable(engine.errorString()));
    // The root is 0700: let others through to the socket, whose own mode (0660) then decides.
    const QByteArray root = QFile::encodeName(engine.rootDirectory());
    QCOMPARE(::chmod(root.constData(), 0711), 0);
    auto restore = qScopeGuard([&] { ::chmod(root.constData(), 0700); });
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(engine.socketPath()).constData(), &st), 0);
    QVERIFY2((st.st_mode & 0007) == 0, "the socket is open to others");

    // Root connects: the probe works, and it is the permission that stops nobody.
    const ProbeResult asRoot = runProbe(engine.socketPath(), false);
    QVERIFY2(asRoot.values.value(QStringLiteral("state")) == QString::number(int(DockerClient::State::Connected)),
             qPrintable(asRoot.raw));

    const ProbeResult denied = runProbe(engine.socketPath(), true);
    expectDenied(denied, engine.socketPath());
}

void TestEnginePermission::sharedEngineSocket()
{
    const QString socket = QStringLiteral("/var/run/docker.sock");
    struct stat st {};
    if (::stat(QFile::encodeName(socket).constData(), &st) != 0 || (st.st_mode & 0007) != 0)
        QSKIP("the shared engine's socket is missing or open to everyone");
    expectDenied(runProbe(socket, true), socket);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--probe") == 0)
        return probe(argc, argv);
    QCoreApplication app(argc, argv);
    TestEnginePermission test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_engine_permission.moc"
