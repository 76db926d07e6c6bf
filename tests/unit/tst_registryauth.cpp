#include "docker/RegistryAuth.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>
#include <QtTest>

using stagehand::RegistryAuth;

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QByteArray b64(const char *text)
{
    return QByteArray(text).toBase64();
}

} // namespace

class TestRegistryAuth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registryOf_data();
    void registryOf();
    void hostnameOf_data();
    void hostnameOf();
    void headerFor_data();
    void headerFor();
    void headerIsBase64Url();
    void noConfigFolder();
    void buildConfigHeader();

private:
    QTemporaryDir m_dir;
};

void TestRegistryAuth::registryOf_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("registry");

    const QString hub = s("https://index.docker.io/v1/");
    QTest::newRow("official image") << s("nginx") << hub;
    QTest::newRow("official with tag") << s("nginx:1.25") << hub;
    QTest::newRow("official with digest") << s("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef") << hub;
    QTest::newRow("library explicit") << s("library/postgres:15") << hub;
    QTest::newRow("user repo") << s("stagehand/base:9c82fa042c9c1839") << hub;
    QTest::newRow("docker.io/library/x") << s("docker.io/library/redis:7") << hub;
    QTest::newRow("index.docker.io") << s("index.docker.io/me/app") << hub;
    QTest::newRow("registry-1.docker.io") << s("registry-1.docker.io/me/app") << hub;
    QTest::newRow("localhost:5000") << s("localhost:5000/x") << s("localhost:5000");
    QTest::newRow("localhost no port") << s("localhost/x:1") << s("localhost");
    QTest::newRow("domain") << s("ghcr.io/owner/image:tag") << s("ghcr.io");
    QTest::newRow("domain with port and deep path") << s("registry.example.com:8443/team/sub/image@sha256:abc") << s("registry.example.com:8443");
    QTest::newRow("ip and port") << s("10.0.0.7:5000/img") << s("10.0.0.7:5000");
    QTest::newRow("user with tag colon is not a registry") << s("me/app:1.0") << hub;
}

void TestRegistryAuth::registryOf()
{
    QFETCH(QString, reference);
    QFETCH(QString, registry);
    QCOMPARE(RegistryAuth::registryOf(reference), registry);
}

void TestRegistryAuth::hostnameOf_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::newRow("hub") << s("https://index.docker.io/v1/") << s("index.docker.io");
    QTest::newRow("http with path") << s("http://localhost:5000/v2/") << s("localhost:5000");
    QTest::newRow("bare") << s("ghcr.io") << s("ghcr.io");
    QTest::newRow("bare with path") << s("registry.example.com:8443/v2") << s("registry.example.com:8443");
}

void TestRegistryAuth::hostnameOf()
{
    QFETCH(QString, address);
    QFETCH(QString, host);
    QCOMPARE(RegistryAuth::hostnameOf(address), host);
}

void TestRegistryAuth::headerFor_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("username");       // empty: no header expected
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("serverAddress");
    QTest::addColumn<QString>("identityToken");
    QTest::addColumn<QString>("error");          // substring; empty: no error

    const QString hub = s("https://index.docker.io/v1/");
    const QString none;
    const QByteArray hubAuth = "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hubuser:hub:pass") + "\"}}}";

    QTest::newRow("hub auth, password with a colon") << hubAuth << s("docker.io/library/x") << s("hubuser") << s("hub:pass") << hub << none << none;
    QTest::newRow("hub auth for a short name") << hubAuth << s("postgres:15") << s("hubuser") << s("hub:pass") << hub << none << none;
    QTest::newRow("hub entry does not serve another registry") << hubAuth << s("ghcr.io/o/i") << none << none << none << none << none;
    QTest::newRow("localhost:5000 exact key")
        << QByteArray("{\"auths\":{\"localhost:5000\":{\"auth\":\"" + b64("dev:secret") + "\"}}}")
        << s("localhost:5000/x") << s("dev") << s("secret") << s("localhost:5000") << none << none;
    QTest::newRow("key with scheme and path matches the host")
        << QByteArray("{\"auths\":{\"http://localhost:5000/v2/\":{\"auth\":\"" + b64("dev:secret") + "\"}}}")
        << s("localhost:5000/team/x:2") << s("dev") << s("secret") << s("localhost:5000") << none << none;
    QTest::newRow("hub key without scheme")
        << QByteArray("{\"auths\":{\"index.docker.io\":{\"auth\":\"" + b64("u:p") + "\"}}}")
        << s("nginx") << s("u") << s("p") << hub << none << none;
    QTest::newRow("username and password fields")
        << QByteArray("{\"auths\":{\"ghcr.io\":{\"username\":\"octo\",\"password\":\"ghp_x\"}}}")
        << s("ghcr.io/octo/app") << s("octo") << s("ghp_x") << s("ghcr.io") << none << none;
    QTest::newRow("identity token")
        << QByteArray("{\"auths\":{\"myregistry.azurecr.io\":{\"auth\":\"" + b64("00000000-0000-0000-0000-000000000000:") + "\",\"identitytoken\":\"eyJ.token\"}}}")
        << s("myregistry.azurecr.io/app") << s("00000000-0000-0000-0000-000000000000") << QString() << s("myregistry.azurecr.io") << s("eyJ.token") << none;
    QTest::newRow("no auths") << QByteArray("{}") << s("nginx") << none << none << none << none << none;
    QTest::newRow("empty entry (left by a credential store)") << QByteArray("{\"auths\":{\"ghcr.io\":{}}}") << s("ghcr.io/a/b") << none << none << none << none << none;
    QTest::newRow("credsStore") << QByteArray("{\"auths\":{\"ghcr.io\":{}},\"credsStore\":\"desktop\"}") << s("ghcr.io/a/b")
                                << none << none << none << none << s("docker-credential-desktop");
    QTest::newRow("credHelpers for the registry")
        << QByteArray("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("u:p") + "\"}},\"credHelpers\":{\"ghcr.io\":\"gh\"}}")
        << s("ghcr.io/a/b") << none << none << none << none << s("docker-credential-gh");
    QTest::newRow("credHelpers for another registry")
        << QByteArray("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("u:p") + "\"}},\"credHelpers\":{\"123.dkr.ecr.eu-west-1.amazonaws.com\":\"ecr-login\"}}")
        << s("ghcr.io/a/b") << s("u") << s("p") << s("ghcr.io") << none << none;
    QTest::newRow("malformed JSON") << QByteArray("{\"auths\":") << s("nginx") << none << none << none << none << s("invalid JSON");
    QTest::newRow("auth not base64") << QByteArray("{\"auths\":{\"ghcr.io\":{\"auth\":\"%%%\"}}}") << s("ghcr.io/a") << none << none << none << none << s("not base64");
    QTest::newRow("auth without colon") << QByteArray("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("justuser") + "\"}}}") << s("ghcr.io/a") << none << none << none << none << s("user:password");
}

