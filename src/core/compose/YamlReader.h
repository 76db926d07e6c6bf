#pragma once

#include "compose/YamlNode.h"
#include "util/Diagnostic.h"

#include <QString>

#include <optional>

namespace stagehand {

// Reads one YAML document into a YamlNode tree with file:line:column on every node.
// Applies YAML merge keys (<<), which yaml-cpp 0.7 does not, and rejects duplicate keys,
// non-scalar keys, more than one document and documents that expand past a size limit.
class YamlReader {
public:
    static std::optional<YamlNode> readFile(const QString &path, Diagnostics &diagnostics);
    // fileName is used only for locations in the tree and in diagnostics.
    static std::optional<YamlNode> readText(const QByteArray &utf8, const QString &fileName, Diagnostics &diagnostics);

    static constexpr int MaxDepth = 200;
    static constexpr qsizetype MaxNodes = 2'000'000;
};

} // namespace stagehand
