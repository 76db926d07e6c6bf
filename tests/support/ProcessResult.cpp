#include "ProcessResult.h"

namespace stagehand::test {

QStringList ProcessResult::lines() const
{
    QStringList result;
    const QStringList all = out().split(u'\n');
    for (const QString &line : all) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            result.append(trimmed);
    }
    return result;
}

QString ProcessResult::describe() const
{
    QString command = program;
    for (const QString &argument : arguments)
        command += u' ' + (argument.contains(u' ') ? u'\'' + argument + u'\'' : argument);
    QString status;
    if (!started)
        status = QStringLiteral("could not be started");
    else if (timedOut)
        status = QStringLiteral("timed out after %1 ms (killed)").arg(elapsedMs);
    else if (crashed)
        status = QStringLiteral("crashed after %1 ms").arg(elapsedMs);
    else
        status = QStringLiteral("exited with %1 after %2 ms").arg(exitCode).arg(elapsedMs);
    QString detail = err().trimmed();
    if (detail.isEmpty())
        detail = out().trimmed();
    if (detail.size() > 2000)
        detail = QStringLiteral("...") + detail.right(2000);
    return u'`' + command + QStringLiteral("` ") + status + (detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
}

} // namespace stagehand::test
