#include "LintCommand.h"

#include "ExitCode.h"
#include "lint/LintFixer.h"
#include "lint/LintJson.h"
#include "lint/Linter.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QJsonDocument>

namespace stagehand::cli {
namespace {

QString plural(qsizetype count, const QString &noun)
{
    return QString::number(count) + u' ' + noun + (count == 1 ? QString() : QStringLiteral("s"));
}

QString locationText(const SourceLocation &where, const QString &projectDirectory)
{
    SourceLocation shown = where;
    shown.file = LintJson::displayPath(where.file, projectDirectory);
    return shown.toString();
}

} // namespace

void LintCommand::addOptions(QCommandLineParser &parser)
{
    addProjectOptions(
        parser,
        QStringLiteral("Lint this environment (shared secrets are still compared with the others); default: every environment."),
        {QStringLiteral("text"), QStringLiteral("json")});
}

int LintCommand::run(const QCommandLineParser &parser)
{
    int failure = ExitCode::Success;
    const std::optional<ProjectArguments> arguments = projectArguments(parser, &failure);
    if (!arguments)
        return failure;
    const Project &project = arguments->project;
    const QString &format = arguments->format;
    const QString &focus = arguments->environment;

    // Every environment is resolved: secret-reused compares the linted one with the others.
    Diagnostics problems = arguments->diagnostics;
    QHash<QString, ResolvedEnvironment> environments;
    const EnvironmentResolver resolver;
    QStringList linted;
    for (const EnvironmentSpec &spec : project.environments) {
        ResolvedEnvironment resolved = resolver.resolve(project, spec);
        if (focus.isEmpty() || focus == spec.name) {
            linted.append(spec.name);
            // Load errors are problems; the loader's warnings (variables not set) are findings of variable-undefined.
            for (const Diagnostic &d : std::as_const(resolved.diagnostics)) {
                if (d.severity == Diagnostic::Severity::Error)
                    problems.append(d);
            }
        } else if (!resolved.model) {
            m_err << "lint: note: environment '" << spec.name
                  << "' does not load; only its env file is compared for shared secrets" << Qt::endl;
        }
        environments.insert(spec.name, std::move(resolved));
    }
    int code = report(problems);

    const Diagnostics findings = Linter().lintProject(project, environments, focus);
    QList<std::optional<LintFix>> fixes;
    for (const Diagnostic &finding : findings) {
        std::optional<LintFix> fix;
        for (const QString &name : std::as_const(linted)) {
            const ResolvedEnvironment &resolved = *environments.constFind(name);
            if (resolved.model && (fix = LintFixer::fixFor(finding, *resolved.model)))
                break;
        }
        fixes.append(fix);
    }

    qsizetype errors = 0;
    qsizetype warnings = 0;
    qsizetype infos = 0;
    for (const Diagnostic &finding : findings) {
        switch (finding.severity) {
        case Diagnostic::Severity::Error:
            ++errors;
            break;
        case Diagnostic::Severity::Warning:
            ++warnings;
            break;
        case Diagnostic::Severity::Info:
            ++infos;
            break;
        }
    }

    if (format == QLatin1String("json")) {
        m_out << QString::fromUtf8(
            QJsonDocument(LintJson::toJson(findings, fixes, project.directory)).toJson(QJsonDocument::Indented));
    } else {
        for (qsizetype i = 0; i < findings.size(); ++i) {
            const Diagnostic &finding = findings.at(i);
            m_out << locationText(finding.location, project.directory) << ": " << severityName(finding.severity) << ": "
                  << finding.message << " [" << finding.rule << "]\n";
            if (!finding.hint.isEmpty())
                m_out << "    hint: " << finding.hint << '\n';
            if (const std::optional<LintFix> &fix = fixes.at(i)) {
                m_out << "    fix: " << fix->description << ": at " << fix->line << ':' << fix->column << ", ";
                if (fix->oldText.isEmpty())
                    m_out << "insert \"" << QString(fix->newText).replace(u'\n', QStringLiteral("\\n")) << "\"\n";
                else
                    m_out << "replace \"" << fix->oldText << "\" with \"" << fix->newText << "\"\n";
            }
        }
        const QString where = linted.join(QStringLiteral(", "));
        if (findings.isEmpty()) {
            m_out << "No findings in " << where << ".\n";
        } else {
            m_out << '\n'
                  << plural(findings.size(), QStringLiteral("finding")) << " in " << where << ": "
                  << plural(errors, QStringLiteral("error")) << ", " << plural(warnings, QStringLiteral("warning")) << ", "
                  << plural(infos, QStringLiteral("info")) << ".\n";
        }
    }
    m_out.flush();

    if (errors > 0)
        code = ExitCode::Failed;
    else if (warnings > 0 && code == ExitCode::Success)
        code = ExitCode::WarningsOnly;
    return code;
}

} // namespace stagehand::cli
