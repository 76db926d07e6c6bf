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

    static Diagnostic error(SourceLocation where, QString what) { return {Severity::Error, std::move(where), std::move(what)}; }
    static Diagnostic warning(SourceLocation where, QString what) { return {Severity::Warning, std::move(where), std::move(what)}; }

    // "file:line:column: error: message"
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);
QString severityName(Diagnostic::Severity severity);

} // namespace stagehand
