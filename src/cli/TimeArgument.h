#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace stagehand::cli {

// --since / --until as the docker CLI takes them, turned into the engine's unix time
// ("<seconds>" or "<seconds>.<nanoseconds>"): a unix timestamp ("1700000000", "1700000000.5"), an
// RFC 3339 date-time ("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.5+01:00"; no zone: UTC), a date
// ("2024-01-02", UTC midnight), or a Go duration before now ("10m", "1h30m").
class TimeArgument {
public:
    static std::optional<QString> toEngineTime(const QString &text, const QDateTime &now, QString *error = nullptr);
};

} // namespace stagehand::cli
