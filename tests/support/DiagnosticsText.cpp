#include "DiagnosticsText.h"

#include <QStringList>

namespace stagehand::test {

QString DiagnosticsText::describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(QStringLiteral("    ") + d.toString());
    return lines.isEmpty() ? QStringLiteral("    (no diagnostics)") : lines.join(u'\n');
}

} // namespace stagehand::test
