#pragma once

#include "compose/ComposeSchema.h"
#include "compose/YamlNode.h"
#include "util/Diagnostic.h"

#include <QJsonValue>
#include <QMap>
#include <QStringList>

#include <chrono>
#include <optional>

namespace stagehand {

// Typed reads from a YamlNode with errors that say where and what was expected.
// Every reader reports into the same Diagnostics and returns nullopt (or an empty value) on error.
class ParseContext {
public:
    explicit ParseContext(Diagnostics &diagnostics)
        : m_diagnostics(diagnostics)
    {
    }

    void error(const SourceLocation &where, const QString &message) { m_diagnostics.append(Diagnostic::error(where, message)); }
    void warning(const SourceLocation &where, const QString &message) { m_diagnostics.append(Diagnostic::warning(where, message)); }
    Diagnostics &diagnostics() { return m_diagnostics; }

    // Reports keys the section does not allow; true when all are allowed.
    bool checkKeys(const YamlNode &mapping, ComposeSchema::Section section, const QString &context);

    bool expectMapping(const YamlNode &node, const QString &what);
    std::optional<QString> string(const YamlNode &node, const QString &what);
    std::optional<qint64> integer(const YamlNode &node, const QString &what, qint64 min, qint64 max);
    std::optional<bool> boolean(const YamlNode &node, const QString &what);
    std::optional<double> number(const YamlNode &node, const QString &what);
    std::optional<std::chrono::nanoseconds> duration(const YamlNode &node, const QString &what);
    std::optional<qint64> bytes(const YamlNode &node, const QString &what);
    std::optional<double> cpus(const YamlNode &node, const QString &what);
    // A string or a list of strings.
    std::optional<QStringList> stringOrList(const YamlNode &node, const QString &what);
    std::optional<QStringList> stringList(const YamlNode &node, const QString &what);
    // A command: a list, or a string split as a POSIX shell would.
    std::optional<QStringList> command(const YamlNode &node, const QString &what);
    // A mapping (values stringified) or a list of KEY=VALUE; a key with no value maps to nullopt.
    std::optional<QMap<QString, std::optional<QString>>> listOrDict(const YamlNode &node, const QString &what);
    QMap<QString, QString> stringMap(const YamlNode &node, const QString &what);

    // What a value is, for "found ..." in messages: a scalar quoted as written ('8080:80'), else its kind.
    static QString describe(const YamlNode &node);

    // The value as JSON, with plain scalars typed as YAML's core schema types them.
    static QJsonValue toJson(const YamlNode &node);

private:
    Diagnostics &m_diagnostics;
};

} // namespace stagehand
