#pragma once

#include "util/SourceLocation.h"

#include <QList>
#include <QString>

namespace stagehand {

// One finding about the user's files: an error that stops loading, or a warning that does not.
struct Diagnostic {
    enum class Severity { Error, Warning, Info };

    Severity severity = Severity::Error;
    SourceLocation location;
    QString message;
    // Set by analyses (lint, ports): which rule found it, the service concerned, how to fix it.
    QString rule;
    QString service;
    QString hint;

    static Diagnostic make(Severity severity, SourceLocation where, QString what);
    static Diagnostic error(SourceLocation where, QString what) { return make(Severity::Error, std::move(where), std::move(what)); }
    static Diagnostic warning(SourceLocation where, QString what) { return make(Severity::Warning, std::move(where), std::move(what)); }
    static Diagnostic info(SourceLocation where, QString what) { return make(Severity::Info, std::move(where), std::move(what)); }

    // "file:line:column: error: message"
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);
QString severityName(Diagnostic::Severity severity);

} // namespace stagehand
