#pragma once

#include <QString>

namespace stagehand::test {

// A throwaway PKI made with openssl for TLS tests: a CA, a server certificate for 127.0.0.1 (IP
// SAN, serverAuth) and a client certificate (clientAuth), both signed by the CA; EC P-256 keys,
// valid for two days. Files (PEM) in directory, named as the docker CLI's DOCKER_CERT_PATH wants
// the client's: ca.pem, cert.pem, key.pem; the server's are server-cert.pem and server-key.pem.
class TestCertificates {
public:
    explicit TestCertificates(QString directory);

    // Makes every file; false (see errorString()) on failure.
    bool create();

    QString directory() const { return m_dir; }
    QString caFile() const { return m_dir + QStringLiteral("/ca.pem"); }
    QString serverCertFile() const { return m_dir + QStringLiteral("/server-cert.pem"); }
    QString serverKeyFile() const { return m_dir + QStringLiteral("/server-key.pem"); }
    QString clientCertFile() const { return m_dir + QStringLiteral("/cert.pem"); }
    QString clientKeyFile() const { return m_dir + QStringLiteral("/key.pem"); }
    QString errorString() const { return m_error; }

private:
    bool openssl(const QStringList &arguments);
    bool signedCertificate(const QString &name, const QString &subject, const QString &extensions, const QString &certFile,
                           const QString &keyFile);

    QString m_dir;
    QString m_error;
};

} // namespace stagehand::test
