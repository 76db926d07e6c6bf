#include "deploy/DraftValues.h"

#include "util/Units.h"

#include <cmath>

namespace stagehand {

std::optional<QString> DraftValues::text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    default: return std::nullopt;
    }
}

std::optional<qint64> DraftValues::integer(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::floor(d) != d)
            return std::nullopt;
        return value.toInteger(qint64(d));
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 v = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}

std::optional<bool> DraftValues::boolean(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString()) {
        const QString t = value.toString().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("yes") || t == QLatin1String("on"))
            return true;
        if (t == QLatin1String("false") || t == QLatin1String("no") || t == QLatin1String("off"))
            return false;
    }
    return std::nullopt;
}

std::optional<qint64> DraftValues::bytes(const QJsonValue &value)
{
    if (auto n = integer(value))
        return *n;
    if (value.isString())
        return Units::parseByteSize(value.toString());
    return std::nullopt;
}

std::optional<double> DraftValues::decimal(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return Units::parseCpus(value.toString());
    return std::nullopt;
}

std::optional<qint64> DraftValues::microseconds(const QJsonValue &value)
{
    if (auto n = integer(value))
        return *n;
    if (value.isString()) {
        if (auto d = Units::parseDuration(value.toString()))
            return qint64(d->count() / 1000);
    }
    return std::nullopt;
}

std::optional<QStringList> DraftValues::stringList(const QJsonValue &value, bool allowSingle)
{
    if (allowSingle) {
        if (auto t = text(value); t && !value.isBool())
            return QStringList{*t};
    }
    if (!value.isArray())
        return std::nullopt;
    QStringList result;
    for (const QJsonValue item : value.toArray()) {
        auto t = text(item);
        if (!t)
            return std::nullopt;
        result.append(*t);
    }
    return result;
}

std::optional<QJsonObject> DraftValues::stringMap(const QJsonValue &value, QChar separator)
{
    QJsonObject result;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isNull()) {
                result.insert(it.key(), QString());
                continue;
            }
            auto t = text(it.value());
            if (!t)
                return std::nullopt;
            result.insert(it.key(), *t);
        }
        return result;
    }
    auto list = stringList(value, false);
    if (!list)
        return std::nullopt;
    for (const QString &item : *list) {
        const qsizetype at = item.indexOf(separator);
        result.insert(at < 0 ? item : item.left(at), at < 0 ? QString() : item.mid(at + 1));
    }
    return result;
}

std::optional<QJsonObject> DraftValues::deviceRequest(const QJsonValue &value, bool gpu)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject device = value.toObject();
    QJsonObject request;
    QJsonArray capabilities;
    if (device.contains(QStringLiteral("capabilities"))) {
        auto caps = stringList(device.value(QStringLiteral("capabilities")), false);
        if (!caps)
            return std::nullopt;
        capabilities = toArray(*caps);
    }
    if (gpu && !capabilities.contains(QStringLiteral("gpu")))
        capabilities.append(QStringLiteral("gpu"));
    request.insert(QStringLiteral("Capabilities"), QJsonArray{capabilities});
    if (device.contains(QStringLiteral("driver"))) {
        auto driver = text(device.value(QStringLiteral("driver")));
        if (!driver)
            return std::nullopt;
        request.insert(QStringLiteral("Driver"), *driver);
    }
    const bool hasIds = device.contains(QStringLiteral("device_ids"));
    if (hasIds) {
        auto ids = stringList(device.value(QStringLiteral("device_ids")), false);
        if (!ids)
            return std::nullopt;
        request.insert(QStringLiteral("DeviceIDs"), toArray(*ids));
    }
    if (device.contains(QStringLiteral("count"))) {
        const QJsonValue count = device.value(QStringLiteral("count"));
        if (count.toString() == QLatin1String("all")) {
            request.insert(QStringLiteral("Count"), qint64(-1));
        } else if (auto n = integer(count)) {
            request.insert(QStringLiteral("Count"), *n);
        } else {
            return std::nullopt;
        }
    } else if (!hasIds) {
        request.insert(QStringLiteral("Count"), qint64(-1)); // neither count nor ids: all, as Compose reads it
    }
    if (device.contains(QStringLiteral("options"))) {
        auto options = stringMap(device.value(QStringLiteral("options")));
        if (!options)
            return std::nullopt;
        request.insert(QStringLiteral("Options"), *options);
    }
    return request;
}

QJsonArray DraftValues::toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace stagehand
