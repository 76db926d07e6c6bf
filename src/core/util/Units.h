#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <chrono>
#include <optional>

namespace stagehand {

// The quantities a Compose file writes as strings: durations, byte sizes and CPU counts.
// Every parser returns nullopt on bad input and, when error is not null, puts a one-line
// message into it that quotes the input (e.g. `invalid duration "30": missing unit, e.g. "30s"`).
// Input is taken as is, no whitespace is trimmed, as in Go (the one exception is go-units' own
// quirk: the space that may separate a size from its unit, so "1 " reads as 1 byte).
class Units {
public:
    // A Go duration as time.ParseDuration reads it (healthcheck intervals, stop_grace_period...):
    // an optional sign, then one or more <number><unit> with units ns, us (or µs / μs), ms, s, m, h
    // and optional fractions ("1.5s", "1h30m", "500us"); "0" alone is zero; "30" (no unit) is an error.
    static std::optional<std::chrono::nanoseconds> parseDuration(QStringView text, QString *error = nullptr);

    // Exactly Go's time.Duration.String(): "0s", "500ms", "1.5s", "1m0s", "2h45m0s", "1µs" (U+00B5), "-30s".
    static QString formatDuration(std::chrono::nanoseconds duration);

    // A byte size as docker/go-units RAMInBytes reads it (mem_limit, shm_size...): a non-negative decimal
    // number, an optional single space, and an optional case-insensitive unit b, k, m, g, t, p with an
    // optional "b" or "ib" after it ("1G", "512m", "1.5g", "1gb", "2GiB", "100k", "1024"), all binary
    // multiples of 1024. Fractional results are truncated towards zero, like Go's int64(float64).
    static std::optional<qint64> parseByteSize(QStringView text, QString *error = nullptr);

    // A CPU count (cpus: "1.0", "0.5", "2"): a finite, non-negative decimal number.
    static std::optional<double> parseCpus(QStringView text, QString *error = nullptr);
};

} // namespace stagehand
