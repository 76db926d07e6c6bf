#include "compose/ParseContext.h"

#include "compose/ShellWords.h"
#include "util/Units.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace stagehand {
namespace {

bool isNullWord(const QString &t)
{
    return t.isEmpty() || t == QLatin1String("~") || t == QLatin1String("null") || t == QLatin1String("Null")
        || t == QLatin1String("NULL");
}

std::optional<bool> boolWord(const QString &t)
{
    if (t == QLatin1String("true") || t == QLatin1String("True") || t == QLatin1String("TRUE"))
        return true;
    if (t == QLatin1String("false") || t == QLatin1String("False") || t == QLatin1String("FALSE"))
        return false;
    return std::nullopt;
}

} // namespace

QString ParseContext::describe(const YamlNode &node)
{
    if (node.isScalar())
        return QStringLiteral("'%1'").arg(node.text());
    return node.kindName();
}

bool ParseContext::checkKeys(const YamlNode &mapping, ComposeSchema::Section section, const QString &context)
{
    bool ok = true;
    for (const YamlNode::Entry &entry : mapping.entries()) {
        if (ComposeSchema::allows(section, entry.key))
            continue;
        ok = false;
        const QString suggestion = ComposeSchema::closest(section, entry.key);
        QString message = QStringLiteral("%1: unknown key '%2' in %3").arg(context, entry.key, ComposeSchema::sectionName(section));
        if (!suggestion.isEmpty())
            message += QStringLiteral(" (did you mean '%1'?)").arg(suggestion);
        error(entry.keyLocation, message);
    }
    return ok;
}

bool ParseContext::expectMapping(const YamlNode &node, const QString &what)
{
    if (node.isMapping())
        return true;
    error(node.location(), QStringLiteral("%1 must be a mapping, found %2").arg(what, describe(node)));
    return false;
}

std::optional<QString> ParseContext::string(const YamlNode &node, const QString &what)
{
    if (node.isScalar())
        return node.text();
    error(node.location(), QStringLiteral("%1 must be a string, found %2").arg(what, node.kindName()));
    return std::nullopt;
}

std::optional<qint64> ParseContext::integer(const YamlNode &node, const QString &what, qint64 min, qint64 max)
{
    if (node.isScalar()) {
        bool ok = false;
        const qint64 value = node.text().trimmed().toLongLong(&ok);
        if (ok && value >= min && value <= max)
            return value;
        if (ok) {
            error(node.location(), QStringLiteral("%1 must be between %2 and %3, found %4").arg(what).arg(min).arg(max).arg(value));
            return std::nullopt;
        }
    }
    error(node.location(), QStringLiteral("%1 must be an integer, found %2").arg(what, describe(node)));
    return std::nullopt;
}

std::optional<bool> ParseContext::boolean(const YamlNode &node, const QString &what)
{
    if (node.isScalar()) {
        if (auto value = boolWord(node.text()))
            return value;
    }
    error(node.location(), QStringLiteral("%1 must be true or false, found %2").arg(what, describe(node)));
    return std::nullopt;
}

std::optional<double> ParseContext::number(const YamlNode &node, const QString &what)
{
    if (node.isScalar()) {
        bool ok = false;
        const double value = node.text().trimmed().toDouble(&ok);
        if (ok)
            return value;
    }
    error(node.location(), QStringLiteral("%1 must be a number, found %2").arg(what, describe(node)));
    return std::nullopt;
}

std::optional<std::chrono::nanoseconds> ParseContext::duration(const YamlNode &node, const QString &what)
{
    if (!node.isScalar()) {
        error(node.location(), QStringLiteral("%1 must be a duration such as '30s' or '1m30s', found %2").arg(what, node.kindName()));
        return std::nullopt;
    }
    QString why;
    auto value = Units::parseDuration(node.text(), &why);
    if (!value)
        error(node.location(), QStringLiteral("%1 must be a duration such as '30s' or '1m30s', found '%2': %3").arg(what, node.text(), why));
    return value;
}

std::optional<qint64> ParseContext::bytes(const YamlNode &node, const QString &what)
{
    if (!node.isScalar()) {
        error(node.location(), QStringLiteral("%1 must be a size such as '512M' or '1G', found %2").arg(what, node.kindName()));
        return std::nullopt;
    }
    QString why;
    auto value = Units::parseByteSize(node.text(), &why);
    if (!value)
        error(node.location(), QStringLiteral("%1 must be a size such as '512M' or '1G', found '%2': %3").arg(what, node.text(), why));
    return value;
}

