#include "util/Units.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace stagehand {

namespace {

constexpr std::uint64_t kNanosecond = 1;
constexpr std::uint64_t kMicrosecond = 1000 * kNanosecond;
constexpr std::uint64_t kMillisecond = 1000 * kMicrosecond;
constexpr std::uint64_t kSecond = 1000 * kMillisecond;
constexpr std::uint64_t kMinute = 60 * kSecond;
constexpr std::uint64_t kHour = 60 * kMinute;
constexpr std::uint64_t kTwoTo63 = std::uint64_t(1) << 63;

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// --- durations --------------------------------------------------------------------------------

std::optional<std::uint64_t> durationUnit(QStringView unit)
{
    if (unit == u"ns")
        return kNanosecond;
    if (unit == u"us" || unit == u"\u00B5s" || unit == u"\u03BCs") // ASCII u, micro sign, Greek mu
        return kMicrosecond;
    if (unit == u"ms")
        return kMillisecond;
    if (unit == u"s")
        return kSecond;
    if (unit == u"m")
        return kMinute;
    if (unit == u"h")
        return kHour;
    return std::nullopt;
}

QString durationError(QStringView text, const QString &reason)
{
    return QStringLiteral("invalid duration \"%1\": %2").arg(text, reason);
}

QString genericDurationError(QStringView text)
{
    return durationError(text, QStringLiteral("expected a number with a unit (ns, us, ms, s, m or h), "
                                              "e.g. \"30s\" or \"1m30s\""));
}

QString outOfRangeDurationError(QStringView text)
{
    return durationError(text, QStringLiteral("out of range (at most 2562047h47m16.854775807s)"));
}

// Go's fmtFrac: writes the fraction of v / 10^prec backwards into buf ending at w, without
// trailing zeros (and without the '.' when the fraction is zero). Returns v / 10^prec.
std::uint64_t formatFraction(char16_t *buf, int &w, std::uint64_t v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; ++i) {
        const auto digit = static_cast<char16_t>(v % 10);
        print = print || digit != 0;
        if (print)
            buf[--w] = static_cast<char16_t>(u'0' + digit);
        v /= 10;
    }
    if (print)
        buf[--w] = u'.';
    return v;
}

// Go's fmtInt: writes v in decimal backwards into buf ending at w.
void formatInteger(char16_t *buf, int &w, std::uint64_t v)
{
    if (v == 0) {
        buf[--w] = u'0';
        return;
    }
    while (v > 0) {
        buf[--w] = static_cast<char16_t>(u'0' + v % 10);
        v /= 10;
    }
}

// --- numbers shared by sizes and CPU counts ------------------------------------------------------

