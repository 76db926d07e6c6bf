#include "TestCertificates.h"

#include "ProcessRunner.h"

#include <QDir>
#include <QFile>

namespace stagehand::test {

TestCertificates::TestCertificates(QString directory)
    : m_dir(std::move(directory))
{
}

bool TestCertificates::openssl(const QStringList &arguments)
{
    const ProcessResult result = ProcessRunner::run(QStringLiteral("openssl"), arguments, 60000);
    if (!result.ok()) {
        m_error = result.describe();
        return false;
    }
    return true;
}

bool TestCertificates::signedCertificate(const QString &name, const QString &subject, const QString &extensions,
                                         const QString &certFile, const QString &keyFile)
{
    const QString csr = m_dir + u'/' + name + QStringLiteral(".csr");
    const QString ext = m_dir + u'/' + name + QStringLiteral(".ext");
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly) || extFile.write(extensions.toUtf8()) < 0) {
        m_error = QStringLiteral("cannot write ") + ext;
        return false;
    }
    extFile.close();
    return openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), keyFile, QStringLiteral("-out"), csr, QStringLiteral("-subj"), subject}) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr, QStringLiteral("-CA"), caFile(),
                    QStringLiteral("-CAkey"), m_dir + QStringLiteral("/ca-key.pem"), QStringLiteral("-CAcreateserial"),
                    QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-out"), certFile, QStringLiteral("-extfile"),
                    ext});
}

bool TestCertificates::create()
{
    m_error.clear();
    if (!QDir().mkpath(m_dir)) {
        m_error = QStringLiteral("cannot make ") + m_dir;
        return false;
    }
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), m_dir + QStringLiteral("/ca-key.pem"), QStringLiteral("-out"), caFile(),
                    QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=stagehand test CA"), QStringLiteral("-addext"),
                    QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}) &&
           signedCertificate(QStringLiteral("server"), QStringLiteral("/CN=127.0.0.1"),
                             QStringLiteral("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                                            "keyUsage=critical,digitalSignature,keyEncipherment\n"),
                             serverCertFile(), serverKeyFile()) &&
           signedCertificate(QStringLiteral("client"), QStringLiteral("/CN=stagehand test client"),
                             QStringLiteral("extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n"),
                             clientCertFile(), clientKeyFile());
}

} // namespace stagehand::test
