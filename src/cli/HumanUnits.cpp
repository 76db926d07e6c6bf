#include "HumanUnits.h"

#include <array>

namespace stagehand::cli {
namespace {

template <size_t N> QString customSize(double size, double base, const std::array<const char *, N> &units, int precision)
{
    size_t i = 0;
    while (size >= base && i + 1 < N) {
        size /= base;
        ++i;
    }
    return QString::asprintf("%.*g%s", precision, size, units[i]);
}

} // namespace

QString HumanUnits::bytesSize(double bytes)
{
    static const std::array<const char *, 9> units{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    return customSize(bytes, 1024.0, units, 4);
}

QString HumanUnits::humanSize(double bytes)
{
    static const std::array<const char *, 9> units{"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    return customSize(bytes, 1000.0, units, 3);
}

QString HumanUnits::humanDuration(qint64 seconds)
{
    if (seconds < 1)
        return QStringLiteral("Less than a second");
    if (seconds == 1)
        return QStringLiteral("1 second");
    if (seconds < 60)
        return QStringLiteral("%1 seconds").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes == 1)
        return QStringLiteral("About a minute");
    if (minutes < 60)
        return QStringLiteral("%1 minutes").arg(minutes);
    const qint64 hours = qint64(double(seconds) / 3600.0 + 0.5);
    if (hours == 1)
        return QStringLiteral("About an hour");
    if (hours < 48)
        return QStringLiteral("%1 hours").arg(hours);
    if (hours < 24 * 7 * 2)
        return QStringLiteral("%1 days").arg(hours / 24);
    if (hours < 24 * 30 * 2)
        return QStringLiteral("%1 weeks").arg(hours / 24 / 7);
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1 months").arg(hours / 24 / 30);
    return QStringLiteral("%1 years").arg(qint64(double(seconds) / 3600.0 / 24.0 / 365.0));
}

} // namespace stagehand::cli
