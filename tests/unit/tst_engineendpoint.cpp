#include "docker/DockerContextStore.h"
#include "docker/EngineEndpoint.h"
#include "docker/EngineEndpointResolver.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

using stagehand::DockerContextStore;
using stagehand::EngineEndpoint;
using stagehand::EngineEndpointResolver;

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// sha256 of the context names, computed independently (Python's hashlib), as the docker CLI names
// the folders under contexts/meta and contexts/tls.
const char *const kRemoteDir = "b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a";  // "remote"
const char *const kTlsDir = "f29671c36aea263eda561e45f53d2985925dff54c881728df51a83e0008fd4ef";     // "tls-ctx"
const char *const kSkipDir = "70020404d2eab0c7d0398b0463fac727d93e8ac4a358ed4ff40254fcb6f29e6f";    // "skip-ctx"
const char *const kBrokenDir = "f526795c95399cea27c055c842c3d6ab018ed0fa4f66f701c28ab22dec28237b";  // "broken"

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QByteArray meta(const char *name, const char *host, bool skipTlsVerify = false)
{
    return QByteArray("{\"Name\":\"") + name + "\",\"Metadata\":{\"Description\":\"test\"},\"Endpoints\":{\"docker\":{\"Host\":\""
        + host + "\",\"SkipTLSVerify\":" + (skipTlsVerify ? "true" : "false") + "}}}";
}

} // namespace

class TestEngineEndpoint : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void parseRejects_data();
    void parseRejects();
    void enableTls();
    void contextDirName();
    void contextStore();
    void contextStoreDefaultsWithoutConfig();
    void resolve_data();
    void resolve();
    void resolveErrors_data();
    void resolveErrors();

private:
    QTemporaryDir m_dir;
    QString m_config;
};

void TestEngineEndpoint::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = m_dir.filePath(QStringLiteral("docker-config"));
    QVERIFY(writeFile(m_config + QStringLiteral("/config.json"), "{\"auths\":{},\"currentContext\":\"remote\"}"));
    const QString metaRoot = m_config + QStringLiteral("/contexts/meta/");
    const QString tlsRoot = m_config + QStringLiteral("/contexts/tls/");
    QVERIFY(writeFile(metaRoot + s(kRemoteDir) + QStringLiteral("/meta.json"), meta("remote", "tcp://build-host:2375")));
    QVERIFY(writeFile(metaRoot + s(kTlsDir) + QStringLiteral("/meta.json"), meta("tls-ctx", "tcp://secure-host")));
    for (const char *name : {"ca.pem", "cert.pem", "key.pem"})
        QVERIFY(writeFile(tlsRoot + s(kTlsDir) + QStringLiteral("/docker/") + s(name), "-----BEGIN-----\n"));
    QVERIFY(writeFile(metaRoot + s(kSkipDir) + QStringLiteral("/meta.json"), meta("skip-ctx", "tcp://10.0.0.5:2376", true)));
    QVERIFY(writeFile(metaRoot + s(kBrokenDir) + QStringLiteral("/meta.json"), "{not json"));
    // a folder whose name is not the hash of the Name inside: not listed
    QVERIFY(writeFile(metaRoot + QStringLiteral("0000/meta.json"), meta("impostor", "unix:///x")));
}

