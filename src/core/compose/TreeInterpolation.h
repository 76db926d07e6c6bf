#pragma once

#include "compose/Interpolator.h"
#include "compose/YamlNode.h"
#include "util/Diagnostic.h"

#include <QSet>

namespace stagehand {

// Applies Compose interpolation to every scalar value of a YAML tree (keys are left alone, as
// Compose does). Errors (`${VAR:?msg}` unset, malformed expressions) name the value's location;
// variables that are unset and have no default become "" and are reported once each as warnings.
class TreeInterpolation {
public:
    explicit TreeInterpolation(Interpolator interpolator);

    void apply(YamlNode &root, Diagnostics &diagnostics);

    // Every variable the tree refers to (for lint: "used but never defined").
    const QStringList &referenced() const { return m_referenced; }

private:
    void visit(YamlNode &node, Diagnostics &diagnostics);

    Interpolator m_interpolator;
    QStringList m_referenced;
    QSet<QString> m_seen;
    QSet<QString> m_warnedUnset;
};

} // namespace stagehand
