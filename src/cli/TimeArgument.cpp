#include "TimeArgument.h"

#include "util/Units.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace stagehand::cli {
namespace {

QString fromNanos(qint64 nanos)
{
    const qint64 seconds = nanos / 1000000000;
    const qint64 rest = nanos % 1000000000;
    return rest == 0 ? QString::number(seconds) : QStringLiteral("%1.%2").arg(seconds).arg(rest, 9, 10, QLatin1Char('0'));
}

} // namespace

std::optional<QString> TimeArgument::toEngineTime(const QString &text, const QDateTime &now, QString *error)
{
    static const QRegularExpression unixTime(QStringLiteral("^\\d+(\\.\\d{1,9})?$"));
    if (unixTime.match(text).hasMatch())
        return text;

    if (auto duration = Units::parseDuration(text)) {
        const qint64 nanos = now.toMSecsSinceEpoch() * 1000000 - duration->count();
        return fromNanos(nanos);
    }

    static const QRegularExpression dateTime(QStringLiteral(
        "^(\\d{4}-\\d{2}-\\d{2})(?:[Tt ](\\d{2}:\\d{2}(?::\\d{2})?)(?:\\.(\\d{1,9}))?)?([Zz]|[+-]\\d{2}:\\d{2})?$"));
    const QRegularExpressionMatch m = dateTime.match(text);
    if (m.hasMatch()) {
        QString time = m.captured(2).isEmpty() ? QStringLiteral("00:00:00") : m.captured(2);
        if (time.size() == 5)
            time += QStringLiteral(":00");
        QDateTime when = QDateTime::fromString(m.captured(1) + u'T' + time, Qt::ISODate);
        if (when.isValid()) {
            const QString zone = m.captured(4);
            when.setTimeZone(QTimeZone::utc());
            if (!zone.isEmpty() && zone.compare(QLatin1String("z"), Qt::CaseInsensitive) != 0) {
                const int sign = zone.startsWith(u'-') ? -1 : 1;
                const int offset = sign * (zone.mid(1, 2).toInt() * 3600 + zone.mid(4, 2).toInt() * 60);
                when = when.addSecs(-offset);
            }
            const QString fraction = m.captured(3).leftJustified(9, QLatin1Char('0'));
            return fromNanos(when.toSecsSinceEpoch() * 1000000000 + (m.captured(3).isEmpty() ? 0 : fraction.toLongLong()));
        }
    }
    if (error)
        *error = QStringLiteral(
                     "'%1' is not a time: use a unix timestamp, an RFC 3339 date-time (2024-01-02T03:04:05Z) or a duration (10m)")
                     .arg(text);
    return std::nullopt;
}

} // namespace stagehand::cli