// A plain decimal number: digits with an optional fraction, at least one digit ("2", "1.5", "1.", ".5").
bool isPlainDecimal(QStringView text)
{
    bool digits = false;
    bool dot = false;
    for (const QChar c : text) {
        if (isDigit(c)) {
            digits = true;
        } else if (c == u'.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    return digits;
}

QString sizeError(QStringView text, const QString &reason)
{
    return QStringLiteral("invalid size \"%1\": %2").arg(text, reason);
}

std::optional<qint64> sizeMultiplier(QChar unit)
{
    switch (unit.toLower().unicode()) {
    case u'k':
        return qint64(1) << 10;
    case u'm':
        return qint64(1) << 20;
    case u'g':
        return qint64(1) << 30;
    case u't':
        return qint64(1) << 40;
    case u'p':
        return qint64(1) << 50;
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<std::chrono::nanoseconds> Units::parseDuration(QStringView text, QString *error)
{
    // A port of Go's time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ , or "0".
    QStringView s = text;
    bool negative = false;
    if (!s.isEmpty() && (s.front() == u'-' || s.front() == u'+')) {
        negative = s.front() == u'-';
        s = s.mid(1);
    }
    if (s == u"0")
        return std::chrono::nanoseconds(0);
    if (s.isEmpty()) {
        setError(error, genericDurationError(text));
        return std::nullopt;
    }

    std::uint64_t total = 0;
    while (!s.isEmpty()) {
        if (!(s.front() == u'.' || isDigit(s.front()))) {
            setError(error, genericDurationError(text));
            return std::nullopt;
        }
        // The integer part.
        std::uint64_t whole = 0;
        qsizetype i = 0;
        for (; i < s.size() && isDigit(s[i]); ++i) {
            if (whole > kTwoTo63 / 10) {
                setError(error, outOfRangeDurationError(text));
                return std::nullopt;
            }
            whole = whole * 10 + (s[i].unicode() - u'0');
            if (whole > kTwoTo63) {
                setError(error, outOfRangeDurationError(text));
                return std::nullopt;
            }
        }
        const bool digitsBefore = i > 0;
        s = s.mid(i);

        // The fraction: precision stops accumulating on overflow, as in Go's leadingFraction.
        std::uint64_t fraction = 0;
        double scale = 1;
        bool digitsAfter = false;
        if (!s.isEmpty() && s.front() == u'.') {
            s = s.mid(1);
            bool overflow = false;
            qsizetype j = 0;
            for (; j < s.size() && isDigit(s[j]); ++j) {
                if (overflow)
                    continue;
                if (fraction > (kTwoTo63 - 1) / 10) {
                    overflow = true;
                    continue;
                }
                const std::uint64_t next = fraction * 10 + (s[j].unicode() - u'0');
                if (next > kTwoTo63) {
                    overflow = true;
                    continue;
                }
                fraction = next;
                scale *= 10;
            }
            digitsAfter = j > 0;
            s = s.mid(j);
        }
        if (!digitsBefore && !digitsAfter) {
            setError(error, genericDurationError(text));
            return std::nullopt;
        }

        // The unit: everything up to the next digit or '.'.
        qsizetype k = 0;
        while (k < s.size() && !(s[k] == u'.' || isDigit(s[k])))
            ++k;
        if (k == 0) {
            setError(error, durationError(text, QStringLiteral("missing unit (ns, us, ms, s, m or h), e.g. \"%1s\"").arg(text)));
            return std::nullopt;
        }
        const QStringView unitText = s.first(k);
        s = s.mid(k);
        const std::optional<std::uint64_t> unit = durationUnit(unitText);
        if (!unit) {
            setError(error,
                     durationError(text, QStringLiteral("unknown unit \"%1\" (expected ns, us, ms, s, m or h)").arg(unitText)));
            return std::nullopt;
        }
        if (whole > kTwoTo63 / *unit) {
            setError(error, outOfRangeDurationError(text));
            return std::nullopt;
        }
        whole *= *unit;
        if (fraction > 0) {
            // Double precision is enough to be nanosecond-exact for fractions of an hour.
            whole += static_cast<std::uint64_t>(static_cast<double>(fraction) * (static_cast<double>(*unit) / scale));
            if (whole > kTwoTo63) {
                setError(error, outOfRangeDurationError(text));
                return std::nullopt;
            }
        }
        total += whole;
        if (total > kTwoTo63) {
            setError(error, outOfRangeDurationError(text));
            return std::nullopt;
        }
    }
    if (negative) // -2^63 is representable
        return std::chrono::nanoseconds(static_cast<std::int64_t>(0 - total));
    if (total > kTwoTo63 - 1) {
        setError(error, outOfRangeDurationError(text));
        return std::nullopt;
    }
    return std::chrono::nanoseconds(static_cast<std::int64_t>(total));
}

QString Units::formatDuration(std::chrono::nanoseconds duration)
{
    // A port of Go's time.Duration.String(). The longest output is "-2562047h47m16.854775808s".
    char16_t buf[32];
    int w = 32;
    const std::int64_t d = duration.count();
    const bool negative = d < 0;
    std::uint64_t u = static_cast<std::uint64_t>(d);
    if (negative)
        u = 0 - u;

    if (u < kSecond) {
        // Under a second: a smaller unit, like 1.2ms.
        int prec = 0;
        buf[--w] = u's';
        if (u == 0) {
            buf[--w] = u'0';
            return QString(reinterpret_cast<const QChar *>(buf + w), 32 - w);
        }
        if (u < kMicrosecond) {
            prec = 0;
            buf[--w] = u'n';
        } else if (u < kMillisecond) {
            prec = 3;
            buf[--w] = u'\u00B5'; // the micro sign, as Go writes it
        } else {
            prec = 6;
            buf[--w] = u'm';
        }
        u = formatFraction(buf, w, u, prec);
        formatInteger(buf, w, u);
    } else {
        buf[--w] = u's';
        u = formatFraction(buf, w, u, 9);
        // u is now whole seconds.
        formatInteger(buf, w, u % 60);
        u /= 60;
        if (u > 0) { // minutes
            buf[--w] = u'm';
            formatInteger(buf, w, u % 60);
            u /= 60;
            if (u > 0) { // hours: Go stops there, days have different lengths
                buf[--w] = u'h';
                formatInteger(buf, w, u);
            }
        }
    }
    if (negative)
        buf[--w] = u'-';
    return QString(reinterpret_cast<const QChar *>(buf + w), 32 - w);
}

std::optional<qint64> Units::parseByteSize(QStringView text, QString *error)
{
    // docker/go-units parseSize: the number runs up to the last digit, '.' or space; one space
    // between number and unit is allowed.
    const QString generic = QStringLiteral("expected a number with an optional unit (b, k, m, g, t or p), "
                                           "e.g. \"512m\" or \"1.5g\"");
    qsizetype sep = -1;
    for (qsizetype i = text.size() - 1; i >= 0; --i) {
        if (isDigit(text[i]) || text[i] == u'.' || text[i] == u' ') {
            sep = i;
            break;
        }
    }
    if (sep < 0) {
        setError(error, sizeError(text, generic));
        return std::nullopt;
    }
    QStringView number = text[sep] == u' ' ? text.first(sep) : text.first(sep + 1);
    const QStringView suffix = text.mid(sep + 1);

    if (!number.isEmpty() && number.front() == u'-' && isPlainDecimal(number.mid(1))) {
        setError(error, sizeError(text, QStringLiteral("a size must not be negative")));
        return std::nullopt;
    }
    if (!number.isEmpty() && number.front() == u'+')
        number = number.mid(1);
    if (!isPlainDecimal(number)) {
        setError(error, sizeError(text, generic));
        return std::nullopt;
    }

    qint64 multiplier = 1;
    if (!suffix.isEmpty()) {
        const QString lower = suffix.toString().toLower();
        bool valid = false;
        if (lower == u"b") {
            valid = true;
        } else if (suffix.size() <= 3) {
            if (const std::optional<qint64> m = sizeMultiplier(lower.front())) {
                multiplier = *m;
                valid = lower.size() == 1 || (lower.size() == 2 && lower[1] == u'b') ||
                        (lower.size() == 3 && QStringView(lower).mid(1) == u"ib");
            }
        }
        if (!valid) {
            setError(error, sizeError(text, QStringLiteral("unknown unit \"%1\" (expected b, k, m, g, t or p, "
                                                           "optionally followed by \"b\" or \"ib\")")
                                                .arg(suffix)));
            return std::nullopt;
        }
    }

    const QString tooLarge = QStringLiteral("too large (at most 8 EiB - 1)");
    if (!number.contains(u'.')) {
        // Whole numbers are computed exactly.
        qint64 value = 0;
        for (const QChar c : number) {
            const int digit = c.unicode() - u'0';
            if (value > (std::numeric_limits<qint64>::max() - digit) / 10) {
                setError(error, sizeError(text, tooLarge));
                return std::nullopt;
            }
            value = value * 10 + digit;
        }
        if (value > std::numeric_limits<qint64>::max() / multiplier) {
            setError(error, sizeError(text, tooLarge));
            return std::nullopt;
        }
        return value * multiplier;
    }
    bool ok = false;
    const double value = number.toString().toDouble(&ok) * static_cast<double>(multiplier);
    if (!ok || !std::isfinite(value)) {
        setError(error, sizeError(text, generic));
        return std::nullopt;
    }
    if (value >= 9223372036854775808.0) {
        setError(error, sizeError(text, tooLarge));
        return std::nullopt;
    }
    return static_cast<qint64>(value); // truncates, like Go's int64(float64)
}

std::optional<double> Units::parseCpus(QStringView text, QString *error)
{
    const auto fail = [&](const QString &reason) -> std::optional<double> {
        setError(error, QStringLiteral("invalid CPU count \"%1\": %2").arg(text, reason));
        return std::nullopt;
    };
    QStringView number = text;
    if (!number.isEmpty() && number.front() == u'-' && isPlainDecimal(number.mid(1)))
        return fail(QStringLiteral("a CPU count must not be negative"));
    if (!number.isEmpty() && number.front() == u'+')
        number = number.mid(1);
    if (!isPlainDecimal(number))
        return fail(QStringLiteral("expected a non-negative number, e.g. \"0.5\" or \"2\""));
    bool ok = false;
    const double value = number.toString().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return fail(QStringLiteral("expected a non-negative number, e.g. \"0.5\" or \"2\""));
    return value;
}

} // namespace stagehand