void TestEngineEndpoint::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("isUnix");
    QTest::addColumn<QString>("pathOrHost");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("defaultPort");
    QTest::addColumn<QString>("string");

    QTest::newRow("unix socket") << s("unix:///var/run/docker.sock") << true << s("/var/run/docker.sock") << 0 << false << s("unix:///var/run/docker.sock");
    QTest::newRow("unix other path") << s("unix:///run/user/1000/docker.sock") << true << s("/run/user/1000/docker.sock") << 0 << false << s("unix:///run/user/1000/docker.sock");
    QTest::newRow("unix:// alone: default socket") << s("unix://") << true << s("/var/run/docker.sock") << 0 << false << s("unix:///var/run/docker.sock");
    QTest::newRow("scheme case-insensitive") << s("UNIX:///tmp/d.sock") << true << s("/tmp/d.sock") << 0 << false << s("unix:///tmp/d.sock");
    QTest::newRow("whitespace trimmed") << s("  unix:///tmp/d.sock\n") << true << s("/tmp/d.sock") << 0 << false << s("unix:///tmp/d.sock");
    QTest::newRow("tcp with port") << s("tcp://10.0.0.2:2376") << false << s("10.0.0.2") << 2376 << false << s("tcp://10.0.0.2:2376");
    QTest::newRow("tcp default port") << s("tcp://docker.example.com") << false << s("docker.example.com") << 2375 << true << s("tcp://docker.example.com:2375");
    QTest::newRow("tcp trailing slash") << s("tcp://host:1234/") << false << s("host") << 1234 << false << s("tcp://host:1234");
    QTest::newRow("tcp ipv6") << s("tcp://[::1]:2375") << false << s("::1") << 2375 << false << s("tcp://[::1]:2375");
    QTest::newRow("tcp ipv6 default port") << s("tcp://[fe80::1]") << false << s("fe80::1") << 2375 << true << s("tcp://[fe80::1]:2375");
    QTest::newRow("no scheme host:port") << s("localhost:2375") << false << s("localhost") << 2375 << false << s("tcp://localhost:2375");
    QTest::newRow("no scheme :port") << s(":4243") << false << s("127.0.0.1") << 4243 << false << s("tcp://127.0.0.1:4243");
}

void TestEngineEndpoint::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, isUnix);
    QFETCH(QString, pathOrHost);
    QFETCH(int, port);
    QFETCH(bool, defaultPort);
    QFETCH(QString, string);

    QString error;
    const auto endpoint = EngineEndpoint::parse(text, &error);
    QVERIFY2(endpoint, qPrintable(error));
    QCOMPARE(endpoint->kind, isUnix ? EngineEndpoint::Kind::Unix : EngineEndpoint::Kind::Tcp);
    QCOMPARE(isUnix ? endpoint->path : endpoint->host, pathOrHost);
    if (!isUnix) {
        QCOMPARE(endpoint->port, port);
        QCOMPARE(endpoint->defaultPort, defaultPort);
    }
    QVERIFY(!endpoint->tls);
    QCOMPARE(endpoint->toString(), string);
    QCOMPARE(EngineEndpoint::parse(endpoint->toString())->toString(), string); // round trip
}

void TestEngineEndpoint::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << s("empty");
    QTest::newRow("blank") << s("   ") << s("empty");
    QTest::newRow("ssh") << s("ssh://me@build-host") << s("not supported yet");
    QTest::newRow("ssh upper case") << s("SSH://me@build-host:22") << s("not supported yet");
    QTest::newRow("npipe") << s("npipe:////./pipe/docker_engine") << s("Windows");
    QTest::newRow("fd") << s("fd://") << s("unsupported scheme");
    QTest::newRow("http") << s("http://host:2375") << s("unsupported scheme");
    QTest::newRow("relative unix path") << s("unix://docker.sock") << s("absolute");
    QTest::newRow("tcp no host") << s("tcp://:2375") << s("no host");
    QTest::newRow("tcp empty") << s("tcp://") << s("no host");
    QTest::newRow("port not a number") << s("tcp://host:abc") << s("invalid port");
    QTest::newRow("port 0") << s("tcp://host:0") << s("invalid port");
    QTest::newRow("port too large") << s("tcp://host:65536") << s("invalid port");
    QTest::newRow("empty port") << s("tcp://host:") << s("empty port");
    QTest::newRow("path") << s("tcp://host:2375/v1.41") << s("path");
    QTest::newRow("bare ipv6") << s("tcp://::1:2375") << s("brackets");
    QTest::newRow("unclosed bracket") << s("tcp://[::1:2375") << s("]");
    QTest::newRow("bare word") << s("docker") << s("expected");
}

void TestEngineEndpoint::parseRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!EngineEndpoint::parse(text, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!EngineEndpoint::parse(text)); // no error pointer: no crash
}

