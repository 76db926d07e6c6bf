#pragma once

#include "util/SourceLocation.h"

#include <QString>

#include <vector>

namespace stagehand {

// A YAML document as Compose sees it, with the source location of every node and key.
// yaml-cpp's own nodes share structure and cannot be rewritten safely, so the loader copies
// a document into this tree once, applies merge keys there, interpolates, and merges overrides.
class YamlNode {
public:
    enum class Kind { Null, Scalar, Sequence, Mapping };

    struct Entry;

    YamlNode() = default;
    static YamlNode scalar(QString value, SourceLocation where = {}, bool quoted = false);
    static YamlNode sequence(SourceLocation where = {});
    static YamlNode mapping(SourceLocation where = {});

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::Null; }
    bool isScalar() const { return m_kind == Kind::Scalar; }
    bool isSequence() const { return m_kind == Kind::Sequence; }
    bool isMapping() const { return m_kind == Kind::Mapping; }
    // "null", "a string", "a list", "a mapping": for messages.
    QString kindName() const;

    const SourceLocation &location() const { return m_location; }
    void setLocation(SourceLocation where) { m_location = std::move(where); }

    // Scalars. "Quoted" means written in a non-plain style ('x', "x", |, >): never a number or bool.
    const QString &text() const { return m_text; }
    // Replacing the text also forgets textColumn(): the new text is no longer what the file says.
    void setText(QString text)
    {
        m_text = std::move(text);
        m_textColumn = 0;
    }
    bool isQuoted() const { return m_quoted; }
    // The 1-based column where text() starts in the file when the file holds it verbatim on one line
    // (a plain or quoted scalar without escapes or folding), so a position inside the text is a
    // position in the file; 0 when it is not.
    int textColumn() const { return m_textColumn; }
    void setTextColumn(int column) { m_textColumn = column; }
    // The YAML tag when one was written explicitly (e.g. "!reset", "!override"), else empty.
    const QString &tag() const { return m_tag; }
    void setTag(QString tag) { m_tag = std::move(tag); }

    // Sequences.
    const std::vector<YamlNode> &items() const { return m_items; }
    std::vector<YamlNode> &items() { return m_items; }
    void append(YamlNode item) { m_items.push_back(std::move(item)); }

    // Mappings, in document order; keys are unique once loaded.
    const std::vector<Entry> &entries() const { return m_entries; }
    std::vector<Entry> &entries() { return m_entries; }
    const YamlNode *find(QStringView key) const;
    YamlNode *find(QStringView key);
    const Entry *findEntry(QStringView key) const;
    bool contains(QStringView key) const { return find(key) != nullptr; }
    // Sets key to value, replacing an existing entry in place (and its key location, when one is
    // given) or appending a new one.
    void insert(const QString &key, YamlNode value, SourceLocation keyLocation = {});
    bool remove(QStringView key);

private:
    Kind m_kind = Kind::Null;
    SourceLocation m_location;
    QString m_text;
    QString m_tag;
    bool m_quoted = false;
    int m_textColumn = 0;
    std::vector<YamlNode> m_items;
    std::vector<Entry> m_entries;
};

struct YamlNode::Entry {
    QString key;
    SourceLocation keyLocation;
    YamlNode value;
};

} // namespace stagehand
