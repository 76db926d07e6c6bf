#include "Command.h"

#include "ExitCode.h"

namespace stagehand::cli {

int Command::report(const Diagnostics &diagnostics)
{
    bool warnings = false;
    for (const Diagnostic &d : diagnostics) {
        m_err << d.toString() << Qt::endl;
        warnings = warnings || d.severity == Diagnostic::Severity::Warning;
    }
    if (hasErrors(diagnostics))
        return ExitCode::Failed;
    return warnings ? ExitCode::WarningsOnly : ExitCode::Success;
}

} // namespace stagehand::cli