void TestRegistryAuth::headerFor()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, reference);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, serverAddress);
    QFETCH(QString, identityToken);
    QFETCH(QString, error);

    const QString dir = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    QVERIFY(QDir().mkpath(dir));
    QFile file(dir + QStringLiteral("/config.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config);
    file.close();

    QString message = QStringLiteral("stale");
    const QByteArray header = RegistryAuth::headerFor(reference, dir, &message);
    if (error.isEmpty())
        QVERIFY2(message.isEmpty(), qPrintable(message));
    else
        QVERIFY2(message.contains(error), qPrintable(message));

    if (username.isEmpty() && identityToken.isEmpty()) {
        QVERIFY(header.isEmpty());
        return;
    }
    const auto decoded = QByteArray::fromBase64Encoding(header, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(decoded);
    const QJsonObject json = QJsonDocument::fromJson(decoded.decoded).object();
    QCOMPARE(json.value(QStringLiteral("username")).toString(), username);
    QCOMPARE(json.value(QStringLiteral("password")).toString(), password);
    QCOMPARE(json.value(QStringLiteral("serveraddress")).toString(), serverAddress);
    QCOMPARE(json.contains(QStringLiteral("identitytoken")), !identityToken.isEmpty());
    QCOMPARE(json.value(QStringLiteral("identitytoken")).toString(), identityToken);
}

void TestRegistryAuth::headerIsBase64Url()
{
    // bytes like "~>?" give '+' and '/' in standard base64: the header must use '-' and '_' instead.
    const QString dir = m_dir.filePath(QStringLiteral("url"));
    QVERIFY(QDir().mkpath(dir));
    QFile file(dir + QStringLiteral("/config.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"auths\":{\"localhost:5000\":{\"username\":\"u\",\"password\":\"~>?~>?~>?\"}}}");
    file.close();
    const QByteArray header = RegistryAuth::headerFor(QStringLiteral("localhost:5000/x"), dir);
    QVERIFY(!header.isEmpty());
    QVERIFY2(!header.contains('+') && !header.contains('/'), header.constData());
    const QByteArray json = QByteArray::fromBase64(header, QByteArray::Base64UrlEncoding);
    QCOMPARE(QJsonDocument::fromJson(json).object().value(QStringLiteral("password")).toString(), QStringLiteral("~>?~>?~>?"));
    QVERIFY(json.toBase64().contains('+') || json.toBase64().contains('/')); // the case is meaningful
}

void TestRegistryAuth::noConfigFolder()
{
    QString error = QStringLiteral("stale");
    QVERIFY(RegistryAuth::headerFor(QStringLiteral("nginx"), m_dir.filePath(QStringLiteral("absent")), &error).isEmpty());
    QVERIFY(error.isEmpty());
}

void TestRegistryAuth::buildConfigHeader()
{
    const QString dir = m_dir.filePath(QStringLiteral("build-config"));
    QVERIFY(QDir().mkpath(dir));
    QFile file(dir + QStringLiteral("/config.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:one") + "\"},"
               "\"http://127.0.0.1:5000/v2/\":{\"auth\":\"" + b64("dev:two") + "\"},\"ghcr.io\":{}}}");
    file.close();
    QString error;
    const QByteArray header = RegistryAuth::buildConfigHeader(dir, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject registries = QJsonDocument::fromJson(QByteArray::fromBase64(header, QByteArray::Base64UrlEncoding)).object();
    QCOMPARE(registries.keys(), (QStringList{QStringLiteral("127.0.0.1:5000"), QStringLiteral("https://index.docker.io/v1/")}));
    const QJsonObject local = registries.value(QStringLiteral("127.0.0.1:5000")).toObject();
    QCOMPARE(local.value(QStringLiteral("username")).toString(), QStringLiteral("dev"));
    QCOMPARE(local.value(QStringLiteral("password")).toString(), QStringLiteral("two"));
    QCOMPARE(registries.value(QStringLiteral("https://index.docker.io/v1/")).toObject().value(QStringLiteral("password")).toString(),
             QStringLiteral("one"));
    QVERIFY(RegistryAuth::buildConfigHeader(m_dir.filePath(QStringLiteral("absent"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestRegistryAuth)
#include "tst_registryauth.moc"
