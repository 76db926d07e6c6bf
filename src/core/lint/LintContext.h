#pragma once

#include "compose/Interpolator.h"
#include "compose/YamlNode.h"
#include "model/Project.h"
#include "project/EnvironmentResolver.h"

#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace stagehand {

// One KEY=VALUE of an env file as written: the parsed value and the raw text after the separator.
struct LintEnvFileEntry {
    QString key;
    QString value;       // parsed (quotes, escapes, interpolation), as the loader reads it
    QString rawValue;    // the characters after '=' (or ':') on the key's line, blanks trimmed
    bool literal = true; // rawValue refers to no variable (single-quoted, or no $NAME / ${...})
    SourceLocation location; // the key's line; the column where the value starts
};

struct LintEnvFile {
    QString path; // absolute
    QList<LintEnvFileEntry> entries;
    Diagnostics diagnostics; // the parser's (warnings: variables used in the file but not set)
};

// One entry of a service's `environment` as a compose file writes it (list or mapping form).
struct LintEnvironmentValue {
    QString name;
    QString rawValue;     // uninterpolated
    bool hasValue = false; // false: `- NAME` / `NAME:` (taken from the shell)
    bool literal = true;   // rawValue refers to no variable
    SourceLocation location; // where the value's text starts when known, else the entry's
};

// What the rules of one environment look at: the resolved model, and the files as written (the
// compose files read again without interpolation, the env files line by line), so that a finding
// points at the characters that cause it. Built once per environment; read-only afterwards.
class LintContext {
public:
    LintContext(const Project &project, const ResolvedEnvironment &resolved, const QProcessEnvironment &shell);

    const Project &project() const { return m_project; }
    const ResolvedEnvironment &resolved() const { return m_resolved; }
    const QString &environment() const { return m_resolved.environment; }
    const ComposeModel *model() const { return m_resolved.model ? &*m_resolved.model : nullptr; }
    // dev, develop, development, local (any case): debug flags and demo secrets are expected there.
    bool isDevelopment() const { return m_development; }

    // The environment's compose files, read as written (merge keys applied, nothing interpolated).
    struct ComposeFile {
        QString path;
        YamlNode root;
    };
    const QList<ComposeFile> &composeFiles() const { return m_composeFiles; }
    // The services the rules look at: the model's, or every service the files name when it failed to load.
    QStringList services() const;

    // The environment's env file first, then every service's env_file, each once.
    const QList<LintEnvFile> &envFiles() const { return m_envFiles; }
    const LintEnvFile *envFile(const QString &path) const;
    // The interpolation env file (stagehand.yaml's env_file, a plain folder's .env); null if none.
    const LintEnvFile *interpolationEnvFile() const;

    // services.<service>.<key> in the last compose file that sets it, or null.
    const YamlNode *serviceValue(const QString &service, const QString &key) const;
    // A service's `environment` entries as the compose files write them, the last file's winning.
    QMap<QString, LintEnvironmentValue> composeEnvironment(const QString &service) const;

    // Where the value a service's container gets for `variable` is written: a literal in a compose
    // file, the line of the env file a ${reference} or env_file takes it from, or (from the shell)
    // the compose entry. *envFile is set when that place is an env file.
    SourceLocation valueOrigin(const QString &service, const QString &variable, bool *inEnvFile = nullptr) const;

    // A file as messages name it: relative to the project's folder when inside it.
    QString displayPath(const QString &file) const;
    // "file:line" for messages.
    QString displayLocation(const SourceLocation &where) const;

    // A variable as interpolation sees it: the shell's, else the env file's.
    std::optional<QString> lookup(const QString &name) const;
    const QProcessEnvironment &shell() const { return m_shell; }

    // True when the text refers to no variable as Compose interpolates it ($$ is not a reference).
    static bool isLiteral(const QString &text);
    static bool isDevelopmentName(const QString &environment);

private:
    void readComposeFiles();
    void readEnvFiles();
    static LintEnvFile readEnvFile(const QString &path, const Interpolator::Lookup &lookup);

    const Project &m_project;
    const ResolvedEnvironment &m_resolved;
    QProcessEnvironment m_shell;
    const EnvironmentSpec *m_spec = nullptr;
    bool m_development = false;
    QList<ComposeFile> m_composeFiles;
    QList<LintEnvFile> m_envFiles;
};

} // namespace stagehand
