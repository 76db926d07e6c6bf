#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace stagehand {

// Makes a container's inspect answer safe to show: the value of every environment entry whose
// name looks secret (SecretRegistry::isSecretName) is replaced by Mask, and every string anywhere
// has the secret values the SecretRegistry knows redacted.
class InspectMasker {
public:
    static QString mask() { return QStringLiteral("********"); }

    // "NAME=value" -> "NAME=********" for a secret-looking NAME, else with known secrets redacted.
    static QString maskEnvironmentEntry(const QString &entry);
    static QJsonObject maskInspect(const QJsonObject &inspect);

private:
    static QJsonValue redactValue(const QJsonValue &value);
};

} // namespace stagehand
