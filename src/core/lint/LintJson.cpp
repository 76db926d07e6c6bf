#include "lint/LintJson.h"

#include <QDir>

namespace stagehand {

QString LintJson::displayPath(const QString &file, const QString &projectDirectory)
{
    if (projectDirectory.isEmpty() || file.isEmpty())
        return file;
    const QString relative = QDir(projectDirectory).relativeFilePath(file);
    return relative.startsWith(QLatin1String("../")) ? file : relative;
}

QJsonArray LintJson::toJson(const Diagnostics &findings, const QList<std::optional<LintFix>> &fixes, const QString &projectDirectory)
{
    QJsonArray array;
    for (qsizetype i = 0; i < findings.size(); ++i)
        array.append(toJson(findings.at(i), i < fixes.size() ? fixes.at(i) : std::nullopt, projectDirectory));
    return array;
}

QJsonObject LintJson::toJson(const Diagnostic &finding, const std::optional<LintFix> &fix, const QString &projectDirectory)
{
    return {{QStringLiteral("severity"), severityName(finding.severity)},
            {QStringLiteral("rule"), finding.rule},
            {QStringLiteral("file"), displayPath(finding.location.file, projectDirectory)},
            {QStringLiteral("line"), finding.location.line},
            {QStringLiteral("column"), finding.location.column},
            {QStringLiteral("service"), finding.service.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(finding.service)},
            {QStringLiteral("message"), finding.message},
            {QStringLiteral("hint"), finding.hint},
            {QStringLiteral("fix"), fix ? QJsonValue(toJson(*fix, projectDirectory)) : QJsonValue(QJsonValue::Null)}};
}

QJsonObject LintJson::toJson(const LintFix &fix, const QString &projectDirectory)
{
    return {{QStringLiteral("file"), displayPath(fix.file, projectDirectory)},
            {QStringLiteral("line"), fix.line},
            {QStringLiteral("column"), fix.column},
            {QStringLiteral("old_text"), fix.oldText},
            {QStringLiteral("new_text"), fix.newText},
            {QStringLiteral("description"), fix.description}};
}

} // namespace stagehand
