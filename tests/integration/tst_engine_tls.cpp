// DockerClient over tcp:// with TLS both ways against a private engine (--tlsverify) whose
// certificates the test makes with openssl: the right CA and client certificate connect; a wrong
// CA is a TLS error with a hint, not a hang or a generic failure.

#include "docker/DockerClient.h"

#include "EngineWait.h"
#include "FreePorts.h"
#include "PrivateEngine.h"
#include "Requirements.h"
#include "TestCertificates.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace stagehand;
using namespace stagehand::test;

class TestEngineTls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectsWithTheRightCertificates();
    void wrongCaIsATlsError();
    void cleanupTestCase();

private:
    EngineEndpoint endpoint(const QString &caFile) const;

    QTemporaryDir m_dir;
    std::unique_ptr<TestCertificates> m_certificates;
    std::unique_ptr<TestCertificates> m_other;
    std::unique_ptr<PrivateEngine> m_engine;
};

void TestEngineTls::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::privateEngine());
    QVERIFY(m_dir.isValid());
    m_certificates = std::make_unique<TestCertificates>(m_dir.filePath(QStringLiteral("pki")));
    QVERIFY2(m_certificates->create(), qPrintable(m_certificates->errorString()));
    m_other = std::make_unique<TestCertificates>(m_dir.filePath(QStringLiteral("other")));
    QVERIFY2(m_other->create(), qPrintable(m_other->errorString()));
    m_engine = std::make_unique<PrivateEngine>();
    m_engine->setTlsListener(FreePorts().takeOne(), m_certificates->caFile(), m_certificates->serverCertFile(),
                             m_certificates->serverKeyFile());
    QVERIFY2(m_engine->start(), qPrintable(m_engine->errorString()));
    QVERIFY(m_engine->arguments().contains(QStringLiteral("--tlsverify")));
}

EngineEndpoint TestEngineTls::endpoint(const QString &caFile) const
{
    std::optional<EngineEndpoint> e = EngineEndpoint::parse(m_engine->tcpHost());
    e->enableTls(true);
    e->caFile = caFile;
    e->certFile = m_certificates->clientCertFile();
    e->keyFile = m_certificates->clientKeyFile();
    return *e;
}

void TestEngineTls::connectsWithTheRightCertificates()
{
    QVERIFY(m_engine);
    DockerClient client;
    client.setEndpoint(endpoint(m_certificates->caFile()));
    QCOMPARE(client.endpoint().toString(), m_engine->tcpHost());
    client.connectToEngine();
    QTRY_VERIFY_WITH_TIMEOUT(
        client.state() == DockerClient::State::Connected || client.state() == DockerClient::State::Unreachable, 20000);
    QVERIFY2(client.state() == DockerClient::State::Connected, qPrintable(client.stateReason()));
    QCOMPARE(client.apiVersion(), QStringLiteral("1.41"));
    const auto info = awaitResult(client.info());
    QVERIFY2(info.ok(), qPrintable(info.error.toString()));
    // The private engine, not the shared one.
    QCOMPARE(info->value(QLatin1String("DockerRootDir")).toString(), m_engine->dataRoot());
}

void TestEngineTls::wrongCaIsATlsError()
{
    QVERIFY(m_engine);
    DockerClient client;
    client.setAutoReconnect(false);
    client.setEndpoint(endpoint(m_other->caFile()));
    client.connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), DockerClient::State::Unreachable, 20000);
    QCOMPARE(client.lastError().kind, EngineError::Kind::Tls);
    QVERIFY2(client.stateReason().contains(QStringLiteral("TLS")), qPrintable(client.stateReason()));
    QVERIFY2(client.stateReason().contains(m_engine->tcpHost()), qPrintable(client.stateReason()));
    QVERIFY2(client.stateHint().contains(QStringLiteral("CA")), qPrintable(client.stateHint()));
}

void TestEngineTls::cleanupTestCase()
{
    m_engine.reset();
}

QTEST_GUILESS_MAIN(TestEngineTls)
#include "tst_engine_tls.moc"
