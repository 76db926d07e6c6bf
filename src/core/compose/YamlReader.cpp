#include "compose/YamlReader.h"

#include <QFile>
#include <QHash>

#include <yaml-cpp/yaml.h>

namespace stagehand {
namespace {

class Converter {
public:
    Converter(QString fileName, Diagnostics &diagnostics)
        : m_fileName(std::move(fileName))
        , m_diagnostics(diagnostics)
    {
    }

    std::optional<YamlNode> convert(const YAML::Node &node, int depth)
    {
        if (m_failed)
            return std::nullopt;
        if (depth > YamlReader::MaxDepth)
            return fail(node, QStringLiteral("the document nests deeper than %1 levels").arg(YamlReader::MaxDepth));
        if (++m_nodes > YamlReader::MaxNodes)
            return fail(node, QStringLiteral("the document expands to more than %1 nodes (aliases repeated too often?)")
                                  .arg(YamlReader::MaxNodes));

        const SourceLocation where = location(node.Mark());
        const QString tag = explicitTag(node);
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null: {
            YamlNode result;
            result.setLocation(where);
            result.setTag(tag);
            return result;
        }
        case YAML::NodeType::Scalar: {
            YamlNode result = YamlNode::scalar(QString::fromStdString(node.Scalar()), where, node.Tag() == "!");
            result.setTag(tag);
            return result;
        }
        case YAML::NodeType::Sequence: {
            YamlNode result = YamlNode::sequence(where);
            result.setTag(tag);
            for (const YAML::Node &item : node) {
                auto converted = convert(item, depth + 1);
                if (!converted)
                    return std::nullopt;
                result.append(std::move(*converted));
            }
            return result;
        }
        case YAML::NodeType::Map:
            return convertMap(node, depth, where, tag);
        }
        return std::nullopt;
    }

private:
    std::optional<YamlNode> convertMap(const YAML::Node &node, int depth, const SourceLocation &where, const QString &tag)
    {
        YamlNode result = YamlNode::mapping(where);
        result.setTag(tag);
        std::vector<YamlNode> merged; // mappings named by "<<", in priority order
        QHash<QString, SourceLocation> seen;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node &key = it->first;
            if (!key.IsScalar())
                return fail(key, QStringLiteral("a mapping key must be a plain string, not %1").arg(typeName(key)));
            const QString name = QString::fromStdString(key.Scalar());
            const SourceLocation keyWhere = location(key.Mark());
            const bool isMergeKey = name == QLatin1String("<<") && key.Tag() != "!";
            if (!isMergeKey) {
                if (auto previous = seen.constFind(name); previous != seen.cend())
                    return fail(key, QStringLiteral("duplicate key '%1' (first defined at line %2)").arg(name).arg(previous->line));
                seen.insert(name, keyWhere);
            }
            auto value = convert(it->second, depth + 1);
            if (!value)
                return std::nullopt;
            if (isMergeKey) {
                if (value->isMapping()) {
                    merged.push_back(std::move(*value));
                } else if (value->isSequence()) {
                    for (YamlNode &item : value->items()) {
                        if (!item.isMapping())
                            return fail(it->second, QStringLiteral("a merge key (<<) takes a mapping or a list of mappings, "
                                                                   "but this list holds %1").arg(item.kindName()));
                        merged.push_back(std::move(item));
                    }
                } else {
                    return fail(it->second, QStringLiteral("a merge key (<<) takes a mapping or a list of mappings, not %1")
                                                .arg(value->kindName()));
                }
                continue;
            }
            result.entries().push_back({name, keyWhere, std::move(*value)});
        }
        // Explicit keys win over merged ones; among merged mappings the first listed wins.
        for (YamlNode &source : merged) {
            for (YamlNode::Entry &entry : source.entries()) {
                if (!result.contains(entry.key))
                    result.entries().push_back(std::move(entry));
            }
        }
        return result;
    }

    static QString explicitTag(const YAML::Node &node)
    {
        const std::string &tag = node.Tag();
        if (tag.empty() || tag == "?" || tag == "!")
            return {};
        return QString::fromStdString(tag);
    }

    static QString typeName(const YAML::Node &node)
    {
        switch (node.Type()) {
        case YAML::NodeType::Sequence: return QStringLiteral("a list");
        case YAML::NodeType::Map: return QStringLiteral("a mapping");
        case YAML::NodeType::Null: return QStringLiteral("null");
        default: return QStringLiteral("a scalar");
        }
    }

    SourceLocation location(const YAML::Mark &mark) const
    {
        if (mark.is_null())
            return {m_fileName, 0, 0};
        return {m_fileName, mark.line + 1, mark.column + 1};
    }

    std::nullopt_t fail(const YAML::Node &node, QString message)
    {
        m_failed = true;
        m_diagnostics.append(Diagnostic::error(location(node.Mark()), std::move(message)));
        return std::nullopt;
    }

    QString m_fileName;
    Diagnostics &m_diagnostics;
    qsizetype m_nodes = 0;
    bool m_failed = false;
};

QString describeParserError(const std::string &raw)
{
    // yaml-cpp's messages are terse ("end of map not found"); say what the user most likely did.
    QString message = QString::fromStdString(raw);
    if (message.isEmpty())
        return QStringLiteral("invalid YAML");
    return QStringLiteral("invalid YAML: %1").arg(message);
}

} // namespace

std::optional<YamlNode> YamlReader::readFile(const QString &path, Diagnostics &diagnostics)
{
    QFile file(path);
    if (!file.exists()) {
        diagnostics.append(Diagnostic::error({path}, QStringLiteral("file not found")));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        diagnostics.append(Diagnostic::error({path}, QStringLiteral("cannot read the file: %1").arg(file.errorString())));
        return std::nullopt;
    }
    return readText(file.readAll(), path, diagnostics);
}

std::optional<YamlNode> YamlReader::readText(const QByteArray &utf8, const QString &fileName, Diagnostics &diagnostics)
{
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(utf8.toStdString());
    } catch (const YAML::Exception &e) {
        const SourceLocation where = e.mark.is_null() ? SourceLocation{fileName} : SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1};
        diagnostics.append(Diagnostic::error(where, describeParserError(e.msg)));
        return std::nullopt;
    }
    if (documents.empty())
        return YamlNode::mapping({fileName, 1, 1});
    if (documents.size() > 1) {
        const YAML::Mark mark = documents[1].Mark();
        diagnostics.append(Diagnostic::error({fileName, mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1},
                                             QStringLiteral("a Compose file holds one YAML document, this one has %1")
                                                 .arg(documents.size())));
        return std::nullopt;
    }
    try {
        Converter converter(fileName, diagnostics);
        return converter.convert(documents.front(), 0);
    } catch (const YAML::Exception &e) {
        diagnostics.append(Diagnostic::error({fileName, e.mark.line + 1, e.mark.column + 1}, describeParserError(e.msg)));
        return std::nullopt;
    }
}

} // namespace stagehand
