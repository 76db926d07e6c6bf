#pragma once

#include <QMap>
#include <QMutex>
#include <QSet>
#include <QString>

namespace stagehand {

// The secret values Stagehand has seen (passwords, tokens, keys from env files and service
// environments), so that every log line can be scrubbed of them before it is written.
class SecretRegistry final {
public:
    static SecretRegistry &instance();

    // True for names such as POSTGRES_PASSWORD, JWT_SECRET_KEY, API_TOKEN, GF_SECURITY_ADMIN_PASSWORD.
    static bool isSecretName(const QString &name);

    void registerVariable(const QString &name, const QString &value);
    void registerVariables(const QMap<QString, QString> &variables);
    void registerSecret(const QString &value);
    // The text with every registered secret value replaced by "********".
    QString redact(const QString &text) const;
    std::string redact(const std::string &utf8) const;
    void clear();

    static constexpr qsizetype MinimumLength = 4; // shorter values would scrub ordinary words

private:
    SecretRegistry() = default;
    mutable QMutex m_mutex;
    QSet<QString> m_values;
};

} // namespace stagehand
