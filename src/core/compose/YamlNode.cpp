#include "compose/YamlNode.h"

#include <algorithm>

namespace stagehand {

YamlNode YamlNode::scalar(QString value, SourceLocation where, bool quoted)
{
    YamlNode node;
    node.m_kind = Kind::Scalar;
    node.m_text = std::move(value);
    node.m_location = std::move(where);
    node.m_quoted = quoted;
    return node;
}

YamlNode YamlNode::sequence(SourceLocation where)
{
    YamlNode node;
    node.m_kind = Kind::Sequence;
    node.m_location = std::move(where);
    return node;
}

YamlNode YamlNode::mapping(SourceLocation where)
{
    YamlNode node;
    node.m_kind = Kind::Mapping;
    node.m_location = std::move(where);
    return node;
}

QString YamlNode::kindName() const
{
    switch (m_kind) {
    case Kind::Null: return QStringLiteral("null");
    case Kind::Scalar: return QStringLiteral("a scalar");
    case Kind::Sequence: return QStringLiteral("a list");
    case Kind::Mapping: return QStringLiteral("a mapping");
    }
    return {};
}

const YamlNode::Entry *YamlNode::findEntry(QStringView key) const
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.key == key; });
    return it == m_entries.end() ? nullptr : &*it;
}

const YamlNode *YamlNode::find(QStringView key) const
{
    const Entry *entry = findEntry(key);
    return entry ? &entry->value : nullptr;
}

YamlNode *YamlNode::find(QStringView key)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.key == key; });
    return it == m_entries.end() ? nullptr : &it->value;
}

void YamlNode::insert(const QString &key, YamlNode value, SourceLocation keyLocation)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.key == key; });
    if (it != m_entries.end()) {
        it->value = std::move(value);
        if (keyLocation.isValid()) // the key is now where it was last set
            it->keyLocation = std::move(keyLocation);
        return;
    }
    m_entries.push_back({key, std::move(keyLocation), std::move(value)});
}

bool YamlNode::remove(QStringView key)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.key == key; });
    if (it == m_entries.end())
        return false;
    m_entries.erase(it);
    return true;
}

} // namespace stagehand
