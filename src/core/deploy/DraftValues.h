#pragma once

#include <QChar>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace stagehand {

// Reading the values of keys a service keeps as written (Service::other, deployOther,
// resourcesOther) as the engine's fields take them. Each returns nullopt for a value it cannot read.
class DraftValues {
public:
    // A scalar as text: a string as is, true/false, a whole number without a fraction.
    static std::optional<QString> text(const QJsonValue &value);
    // A whole number, or a string holding one.
    static std::optional<qint64> integer(const QJsonValue &value);
    // A bool, or "true"/"yes"/"on", "false"/"no"/"off" in any case.
    static std::optional<bool> boolean(const QJsonValue &value);
    // A byte size: a number of bytes, or "512m" as go-units reads it; -1 (unlimited) is kept.
    static std::optional<qint64> bytes(const QJsonValue &value);
    // A number, or a CPU count as a string ("1.5").
    static std::optional<double> decimal(const QJsonValue &value);
    // Microseconds: a number as written, or a Go duration ("400ms").
    static std::optional<qint64> microseconds(const QJsonValue &value);
    // A string or a list of scalars (with allowSingle false: a list only).
    static std::optional<QStringList> stringList(const QJsonValue &value, bool allowSingle = true);
    // A mapping of scalars, or a list of "key<sep>value" (the value may be absent: empty).
    static std::optional<QJsonObject> stringMap(const QJsonValue &value, QChar separator = QLatin1Char('='));
    // deploy.resources.reservations.devices and gpus entries: a DeviceRequest (gpu: the "gpu"
    // capability is added).
    static std::optional<QJsonObject> deviceRequest(const QJsonValue &value, bool gpu);

    static QJsonArray toArray(const QStringList &list);
};

} // namespace stagehand