std::optional<double> ParseContext::cpus(const YamlNode &node, const QString &what)
{
    if (!node.isScalar()) {
        error(node.location(), QStringLiteral("%1 must be a number of CPUs such as '0.5' or 2, found %2").arg(what, node.kindName()));
        return std::nullopt;
    }
    QString why;
    auto value = Units::parseCpus(node.text(), &why);
    if (!value)
        error(node.location(), QStringLiteral("%1 must be a number of CPUs such as '0.5' or 2, found '%2': %3").arg(what, node.text(), why));
    return value;
}

std::optional<QStringList> ParseContext::stringList(const YamlNode &node, const QString &what)
{
    if (!node.isSequence()) {
        error(node.location(), QStringLiteral("%1 must be a list of strings, found %2").arg(what, describe(node)));
        return std::nullopt;
    }
    QStringList result;
    for (const YamlNode &item : node.items()) {
        if (!item.isScalar()) {
            error(item.location(), QStringLiteral("%1 must be a list of strings, but holds %2").arg(what, item.kindName()));
            return std::nullopt;
        }
        result.append(item.text());
    }
    return result;
}

std::optional<QStringList> ParseContext::stringOrList(const YamlNode &node, const QString &what)
{
    if (node.isScalar())
        return QStringList{node.text()};
    if (node.isSequence())
        return stringList(node, what);
    error(node.location(), QStringLiteral("%1 must be a string or a list of strings, found %2").arg(what, node.kindName()));
    return std::nullopt;
}

std::optional<QStringList> ParseContext::command(const YamlNode &node, const QString &what)
{
    if (node.isNull())
        return QStringList{};
    if (node.isSequence())
        return stringList(node, what);
    if (!node.isScalar()) {
        error(node.location(), QStringLiteral("%1 must be a string or a list of strings, found %2").arg(what, node.kindName()));
        return std::nullopt;
    }
    QString why;
    auto words = ShellWords::split(node.text(), &why);
    if (!words)
        error(node.location(), QStringLiteral("%1: %2").arg(what, why));
    return words;
}

std::optional<QMap<QString, std::optional<QString>>> ParseContext::listOrDict(const YamlNode &node, const QString &what)
{
    QMap<QString, std::optional<QString>> result;
    if (node.isMapping()) {
        for (const YamlNode::Entry &entry : node.entries()) {
            if (entry.value.isNull()) {
                result.insert(entry.key, std::nullopt);
            } else if (entry.value.isScalar()) {
                result.insert(entry.key, entry.value.text());
            } else {
                error(entry.value.location(), QStringLiteral("%1: the value of '%2' must be a string, number or boolean, found %3")
                                                  .arg(what, entry.key, entry.value.kindName()));
                return std::nullopt;
            }
        }
        return result;
    }
    if (node.isSequence()) {
        for (const YamlNode &item : node.items()) {
            if (!item.isScalar()) {
                error(item.location(), QStringLiteral("%1 must be a list of KEY=VALUE strings, but holds %2").arg(what, item.kindName()));
                return std::nullopt;
            }
            const qsizetype eq = item.text().indexOf(QLatin1Char('='));
            if (eq < 0)
                result.insert(item.text(), std::nullopt);
            else
                result.insert(item.text().left(eq), item.text().mid(eq + 1));
        }
        return result;
    }
    error(node.location(), QStringLiteral("%1 must be a mapping or a list of KEY=VALUE strings, found %2").arg(what, describe(node)));
    return std::nullopt;
}

QMap<QString, QString> ParseContext::stringMap(const YamlNode &node, const QString &what)
{
    QMap<QString, QString> result;
    auto values = listOrDict(node, what);
    if (!values)
        return result;
    for (auto it = values->cbegin(); it != values->cend(); ++it)
        result.insert(it.key(), it.value().value_or(QString()));
    return result;
}

QJsonValue ParseContext::toJson(const YamlNode &node)
{
    switch (node.kind()) {
    case YamlNode::Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case YamlNode::Kind::Sequence: {
        QJsonArray array;
        for (const YamlNode &item : node.items())
            array.append(toJson(item));
        return array;
    }
    case YamlNode::Kind::Mapping: {
        QJsonObject object;
        for (const YamlNode::Entry &entry : node.entries())
            object.insert(entry.key, toJson(entry.value));
        return object;
    }
    case YamlNode::Kind::Scalar:
        break;
    }
    const QString &t = node.text();
    if (node.isQuoted())
        return t;
    if (isNullWord(t))
        return QJsonValue(QJsonValue::Null);
    if (auto b = boolWord(t))
        return *b;
    static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression floating(QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (integer.match(t).hasMatch()) {
        bool ok = false;
        const qint64 v = t.toLongLong(&ok);
        if (ok)
            return v;
    }
    if (floating.match(t).hasMatch())
        return t.toDouble();
    return t;
}

} // namespace stagehand
