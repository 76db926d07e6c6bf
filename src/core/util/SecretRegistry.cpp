#include "util/SecretRegistry.h"

#include <QMutexLocker>
#include <QRegularExpression>

#include <algorithm>

namespace stagehand {

SecretRegistry &SecretRegistry::instance()
{
    static SecretRegistry registry;
    return registry;
}

bool SecretRegistry::isSecretName(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("(PASSWORD|PASSWD|PASS$|SECRET|TOKEN|(^|_)KEY($|_)|PRIVATE|CREDENTIAL|API_?KEY|AUTH)"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch();
}

void SecretRegistry::registerVariable(const QString &name, const QString &value)
{
    if (isSecretName(name))
        registerSecret(value);
}

void SecretRegistry::registerVariables(const QMap<QString, QString> &variables)
{
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        registerVariable(it.key(), it.value());
}

void SecretRegistry::registerSecret(const QString &value)
{
    if (value.size() < MinimumLength)
        return;
    QMutexLocker lock(&m_mutex);
    m_values.insert(value);
}

QString SecretRegistry::redact(const QString &text) const
{
    QMutexLocker lock(&m_mutex);
    if (m_values.isEmpty())
        return text;
    // Longest first, so a secret that contains another is scrubbed whole.
    QList<QString> values(m_values.cbegin(), m_values.cend());
    std::sort(values.begin(), values.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    QString result = text;
    for (const QString &value : values)
        result.replace(value, QStringLiteral("********"));
    return result;
}

std::string SecretRegistry::redact(const std::string &utf8) const
{
    return redact(QString::fromStdString(utf8)).toStdString();
}

void SecretRegistry::clear()
{
    QMutexLocker lock(&m_mutex);
    m_values.clear();
}

} // namespace stagehand
