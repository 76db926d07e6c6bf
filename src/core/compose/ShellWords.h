#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace stagehand {

// Splits a command line into words as a POSIX shell would (quotes, backslashes), without expansion:
// what Compose does with a `command:` or `entrypoint:` given as a string.
class ShellWords {
public:
    // nullopt with *error set on an unterminated quote or trailing backslash.
    static std::optional<QStringList> split(QStringView text, QString *error = nullptr);
};

} // namespace stagehand
