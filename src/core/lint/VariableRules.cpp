#include "lint/VariableRules.h"

#include "lint/LintRule.h"

#include <QRegularExpression>

namespace stagehand {
namespace {

struct Use {
    QString name;
    QString service; // empty outside services
    SourceLocation location;
    int count = 0;
};

// The column of the first "$NAME" or "${NAME" in a scalar (not "$$NAME", which is no reference).
SourceLocation useLocation(const YamlNode &node, const QString &name)
{
    SourceLocation where = node.location();
    if (node.textColumn() <= 0)
        return where;
    const QRegularExpression pattern(QStringLiteral("\\$\\{?%1(?![A-Za-z0-9_])").arg(QRegularExpression::escape(name)));
    const QString &text = node.text();
    for (QRegularExpressionMatchIterator it = pattern.globalMatch(text); it.hasNext();) {
        const qsizetype at = it.next().capturedStart();
        qsizetype dollars = 0;
        for (qsizetype i = at - 1; i >= 0 && text.at(i) == u'$'; --i)
            ++dollars;
        if (dollars % 2 == 0) {
            where.column = node.textColumn() + int(at);
            break;
        }
    }
    return where;
}

class UseCollector {
public:
    explicit UseCollector(const LintContext &context)
        : m_interpolator([&context](const QString &name) { return context.lookup(name); })
    {
    }

    void visit(const YamlNode &node, const QString &service)
    {
        switch (node.kind()) {
        case YamlNode::Kind::Null:
            return;
        case YamlNode::Kind::Sequence:
            for (const YamlNode &item : node.items())
                visit(item, service);
            return;
        case YamlNode::Kind::Mapping:
            for (const YamlNode::Entry &entry : node.entries())
                visit(entry.value, service);
            return;
        case YamlNode::Kind::Scalar:
            break;
        }
        if (!node.text().contains(u'$'))
            return;
        const Interpolator::Result result = m_interpolator.interpolate(node.text());
        if (!result.ok)
            return; // ${NAME:?message} unset, or malformed: the loader's error
        for (const QString &name : result.unset) {
            auto same = std::find_if(m_uses.begin(), m_uses.end(), [&](const Use &use) { return use.name == name; });
            if (same == m_uses.end())
                m_uses.append({name, service, useLocation(node, name), 1});
            else
                ++same->count;
        }
    }

    // Per file: the root's services are visited with their names, the rest without.
    void visitFile(const YamlNode &root)
    {
        if (!root.isMapping()) {
            visit(root, {});
            return;
        }
        for (const YamlNode::Entry &entry : root.entries()) {
            if (entry.key == QLatin1String("services") && entry.value.isMapping()) {
                for (const YamlNode::Entry &service : entry.value.entries())
                    visit(service.value, service.key);
            } else {
                visit(entry.value, {});
            }
        }
    }

    QList<Use> take() { return std::exchange(m_uses, {}); }

private:
    Interpolator m_interpolator;
    QList<Use> m_uses;
};

} // namespace

void VariableRules::undefinedVariables(const LintContext &context, Diagnostics &findings)
{
    const LintEnvFile *envFile = context.interpolationEnvFile();
    const QString setIn = envFile ? QStringLiteral("neither in %1 nor in the shell").arg(context.displayPath(envFile->path))
                                  : QStringLiteral("not in the shell (the environment has no env file)");
    UseCollector collector(context);
    for (const LintContext::ComposeFile &file : context.composeFiles()) {
        collector.visitFile(file.root);
        for (const Use &use : collector.take()) {
            QString message = QStringLiteral("${%1} is used without a default but set %2: Compose puts an empty string here")
                                  .arg(use.name, setIn);
            if (use.count > 1)
                message += QStringLiteral(" (and in %1 more place%2 of this file)").arg(use.count - 1).arg(use.count > 2 ? QStringLiteral("s") : QString());
            const QString where = envFile ? context.displayPath(envFile->path) : QStringLiteral("the shell");
            findings.append(LintRule::finding(Diagnostic::Severity::Warning, LintRule::variableUndefined(), use.location, use.service,
                message,
                QStringLiteral("set %1 in %2, give it a default (${%1:-value}), or make it required (${%1:?why}) so a missing "
                               "value stops the deploy").arg(use.name, where)));
        }
    }
    // The env files' own uses: their parser's warnings.
    for (const LintEnvFile &file : context.envFiles()) {
        for (const Diagnostic &d : file.diagnostics) {
            if (d.severity != Diagnostic::Severity::Warning)
                continue;
            findings.append(LintRule::finding(Diagnostic::Severity::Warning, LintRule::variableUndefined(), d.location, {}, d.message,
                QStringLiteral("set the variable earlier in this file or in the shell, or give it a default (${NAME:-value})")));
        }
    }
}

} // namespace stagehand
