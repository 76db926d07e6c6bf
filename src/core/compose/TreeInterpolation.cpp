#include "compose/TreeInterpolation.h"

namespace stagehand {

TreeInterpolation::TreeInterpolation(Interpolator interpolator)
    : m_interpolator(std::move(interpolator))
{
}

void TreeInterpolation::apply(YamlNode &root, Diagnostics &diagnostics)
{
    visit(root, diagnostics);
}

void TreeInterpolation::visit(YamlNode &node, Diagnostics &diagnostics)
{
    switch (node.kind()) {
    case YamlNode::Kind::Null:
        return;
    case YamlNode::Kind::Sequence:
        for (YamlNode &item : node.items())
            visit(item, diagnostics);
        return;
    case YamlNode::Kind::Mapping:
        for (YamlNode::Entry &entry : node.entries())
            visit(entry.value, diagnostics);
        return;
    case YamlNode::Kind::Scalar:
        break;
    }
    if (!node.text().contains(QLatin1Char('$')))
        return;
    const Interpolator::Result result = m_interpolator.interpolate(node.text());
    for (const QString &name : result.referenced) {
        if (!m_seen.contains(name)) {
            m_seen.insert(name);
            m_referenced.append(name);
        }
    }
    if (!result.ok) {
        SourceLocation where = node.location();
        // Point at the expression itself when the file holds the text verbatim on one line; a folded,
        // escaped or block scalar's offsets do not map to columns, so its start is the best place.
        if (node.textColumn() > 0 && result.errorOffset >= 0)
            where.column = node.textColumn() + int(result.errorOffset);
        diagnostics.append(Diagnostic::error(where, result.error));
        return;
    }
    for (const QString &name : result.unset) {
        if (m_warnedUnset.contains(name))
            continue;
        m_warnedUnset.insert(name);
        diagnostics.append(Diagnostic::warning(node.location(),
            QStringLiteral("the %1 variable is not set; defaulting to a blank string").arg(name)));
    }
    node.setText(result.value);
}

} // namespace stagehand
