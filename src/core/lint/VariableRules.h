#pragma once

#include "lint/LintContext.h"
#include "util/Diagnostic.h"

namespace stagehand {

// variable-undefined: ${NAME} or $NAME used in a compose file without a default (${NAME:-x},
// ${NAME-x}) while neither the shell nor the environment's env file sets it, so Compose puts an
// empty string there; and variables an env file uses but nothing sets. One finding per variable
// and file, at its first use there, counting the others.
class VariableRules {
public:
    static void undefinedVariables(const LintContext &context, Diagnostics &findings);
};

} // namespace stagehand