void TestEngineEndpoint::enableTls()
{
    auto defaulted = EngineEndpoint::parse(QStringLiteral("tcp://host"));
    QVERIFY(defaulted);
    defaulted->enableTls(true);
    QVERIFY(defaulted->tls);
    QVERIFY(defaulted->tlsVerify);
    QCOMPARE(defaulted->port, 2376);

    auto explicitPort = EngineEndpoint::parse(QStringLiteral("tcp://host:2375"));
    explicitPort->enableTls(false);
    QCOMPARE(explicitPort->port, 2375);
    QVERIFY(!explicitPort->tlsVerify);

    const EngineEndpoint defaults;
    QCOMPARE(defaults.kind, EngineEndpoint::Kind::Unix);
    QCOMPARE(defaults.toString(), QStringLiteral("unix:///var/run/docker.sock"));
}

void TestEngineEndpoint::contextDirName()
{
    QCOMPARE(DockerContextStore::contextDirName(QStringLiteral("remote")), s(kRemoteDir));
    QCOMPARE(DockerContextStore::contextDirName(QStringLiteral("tls-ctx")), s(kTlsDir));
}

void TestEngineEndpoint::contextStore()
{
    const DockerContextStore store(m_config);
    QCOMPARE(store.currentContext(), QStringLiteral("remote"));
    QCOMPARE(store.contexts(), (QStringList{s("default"), s("remote"), s("skip-ctx"), s("tls-ctx")}));

    QString error;
    auto remote = store.endpointFor(QStringLiteral("remote"), &error);
    QVERIFY2(remote, qPrintable(error));
    QCOMPARE(remote->toString(), QStringLiteral("tcp://build-host:2375"));
    QVERIFY(!remote->tls);
    QCOMPARE(remote->source, QStringLiteral("context remote"));

    auto tls = store.endpointFor(QStringLiteral("tls-ctx"), &error);
    QVERIFY2(tls, qPrintable(error));
    QVERIFY(tls->tls);
    QVERIFY(tls->tlsVerify);
    QCOMPARE(tls->port, 2376); // no port in the Host: the TLS default
    const QString tlsDir = m_config + QStringLiteral("/contexts/tls/") + s(kTlsDir) + QStringLiteral("/docker/");
    QCOMPARE(tls->caFile, tlsDir + QStringLiteral("ca.pem"));
    QCOMPARE(tls->certFile, tlsDir + QStringLiteral("cert.pem"));
    QCOMPARE(tls->keyFile, tlsDir + QStringLiteral("key.pem"));

    auto skip = store.endpointFor(QStringLiteral("skip-ctx"), &error);
    QVERIFY2(skip, qPrintable(error));
    QVERIFY(skip->tls);
    QVERIFY(!skip->tlsVerify);
    QVERIFY(skip->caFile.isEmpty());

    auto defaultContext = store.endpointFor(QStringLiteral("default"), &error);
    QVERIFY(defaultContext);
    QCOMPARE(defaultContext->toString(), QStringLiteral("unix:///var/run/docker.sock"));

    QVERIFY(!store.endpointFor(QStringLiteral("missing"), &error));
    QVERIFY2(error.contains(QStringLiteral("\"missing\" does not exist")), qPrintable(error));
    QVERIFY(!store.endpointFor(QStringLiteral("broken"), &error));
    QVERIFY2(error.contains(QStringLiteral("invalid JSON")), qPrintable(error));
}

void TestEngineEndpoint::contextStoreDefaultsWithoutConfig()
{
    const DockerContextStore store(m_dir.filePath(QStringLiteral("nothing-here")));
    QCOMPARE(store.currentContext(), QStringLiteral("default"));
    QCOMPARE(store.contexts(), QStringList{s("default")});
}

