#pragma once

#include "util/SourceLocation.h"

#include <QStringList>

#include <chrono>
#include <optional>

namespace stagehand {

// A service's healthcheck as the file defines it. Durations are exact; absent values stay absent,
// so the engine's defaults apply and the configuration sent is exactly what the file says.
struct Healthcheck {
    using Duration = std::chrono::nanoseconds;

    QStringList test;                 // ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]
    std::optional<Duration> interval;
    std::optional<Duration> timeout;
    std::optional<Duration> startPeriod;
    std::optional<Duration> startInterval;
    std::optional<int> retries;
    bool disable = false;
    SourceLocation location;
};

} // namespace stagehand
