#include "util/Diagnostic.h"

#include <algorithm>

namespace stagehand {

QString severityName(Diagnostic::Severity severity)
{
    switch (severity) {
    case Diagnostic::Severity::Error: return QStringLiteral("error");
    case Diagnostic::Severity::Warning: return QStringLiteral("warning");
    case Diagnostic::Severity::Info: return QStringLiteral("info");
    }
    return QStringLiteral("error");
}

Diagnostic Diagnostic::make(Severity severity, SourceLocation where, QString what)
{
    Diagnostic d;
    d.severity = severity;
    d.location = std::move(where);
    d.message = std::move(what);
    return d;
}

QString Diagnostic::toString() const
{
    const QString where = location.toString();
    if (where.isEmpty())
        return severityName(severity) + QStringLiteral(": ") + message;
    return where + QStringLiteral(": ") + severityName(severity) + QStringLiteral(": ") + message;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
}

} // namespace stagehand