void TestEngineEndpoint::resolve_data()
{
    QTest::addColumn<QString>("cliHost");
    QTest::addColumn<QString>("cliContext");
    QTest::addColumn<QString>("projectEngine");
    QTest::addColumn<QStringList>("env"); // NAME=value; DOCKER_CONFIG=@ means the test's config folder
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<bool>("tls");

    const QString none;
    const QStringList all{s("DOCKER_CONFIG=@"), s("DOCKER_HOST=tcp://env-host:2375"), s("DOCKER_CONTEXT=tls-ctx")};

    QTest::newRow("--host beats everything") << s("unix:///tmp/cli.sock") << s("skip-ctx") << s("tcp://project:1") << all
                                             << s("--host") << s("unix:///tmp/cli.sock") << false;
    QTest::newRow("--context beats project, env") << none << s("skip-ctx") << s("tcp://project:1") << all
                                                  << s("--context skip-ctx") << s("tcp://10.0.0.5:2376") << true;
    QTest::newRow("--context default") << none << s("default") << s("tcp://project:1") << all
                                       << s("--context default") << s("unix:///var/run/docker.sock") << false;
    QTest::newRow("project beats DOCKER_HOST") << none << none << s("tcp://project:1") << all
                                               << s("project") << s("tcp://project:1") << false;
    QTest::newRow("DOCKER_HOST beats contexts") << none << none << none << all
                                                << s("DOCKER_HOST") << s("tcp://env-host:2375") << false;
    QTest::newRow("DOCKER_CONTEXT beats currentContext") << none << none << none << QStringList{s("DOCKER_CONFIG=@"), s("DOCKER_CONTEXT=tls-ctx")}
                                                         << s("context tls-ctx") << s("tcp://secure-host:2376") << true;
    QTest::newRow("config.json currentContext") << none << none << none << QStringList{s("DOCKER_CONFIG=@")}
                                                << s("context remote") << s("tcp://build-host:2375") << false;
    QTest::newRow("DOCKER_CONTEXT=default") << none << none << none << QStringList{s("DOCKER_CONFIG=@"), s("DOCKER_CONTEXT=default")}
                                            << s("default") << s("unix:///var/run/docker.sock") << false;
    QTest::newRow("nothing set") << none << none << none << QStringList{s("DOCKER_CONFIG=/nonexistent/docker-config")}
                                 << s("default") << s("unix:///var/run/docker.sock") << false;
    QTest::newRow("HOME/.docker when no DOCKER_CONFIG") << none << none << none << QStringList{s("HOME=@home")}
                                                        << s("context remote") << s("tcp://build-host:2375") << false;
    QTest::newRow("empty DOCKER_HOST ignored") << none << none << none << QStringList{s("DOCKER_CONFIG=@"), s("DOCKER_HOST=")}
                                               << s("context remote") << s("tcp://build-host:2375") << false;
    QTest::newRow("DOCKER_TLS_VERIFY: TLS, default port 2376") << none << none << none
                                                               << QStringList{s("DOCKER_HOST=tcp://env-host"), s("DOCKER_TLS_VERIFY=1"), s("DOCKER_CERT_PATH=/certs")}
                                                               << s("DOCKER_HOST") << s("tcp://env-host:2376") << true;
    QTest::newRow("DOCKER_TLS_VERIFY=0 still means TLS") << none << none << none
                                                         << QStringList{s("DOCKER_HOST=tcp://env-host:2376"), s("DOCKER_TLS_VERIFY=0")}
                                                         << s("DOCKER_HOST") << s("tcp://env-host:2376") << true;
    QTest::newRow("DOCKER_TLS_VERIFY empty: no TLS") << none << none << none
                                                     << QStringList{s("DOCKER_HOST=tcp://env-host"), s("DOCKER_TLS_VERIFY=")}
                                                     << s("DOCKER_HOST") << s("tcp://env-host:2375") << false;
    QTest::newRow("DOCKER_TLS_VERIFY applies to --host") << s("tcp://cli-host") << none << none
                                                         << QStringList{s("DOCKER_TLS_VERIFY=1")}
                                                         << s("--host") << s("tcp://cli-host:2376") << true;
    QTest::newRow("DOCKER_TLS_VERIFY not for unix") << none << none << none
                                                    << QStringList{s("DOCKER_HOST=unix:///tmp/x.sock"), s("DOCKER_TLS_VERIFY=1")}
                                                    << s("DOCKER_HOST") << s("unix:///tmp/x.sock") << false;
}

