#pragma once

#include "util/Diagnostic.h"

namespace stagehand::test {

// Diagnostics as an indented block for a failing assertion's message.
class DiagnosticsText {
public:
    static QString describe(const Diagnostics &diagnostics);
};

} // namespace stagehand::test
