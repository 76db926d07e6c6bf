#pragma once

#include <QString>

namespace stagehand {

// A safe, mechanical repair of one finding: replace oldText, which starts at line:column of file,
// with newText (an empty oldText inserts). Lines and columns are 1-based, the column counting bytes
// as the loader's locations do. Offered only where the result is certain to mean what the hint says.
struct LintFix {
    QString file; // absolute
    int line = 0;
    int column = 0;
    QString oldText;
    QString newText;
    QString description; // what it does, in a sentence: "bind host port 5434 to 127.0.0.1"

    friend bool operator==(const LintFix &, const LintFix &) = default;
};

} // namespace stagehand
