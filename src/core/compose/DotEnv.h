#pragma once

#include "compose/Interpolator.h"
#include "util/Diagnostic.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringView>

namespace stagehand {

// One KEY=VALUE of a .env file, its value fully parsed (quotes, escapes, interpolation).
struct DotEnvEntry {
    QString key;
    QString value;
    int line = 0; // 1-based line of the key
};

struct DotEnvResult {
    // In file order. A key may appear more than once; the last one wins (see toMap()).
    QList<DotEnvEntry> entries;
    // Errors (bad lines, unterminated quotes, bad interpolation: those lines are skipped, the rest
    // is still read) and warnings (variables interpolated while unset), with file, line and column.
    Diagnostics diagnostics;

    QMap<QString, QString> toMap() const;
};

// Reads .env files the way Docker Compose v2 does (compose-go's dotenv package):
//   KEY=value            unquoted: leading/trailing whitespace dropped, " #..." (whitespace then '#')
//                        starts a comment; a '#' right after the '=' (or its blanks) is part of the value
//   export KEY=value     the "export " prefix is ignored
//   KEY: value           the YAML-like separator compose-go also accepts
//   KEY='value'          literal: no escapes (but \' for a quote), no interpolation; may span lines
//   KEY="value"          escapes \n \r \t \a \b \f \v \\ \" \$ (others kept as written), interpolation;
//                        may span lines
//   KEY=                 empty value
//   KEY                  no '=': the value of KEY from the outer lookup when set there, else no entry
//   # comment, blank lines
// Keys start with a letter or '_' and go on with letters, digits, '_', '.', '-', '[' and ']'.
// Unquoted and double-quoted values are interpolated ($VAR, ${VAR:-default}...) seeing the earlier
// keys of the same file first and then the outer lookup. Text is UTF-8; a BOM and CRLF line ends are fine.
class DotEnv {
public:
    static DotEnvResult parse(QStringView text, const QString &fileName, const Interpolator::Lookup &outer = {});
    // A missing or unreadable file gives one error naming the path.
    static DotEnvResult load(const QString &path, const Interpolator::Lookup &outer = {});
};

} // namespace stagehand
