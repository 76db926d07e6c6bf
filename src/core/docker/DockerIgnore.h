#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace stagehand {

// The patterns of a build context's .dockerignore, matched as the docker CLI 20.10 does
// (fileutils.PatternMatcher): one pattern a line, '#' lines and blank lines skipped, surrounding
// spaces trimmed, a leading '!' makes an exception (re-includes), paths are cleaned (a leading '/'
// or "./" and trailing '/' dropped). '*' matches within one path component, '?' one character, '**'
// any number of components, [...] a character class, '\' escapes. A pattern also matches everything
// under a directory it matches. The last matching pattern decides.
class DockerIgnore {
public:
    DockerIgnore() = default;
    explicit DockerIgnore(const QStringList &patterns);
    // The text of a .dockerignore file.
    static DockerIgnore parse(const QByteArray &text);

    // path relative to the context root, with '/' separators ("src/main.cpp").
    bool isExcluded(const QString &path) const;
    // Whether any exception ('!') pattern exists: an excluded directory must then still be walked.
    bool hasExceptions() const { return m_hasExceptions; }
    bool isEmpty() const { return m_patterns.isEmpty(); }
    QStringList patterns() const;

private:
    struct Pattern {
        QString text;
        bool exception = false;
        int components = 0;
        QRegularExpression regex;
    };
    static QString clean(const QString &path);
    static QRegularExpression toRegex(const QString &pattern);

    QList<Pattern> m_patterns;
    bool m_hasExceptions = false;
};

} // namespace stagehand
