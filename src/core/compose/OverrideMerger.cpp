#include "compose/OverrideMerger.h"

#include <QSet>

#include <algorithm>

namespace stagehand {
namespace {

const QSet<QString> &dictLikeKeys()
{
    static const QSet<QString> keys{QStringLiteral("environment"), QStringLiteral("labels"), QStringLiteral("annotations"),
                                    QStringLiteral("sysctls")};
    return keys;
}

const QSet<QString> &replacedKeys()
{
    static const QSet<QString> keys{QStringLiteral("command"), QStringLiteral("entrypoint")};
    return keys;
}

// "KEY=VALUE" list items as a mapping; "KEY" alone maps to null.
void listToDict(YamlNode &node)
{
    if (!node.isSequence())
        return;
    YamlNode dict = YamlNode::mapping(node.location());
    for (const YamlNode &item : node.items()) {
        if (!item.isScalar()) {
            return; // not the list form: leave it for the parser to report
        }
        const QString &text = item.text();
        const qsizetype eq = text.indexOf(QLatin1Char('='));
        if (eq < 0)
            dict.insert(text, YamlNode{}, item.location());
        else
            dict.insert(text.left(eq), YamlNode::scalar(text.mid(eq + 1), item.location(), true), item.location());
        if (eq < 0)
            dict.find(text)->setLocation(item.location());
    }
    dict.setTag(node.tag());
    node = std::move(dict);
}

void dependsOnToDict(YamlNode &node)
{
    if (!node.isSequence())
        return;
    YamlNode dict = YamlNode::mapping(node.location());
    for (const YamlNode &item : node.items()) {
        if (!item.isScalar())
            return;
        YamlNode entry = YamlNode::mapping(item.location());
        entry.insert(QStringLiteral("condition"), YamlNode::scalar(QStringLiteral("service_started"), item.location()));
        dict.insert(item.text(), std::move(entry), item.location());
    }
    dict.setTag(node.tag());
    node = std::move(dict);
}

void networksToDict(YamlNode &node)
{
    if (!node.isSequence())
        return;
    YamlNode dict = YamlNode::mapping(node.location());
    for (const YamlNode &item : node.items()) {
        if (!item.isScalar())
            return;
        YamlNode empty;
        empty.setLocation(item.location());
        dict.insert(item.text(), std::move(empty), item.location());
    }
    dict.setTag(node.tag());
    node = std::move(dict);
}

// The merge key of a volumes/devices entry: its container path.
QString mountKey(const YamlNode &item)
{
    if (item.isMapping()) {
        const YamlNode *target = item.find(u"target");
        return target && target->isScalar() ? target->text() : QString();
    }
    if (!item.isScalar())
        return {};
    const QStringList parts = item.text().split(QLatin1Char(':'));
    return parts.size() >= 2 ? parts.at(1) : parts.at(0);
}

QString fileReferenceKey(const YamlNode &item)
{
    if (item.isMapping()) {
        const YamlNode *source = item.find(u"source");
        return source && source->isScalar() ? source->text() : QString();
    }
    return item.isScalar() ? item.text() : QString();
}

bool sameScalar(const YamlNode &a, const YamlNode &b)
{
    return a.isScalar() && b.isScalar() && a.text() == b.text();
}

// Returns true when over replaced base as a whole (rather than merging into it).
bool mergeNode(YamlNode &base, const YamlNode &over, const QString &key, int depth);

void mergeKeyedList(YamlNode &base, const YamlNode &over, QString (*keyOf)(const YamlNode &))
{
    for (const YamlNode &item : over.items()) {
        const QString k = keyOf(item);
        bool replaced = false;
        if (!k.isEmpty()) {
            for (YamlNode &existing : base.items()) {
                if (keyOf(existing) == k) {
                    existing = item;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            base.append(item);
    }
}

// networks.*.ipam.config entries are one per subnet: an override's entry for a subnet replaces the
// base's (as Compose merges them), so repeating a network's definition does not double its pools.
QString ipamPoolKey(const YamlNode &item)
{
    const YamlNode *subnet = item.isMapping() ? item.find(u"subnet") : nullptr;
    return subnet && subnet->isScalar() ? subnet->text() : QString();
}

void appendUnique(YamlNode &base, const YamlNode &over)
{
    for (const YamlNode &item : over.items()) {
        bool present = false;
        for (const YamlNode &existing : base.items()) {
            if (sameScalar(existing, item)) {
                present = true;
                break;
            }
        }
        if (!present)
            base.append(item);
    }
}

void mergeMappings(YamlNode &base, const YamlNode &over, int depth)
{
    for (const YamlNode::Entry &entry : over.entries()) {
        if (entry.value.tag() == QLatin1String("!reset")) {
            base.remove(entry.key);
            continue;
        }
        auto existing = std::find_if(base.entries().begin(), base.entries().end(),
                                     [&](const YamlNode::Entry &e) { return e.key == entry.key; });
        if (existing == base.entries().end() || entry.value.tag() == QLatin1String("!override")) {
            base.insert(entry.key, entry.value, entry.keyLocation);
            continue;
        }
        // A value replaced whole was last set by this file: the key's location moves here. A merged one
        // (a service, its environment, ...) stays where it was first defined.
        if (mergeNode(existing->value, entry.value, entry.key, depth + 1))
            existing->keyLocation = entry.keyLocation;
    }
}

bool mergeNode(YamlNode &base, const YamlNode &over, const QString &key, int depth)
{
    if (base.kind() != over.kind() || over.isScalar() || over.isNull() || replacedKeys().contains(key)) {
        base = over;
        return true;
    }
    if (over.isMapping()) {
        // logging: a different driver replaces the whole section, as Compose does.
        if (key == QLatin1String("logging")) {
            const YamlNode *a = base.find(u"driver");
            const YamlNode *b = over.find(u"driver");
            if (a && b && !sameScalar(*a, *b)) {
                base = over;
                return true;
            }
        }
        mergeMappings(base, over, depth);
        return false;
    }
    // Sequences.
    if (key == QLatin1String("test")) {
        base = over;
        return true;
    }
    if (key == QLatin1String("volumes") || key == QLatin1String("devices")) {
        mergeKeyedList(base, over, &mountKey);
    } else if (key == QLatin1String("secrets") || key == QLatin1String("configs")) {
        mergeKeyedList(base, over, &fileReferenceKey);
    } else if (key == QLatin1String("config")) {
        mergeKeyedList(base, over, &ipamPoolKey);
    } else {
        appendUnique(base, over);
    }
    return false;
}

void normalizeService(YamlNode &service)
{
    if (!service.isMapping())
        return;
    for (YamlNode::Entry &entry : service.entries()) {
        if (dictLikeKeys().contains(entry.key))
            listToDict(entry.value);
        else if (entry.key == QLatin1String("depends_on"))
            dependsOnToDict(entry.value);
        else if (entry.key == QLatin1String("networks"))
            networksToDict(entry.value);
        else if (entry.key == QLatin1String("build") && entry.value.isMapping()) {
            if (YamlNode *args = entry.value.find(u"args"))
                listToDict(*args);
            if (YamlNode *labels = entry.value.find(u"labels"))
                listToDict(*labels);
        } else if (entry.key == QLatin1String("build") && entry.value.isScalar()) {
            YamlNode build = YamlNode::mapping(entry.value.location());
            build.insert(QStringLiteral("context"), entry.value, entry.value.location());
            entry.value = std::move(build);
        }
    }
}

} // namespace

void OverrideMerger::normalize(YamlNode &root)
{
    if (!root.isMapping())
        return;
    if (YamlNode *services = root.find(u"services"); services && services->isMapping()) {
        for (YamlNode::Entry &entry : services->entries())
            normalizeService(entry.value);
    }
    for (const char *section : {"networks", "volumes", "secrets", "configs"}) {
        YamlNode *definitions = root.find(QString::fromLatin1(section));
        if (!definitions || !definitions->isMapping())
            continue;
        for (YamlNode::Entry &entry : definitions->entries()) {
            if (YamlNode *labels = entry.value.isMapping() ? entry.value.find(u"labels") : nullptr)
                listToDict(*labels);
        }
    }
}

void OverrideMerger::merge(YamlNode &base, const YamlNode &override)
{
    if (!base.isMapping() || !override.isMapping()) {
        base = override;
        return;
    }
    mergeMappings(base, override, 0);
}

} // namespace stagehand
