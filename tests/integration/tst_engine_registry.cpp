// Push and pull through DockerClient against a real registry on 127.0.0.1 (Debian's
// docker-registry with htpasswd auth, see LocalRegistry): credentials from a docker config's
// "auths", per-layer progress, the registry's refusal of a wrong password. The image is built here
// FROM scratch (two small layers): nothing comes from outside.

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include "CliRunner.h"
#include "DockerCli.h"
#include "EngineWait.h"
#include "LocalRegistry.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace stagehand;
using namespace stagehand::test;

class TestEngineRegistry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pushAndPullBack();
    void wrongPasswordIsRefused();
    void buildPullsFromTheRegistry();
    void cliPullsWithTheConfigsCredentials();
    void cleanupTestCase();

private:
    DockerCli m_docker;
    std::unique_ptr<LocalRegistry> m_registry;
    std::unique_ptr<DockerClient> m_client;
    QString m_password;
    QString m_reference;
    QString m_goodConfig;
    QString m_badConfig;
    QString m_built;
};

void TestEngineRegistry::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(LocalRegistry::missingTools());
    m_registry = std::make_unique<LocalRegistry>();
    m_password = QString::number(QRandomGenerator::global()->generate64(), 36);
    QVERIFY2(m_registry->start(QStringLiteral("stagehand"), m_password), qPrintable(m_registry->errorString()));
    m_goodConfig = m_registry->writeDockerConfig(QStringLiteral("stagehand"), m_password);
    m_badConfig = m_registry->writeDockerConfig(QStringLiteral("stagehand"), m_password + QStringLiteral("-wrong"));

    m_client = std::make_unique<DockerClient>();
    m_client->connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), DockerClient::State::Connected, 15000);

    // Two layers of a few hundred KB (random: nothing to compress away), labelled.
    QTemporaryDir context;
    QVERIFY(context.isValid());
    QFile dockerfile(context.filePath(QStringLiteral("Dockerfile")));
    QVERIFY(dockerfile.open(QIODevice::WriteOnly));
    dockerfile.write("FROM scratch\nCOPY a.bin /a.bin\nCOPY b.bin /b.bin\n");
    dockerfile.close();
    for (const char *name : {"a.bin", "b.bin"}) {
        QFile file(context.filePath(QString::fromLatin1(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray data(300 * 1024, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
        file.write(data);
    }
    m_reference = QStringLiteral("%1/stagehand-test/%2:1")
                      .arg(m_registry->address(), TestRun::current().uniqueName(QStringLiteral("pushed")));
    BuildOptions options;
    options.contextDirectory = context.path();
    options.tags = {m_reference};
    options.labels = {{TestRun::labelKey(), TestRun::current().labelValue()}};
    options.forceRemoveIntermediate = true;
    std::unique_ptr<EngineStream> build(m_client->buildImage(options));
    QVERIFY(awaitFinished(build.get()));
    QVERIFY2(!build->error().isError(), qPrintable(build->error().toString()));
}

void TestEngineRegistry::pushAndPullBack()
{
    QVERIFY(m_client);
    std::unique_ptr<EngineStream> push(m_client->pushImage(m_reference, nullptr, m_goodConfig));
    QStringList statuses;
    connect(push.get(), &EngineStream::progressReceived, this,
            [&statuses](const QJsonObject &line) { statuses.append(line.value(QLatin1String("status")).toString()); });
    QVERIFY(awaitFinished(push.get()));
    QVERIFY2(!push->error().isError(), qPrintable(push->error().toString() + u'\n' + m_registry->logTail()));
    QCOMPARE(push->kind(), EngineStream::Kind::Push);
    const PullProgress pushed = push->progress();
    QCOMPARE(pushed.layerCount(), 2);
    QCOMPARE(pushed.completedLayers(), 2);
    QVERIFY(pushed.isFinished());
    QCOMPARE(pushed.fraction(), 1.0);
    QVERIFY2(pushed.digest().startsWith(QStringLiteral("sha256:")), qPrintable(statuses.join(u'\n')));
    QVERIFY2(statuses.contains(QStringLiteral("Pushed")), qPrintable(statuses.join(u'\n')));

    // Gone here, then back from the registry.
    const auto removed = awaitResult(m_client->removeImage(m_reference));
    QVERIFY2(removed.ok(), qPrintable(removed.error.toString()));
    QCOMPARE(awaitResult(m_client->inspectImage(m_reference)).error.httpStatus, 404);

    std::unique_ptr<EngineStream> pull(m_client->pullImage(m_reference, nullptr, m_goodConfig));
    QList<PullProgress::Layer> seen; // each layer's state as every line arrives
    PullProgress live;
    connect(pull.get(), &EngineStream::progressReceived, this, [&](const QJsonObject &line) {
        live.feed(line);
        const QString id = line.value(QLatin1String("id")).toString();
        if (const auto layer = live.layer(id))
            seen.append(*layer);
    });
    QVERIFY(awaitFinished(pull.get()));
    QVERIFY2(!pull->error().isError(), qPrintable(pull->error().toString() + u'\n' + m_registry->logTail()));
    const PullProgress pulled = pull->progress();
    QCOMPARE(pulled.layerCount(), 2);
    QCOMPARE(pulled.completedLayers(), 2);
    QVERIFY(pulled.isFinished());
    QCOMPARE(pulled.digest(), pushed.digest());
    QVERIFY2(pulled.status().contains(QStringLiteral("Downloaded newer image")), qPrintable(pulled.status()));
    // Each layer went through its phases: ended complete, and showed bytes on the way.
    for (const PullProgress::Layer &layer : pulled.layers()) {
        QCOMPARE(layer.status, QStringLiteral("Pull complete"));
        bool sawBytes = false;
        bool sawPartial = false;
        for (const PullProgress::Layer &state : std::as_const(seen)) {
            if (state.id != layer.id)
                continue;
            sawBytes = sawBytes || state.total > 0;
            sawPartial = sawPartial || (state.fraction > 0 && state.fraction < 1);
        }
        QVERIFY2(sawBytes && sawPartial, qPrintable(layer.id));
        QVERIFY(layer.size > 0);
    }

    const auto image = awaitResult(m_client->inspectImage(m_reference));
    QVERIFY2(image.ok(), qPrintable(image.error.toString()));
    QCOMPARE(image->labels.value(TestRun::labelKey()), TestRun::current().labelValue());
}

void TestEngineRegistry::wrongPasswordIsRefused()
{
    QVERIFY(m_client);
    std::unique_ptr<EngineStream> push(m_client->pushImage(m_reference, nullptr, m_badConfig));
    QVERIFY(awaitFinished(push.get()));
    QVERIFY(push->error().isError());
    QVERIFY2(push->error().message.contains(QStringLiteral("unauthorized")), qPrintable(push->error().toString()));

    std::unique_ptr<EngineStream> pull(m_client->pullImage(m_reference, nullptr, m_badConfig));
    QVERIFY(awaitFinished(pull.get()));
    QVERIFY(pull->error().isError());
    QVERIFY2(pull->error().message.contains(QStringLiteral("unauthorized")), qPrintable(pull->error().toString()));
}

void TestEngineRegistry::buildPullsFromTheRegistry()
{
    // FROM the pushed image, pull=true: the engine fetches it with the credentials of
    // X-Registry-Config (from the docker config), and refuses with the wrong ones.
    QVERIFY(m_client);
    QTemporaryDir context;
    QFile dockerfile(context.filePath(QStringLiteral("Dockerfile")));
    QVERIFY(dockerfile.open(QIODevice::WriteOnly));
    dockerfile.write(QStringLiteral("FROM %1\nCOPY Dockerfile /Dockerfile\n").arg(m_reference).toUtf8());
    dockerfile.close();
    BuildOptions options;
    options.contextDirectory = context.path();
    options.pull = true;
    options.labels = {{TestRun::labelKey(), TestRun::current().labelValue()}};
    options.forceRemoveIntermediate = true;
    options.dockerConfigDir = m_badConfig;
    std::unique_ptr<EngineStream> refused(m_client->buildImage(options));
    QVERIFY(awaitFinished(refused.get()));
    QVERIFY2(refused->error().message.contains(QStringLiteral("unauthorized")), qPrintable(refused->error().toString()));

    m_built = TestRun::current().uniqueName(QStringLiteral("from-registry")) + QStringLiteral(":1");
    options.tags = {m_built};
    options.dockerConfigDir = m_goodConfig;
    std::unique_ptr<EngineStream> build(m_client->buildImage(options));
    QString output;
    connect(build.get(), &EngineStream::outputReceived, this, [&output](const QString &text) { output += text; });
    QVERIFY(awaitFinished(build.get()));
    QVERIFY2(!build->error().isError(), qPrintable(build->error().toString() + u'\n' + output));
    QVERIFY(!build->imageId().isEmpty());
}

// stagehand-cli pull: the credentials of $DOCKER_CONFIG, per-layer progress on stderr, the reference
// on stdout; the registry's refusal on stderr with exit 2.
void TestEngineRegistry::cliPullsWithTheConfigsCredentials()
{
    QVERIFY(m_client);
    // Nothing of the image left here (the image built FROM it holds its layers), so its layers
    // come from the registry.
    if (!m_built.isEmpty())
        QVERIFY(awaitResult(m_client->removeImage(m_built, true)).ok());
    QVERIFY(awaitResult(m_client->removeImage(m_reference, true)).ok());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DOCKER_CONFIG"), m_badConfig);
    const CliResult refused = CliRunner::run({QStringLiteral("pull"), m_reference}, environment);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("unauthorized")), qPrintable(refused.err));
    QCOMPARE(awaitResult(m_client->inspectImage(m_reference)).error.httpStatus, 404);

    environment.insert(QStringLiteral("DOCKER_CONFIG"), m_goodConfig);
    const CliResult pulled = CliRunner::run({QStringLiteral("pull"), m_reference}, environment);
    QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
    QCOMPARE(QString::fromUtf8(pulled.out).trimmed(), m_reference);
    QCOMPARE(pulled.err.count(QStringLiteral(": Pull complete")), 2); // one line per layer
    QVERIFY(awaitResult(m_client->inspectImage(m_reference)).ok());
}

void TestEngineRegistry::cleanupTestCase()
{
    if (!m_built.isEmpty())
        m_docker.run({QStringLiteral("rmi"), QStringLiteral("-f"), m_built});
    if (!m_reference.isEmpty())
        m_docker.run({QStringLiteral("rmi"), QStringLiteral("-f"), m_reference});
    m_client.reset();
    m_registry.reset();
}

QTEST_GUILESS_MAIN(TestEngineRegistry)
#include "tst_engine_registry.moc"
