#include "compose/YamlReader.h"

#include "compose/YamlSyntaxHints.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <sstream>

#include "util/YamlCpp.h"

#include <yaml-cpp/eventhandler.h>

namespace stagehand {
namespace {

// A problem found while building the tree (a duplicate key, a bad merge key, a limit): thrown out
// of the parser's callbacks to stop it, caught in readText.
struct BuildError {
    SourceLocation where;
    QString message;
};

// Builds YamlNode trees straight from yaml-cpp's parser events, one document at a time. (yaml-cpp's
// own node API is not used: YAML::LoadAll loops for ever, allocating, on some invalid input such as
// a line starting with ',', and the nodes it builds are copied here anyway.)
class Builder final : public YAML::EventHandler {
public:
    Builder(QString fileName, const QByteArray &source)
        : m_fileName(std::move(fileName))
        , m_source(source)
    {
    }

    void startDocument()
    {
        m_root.reset();
        m_stack.clear();
        m_anchors.clear();
        m_documentStart = YAML::Mark::null_mark();
    }
    // The document's root: nullopt when it was empty (or only a null).
    std::optional<YamlNode> takeRoot() { return std::move(m_root); }
    const YAML::Mark &documentStart() const { return m_documentStart; }
    SourceLocation location(const YAML::Mark &mark) const
    {
        if (mark.is_null())
            return {m_fileName, 0, 0};
        return {m_fileName, mark.line + 1, mark.column + 1};
    }

    void OnDocumentStart(const YAML::Mark &mark) override { m_documentStart = mark; }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        count(1, mark);
        YamlNode node;
        node.setLocation(location(mark));
        complete(std::move(node), anchor, 1);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.constFind(anchor);
        if (it == m_anchors.cend())
            throw BuildError{location(mark), QStringLiteral("this alias refers to the value that holds it: an anchored value "
                                                            "cannot contain an alias to itself")};
        count(it->count, mark); // before copying: a "billion laughs" stops here
        // The copy keeps the anchored value's locations: that is where its content is written.
        complete(YamlNode(it->node), 0, it->count);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, const std::string &value) override
    {
        count(1, mark);
        // yaml-cpp tags quoted and block scalars "!"; an explicit !!str makes a string of a plain one.
        const bool quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
        int textColumn = 0;
        if (!mark.is_null() && mark.pos >= 0 && mark.pos < m_source.size()) {
            const char first = m_source.at(mark.pos);
            const bool inQuotes = first == '"' || first == '\'';
            // yaml-cpp 0.7 reads a quoted scalar that the file never closes up to the end of the
            // file without complaint: that would silently swallow the rest of the file.
            if (inQuotes && YamlSyntaxHints::closingQuote(m_source, mark.pos) < 0)
                throw BuildError{location(mark), QStringLiteral("invalid YAML: this quoted value is never closed: add the closing %1")
                                                     .arg(QLatin1Char(first))};
            const qsizetype start = mark.pos + (inQuotes ? 1 : 0);
            const qsizetype size = qsizetype(value.size());
            const qsizetype end = start + size; // just after the text when written verbatim
            if (end <= m_source.size() && QByteArrayView(m_source).sliced(start, size) == QByteArrayView(value.data(), size)
                && !QByteArrayView(value.data(), size).contains('\n')
                && (inQuotes ? end < m_source.size() && m_source.at(end) == first : first != '|' && first != '>'))
                textColumn = mark.column + 1 + (inQuotes ? 1 : 0);
        }
        YamlNode node = YamlNode::scalar(QString::fromStdString(value), location(mark), quoted);
        node.setTag(explicitTag(tag));
        node.setTextColumn(textColumn);
        complete(std::move(node), anchor, 1);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        push(YamlNode::sequence(location(mark)), tag, anchor, mark);
    }