void TestEngineEndpoint::resolve()
{
    QFETCH(QString, cliHost);
    QFETCH(QString, cliContext);
    QFETCH(QString, projectEngine);
    QFETCH(QStringList, env);
    QFETCH(QString, source);
    QFETCH(QString, endpoint);
    QFETCH(bool, tls);

    // a private HOME whose .docker is the test's config folder (for the HOME row); no inherited DOCKER_*
    const QString home = m_dir.filePath(QStringLiteral("home"));
    QDir().mkpath(home);
    QFile::link(m_config, home + QStringLiteral("/.docker"));

    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("empty-home")));
    for (const QString &entry : env) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        QString value = entry.mid(eq + 1);
        if (value == QStringLiteral("@"))
            value = m_config;
        else if (value == QStringLiteral("@home"))
            value = home;
        environment.insert(entry.left(eq), value);
    }

    QString error;
    const auto resolved = EngineEndpointResolver::resolve(cliHost, cliContext, projectEngine, environment, &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->source, source);
    QCOMPARE(resolved->toString(), endpoint);
    QCOMPARE(resolved->tls, tls);
    if (environment.contains(QStringLiteral("DOCKER_TLS_VERIFY")) && tls) {
        QVERIFY(resolved->tlsVerify);
        const QString certPath = environment.value(QStringLiteral("DOCKER_CERT_PATH"),
                                                   m_dir.filePath(QStringLiteral("empty-home")) + QStringLiteral("/.docker"));
        QCOMPARE(resolved->caFile, certPath + QStringLiteral("/ca.pem"));
        QCOMPARE(resolved->certFile, certPath + QStringLiteral("/cert.pem"));
        QCOMPARE(resolved->keyFile, certPath + QStringLiteral("/key.pem"));
    }
}

void TestEngineEndpoint::resolveErrors_data()
{
    QTest::addColumn<QString>("cliHost");
    QTest::addColumn<QString>("cliContext");
    QTest::addColumn<QString>("projectEngine");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("message");

    const QString none;
    QTest::newRow("bad --host") << s("ssh://me@host") << none << none << QStringList{} << s("--host: engine host \"ssh://me@host\": ssh:// is not supported yet");
    QTest::newRow("unknown --context") << none << s("nope") << none << QStringList{s("DOCKER_CONFIG=@")} << s("--context nope: context \"nope\" does not exist");
    QTest::newRow("bad project engine") << none << none << s("tcp://host:99999") << QStringList{} << s("project: ");
    QTest::newRow("bad DOCKER_HOST: no fallback") << none << none << none << QStringList{s("DOCKER_CONFIG=@"), s("DOCKER_HOST=npipe:////./pipe/x")} << s("DOCKER_HOST: ");
    QTest::newRow("unknown DOCKER_CONTEXT") << none << none << none << QStringList{s("DOCKER_CONFIG=@"), s("DOCKER_CONTEXT=gone")} << s("context gone: context \"gone\" does not exist");
    QTest::newRow("broken context") << none << s("broken") << none << QStringList{s("DOCKER_CONFIG=@")} << s("invalid JSON");
}

void TestEngineEndpoint::resolveErrors()
{
    QFETCH(QString, cliHost);
    QFETCH(QString, cliContext);
    QFETCH(QString, projectEngine);
    QFETCH(QStringList, env);
    QFETCH(QString, message);

    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("empty-home")));
    for (const QString &entry : env) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        const QString value = entry.mid(eq + 1);
        environment.insert(entry.left(eq), value == QStringLiteral("@") ? m_config : value);
    }
    QString error;
    QVERIFY(!EngineEndpointResolver::resolve(cliHost, cliContext, projectEngine, environment, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestEngineEndpoint)
#include "tst_engineendpoint.moc"
