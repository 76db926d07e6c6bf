#pragma once

#include <QString>

namespace stagehand {

// A place in a source file. Line and column are 1-based; 0 means "unknown".
struct SourceLocation {
    QString file;
    int line = 0;
    int column = 0;

    bool isValid() const { return !file.isEmpty(); }
    // "file:line:column", or as much of it as is known.
    QString toString() const;

    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

} // namespace stagehand