    void OnSequenceEnd() override { pop(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        push(YamlNode::mapping(location(mark)), tag, anchor, mark);
    }

    void OnMapEnd() override
    {
        Frame &frame = m_stack.back();
        // Explicit keys win over merged ones; among merged mappings the first listed wins.
        for (YamlNode &source : frame.merged) {
            for (YamlNode::Entry &entry : source.entries()) {
                if (!frame.node.contains(entry.key))
                    frame.node.entries().push_back(std::move(entry));
            }
        }
        pop();
    }

private:
    struct Frame {
        YamlNode node;
        YAML::anchor_t anchor = 0;
        qsizetype count = 1;                 // nodes in this one, for the size of aliases to it
        std::optional<YamlNode> key;         // mappings: a key read, waiting for its value
        std::vector<YamlNode> merged;        // mappings: the mappings named by "<<", in priority order
        QHash<QString, int> seen;            // mappings: the keys so far and their lines
    };
    struct Anchored {
        YamlNode node;
        qsizetype count = 1;
    };

    static QString explicitTag(const std::string &tag)
    {
        if (tag.empty() || tag == "?" || tag == "!")
            return {};
        return QString::fromStdString(tag);
    }

    void count(qsizetype nodes, const YAML::Mark &mark)
    {
        m_nodes += nodes;
        if (m_nodes > YamlReader::MaxNodes)
            throw BuildError{location(mark), QStringLiteral("the document expands to more than %1 nodes (aliases repeated too often?)")
                                                 .arg(YamlReader::MaxNodes)};
    }

    void push(YamlNode node, const std::string &tag, YAML::anchor_t anchor, const YAML::Mark &mark)
    {
        if (m_stack.size() >= size_t(YamlReader::MaxDepth))
            throw BuildError{location(mark), QStringLiteral("the document nests deeper than %1 levels").arg(YamlReader::MaxDepth)};
        count(1, mark);
        node.setTag(explicitTag(tag));
        Frame frame;
        frame.node = std::move(node);
        frame.anchor = anchor;
        m_stack.push_back(std::move(frame));
    }

    void pop()
    {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        complete(std::move(frame.node), frame.anchor, frame.count);
    }

    // A node is read whole: it becomes the root, an item, a key or a value.
    void complete(YamlNode node, YAML::anchor_t anchor, qsizetype nodes)
    {
        if (anchor)
            m_anchors.insert(anchor, Anchored{node, nodes});
        if (m_stack.empty()) {
            if (!node.isNull())
                m_root = std::move(node);
            return;
        }
        Frame &parent = m_stack.back();
        parent.count += nodes;
        if (parent.node.isSequence()) {
            parent.node.append(std::move(node));
            return;
        }
        if (!parent.key) {
            if (!node.isScalar())
                throw BuildError{node.location(), QStringLiteral("a mapping key must be a plain string, not %1").arg(node.kindName())};
            parent.key = std::move(node);
            return;
        }
        YamlNode key = std::move(*parent.key);
        parent.key.reset();
        const QString &name = key.text();
        if (name == QLatin1String("<<") && !key.isQuoted()) {
            if (node.isMapping()) {
                parent.merged.push_back(std::move(node));
            } else if (node.isSequence()) {
                for (YamlNode &item : node.items()) {
                    if (!item.isMapping())
                        throw BuildError{node.location(), QStringLiteral("a merge key (<<) takes a mapping or a list of mappings "
                                                                         "(e.g. <<: *defaults), but this list holds %1")
                                                              .arg(item.kindName())};
                    parent.merged.push_back(std::move(item));
                }
            } else {
                throw BuildError{node.location(), QStringLiteral("a merge key (<<) takes a mapping or a list of mappings "
                                                                 "(e.g. <<: *defaults), not %1").arg(node.kindName())};
            }
            return;
        }
        if (const auto previous = parent.seen.constFind(name); previous != parent.seen.cend())
            throw BuildError{key.location(), QStringLiteral("duplicate key '%1' (first defined at line %2): a key may appear only "
                                                            "once in a mapping").arg(name).arg(*previous)};
        parent.seen.insert(name, key.location().line);
        parent.node.entries().push_back({name, key.location(), std::move(node)});
    }

    QString m_fileName;
    const QByteArray &m_source;
    std::vector<Frame> m_stack;
    QHash<YAML::anchor_t, Anchored> m_anchors;
    std::optional<YamlNode> m_root;
    YAML::Mark m_documentStart = YAML::Mark::null_mark();
    qsizetype m_nodes = 0;
};

Diagnostic syntaxError(const QByteArray &utf8, const QString &fileName, int line, int column, const QString &raw)
{
    const YamlSyntaxHints::Hint hint = YamlSyntaxHints::explain(QString::fromUtf8(utf8), line, column, raw);
    return Diagnostic::error({fileName, hint.line, hint.column}, hint.message);
}

// The line of the "---" that starts the document whose first node is on line beforeLine (1-based).
int separatorLine(const QByteArray &utf8, int beforeLine)
{
    const QList<QByteArray> lines = utf8.split('\n');
    for (int i = std::min<int>(beforeLine, int(lines.size())) - 1; i >= 0; --i) {
        const QByteArray &line = lines.at(i);
        if (line.startsWith("---") && (line.size() == 3 || line.at(3) == ' ' || line.at(3) == '\r' || line.at(3) == '\t'))
            return i + 1;
    }
    return beforeLine;
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
    std::istringstream stream(utf8.toStdString());
    YAML::Parser parser(stream);
    Builder builder(fileName, utf8);
    std::optional<YamlNode> root;
    YAML::Mark previousStart = YAML::Mark::null_mark();
    int documents = 0;
    try {
        while (true) {
            builder.startDocument();
            if (!parser.HandleNextDocument(builder))
                break;
            ++documents;
            const YAML::Mark start = builder.documentStart();
            std::optional<YamlNode> document = builder.takeRoot();
            if (!document) {
                // Empty documents ("---" at the end of a file, a file of comments) hold nothing. But
                // yaml-cpp 0.7 also reports empty documents for ever, without reading on, when a line
                // starts with a character that cannot start anything there (',' ']' '}'): stop then.
                if (documents > 1 && start.pos == previousStart.pos) {
                    const char c = start.pos >= 0 && start.pos < utf8.size() ? utf8.at(start.pos) : ' ';
                    diagnostics.append(syntaxError(utf8, fileName, start.line + 1, start.column + 1,
                                                   QStringLiteral("unexpected '%1'").arg(QLatin1Char(c))));
                    return std::nullopt;
                }
                previousStart = start;
                continue;
            }
            previousStart = start;
            if (root) {
                const int line = separatorLine(utf8, start.is_null() ? 0 : start.line + 1);
                diagnostics.append(Diagnostic::error({fileName, line, line > 0 ? 1 : 0},
                                                     QStringLiteral("a Compose file holds one YAML document, but this '---' starts "
                                                                    "a second one: remove the '---' lines and merge the documents, "
                                                                    "or split them into files given one after the other")));
                return std::nullopt;
            }
            root = std::move(document);
        }
    } catch (const YAML::Exception &e) {
        diagnostics.append(syntaxError(utf8, fileName, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1,
                                       QString::fromStdString(e.msg)));
        return std::nullopt;
    } catch (const BuildError &e) {
        diagnostics.append(Diagnostic::error(e.where, e.message));
        return std::nullopt;
    }
    if (!root)
        return YamlNode::mapping({fileName, 1, 1});
    return root;
}

} // namespace stagehand
