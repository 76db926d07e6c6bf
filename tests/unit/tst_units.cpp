#include "util/Units.h"

#include <QObject>
#include <QtTest>

#include <chrono>
#include <limits>

using stagehand::Units;

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

constexpr qint64 kNs = 1;
constexpr qint64 kUs = 1000;
constexpr qint64 kMs = 1000 * kUs;
constexpr qint64 kS = 1000 * kMs;
constexpr qint64 kMin = 60 * kS;
constexpr qint64 kH = 60 * kMin;
constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * kKiB;
constexpr qint64 kGiB = 1024 * kMiB;
constexpr qint64 kTiB = 1024 * kGiB;
constexpr qint64 kPiB = 1024 * kTiB;

} // namespace

class TestUnits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseDuration_data();
    void parseDuration();
    void parseDurationRejects_data();
    void parseDurationRejects();
    void parseDurationWithoutErrorPointer();
    void formatDuration_data();
    void formatDuration();
    void durationRoundTrip_data();
    void durationRoundTrip();
    void parseByteSize_data();
    void parseByteSize();
    void parseByteSizeRejects_data();
    void parseByteSizeRejects();
    void parseCpus_data();
    void parseCpus();
    void parseCpusRejects_data();
    void parseCpusRejects();
};

void TestUnits::parseDuration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nanoseconds");

    QTest::newRow("0") << s("0") << qint64(0);
    QTest::newRow("+0") << s("+0") << qint64(0);
    QTest::newRow("-0") << s("-0") << qint64(0);
    QTest::newRow("0s") << s("0s") << qint64(0);
    QTest::newRow("1ns") << s("1ns") << 1 * kNs;
    QTest::newRow("1us") << s("1us") << 1 * kUs;
    QTest::newRow("1µs micro sign") << s("1\u00B5s") << 1 * kUs;
    QTest::newRow("1μs greek mu") << s("1\u03BCs") << 1 * kUs;
    QTest::newRow("500us") << s("500us") << 500 * kUs;
    QTest::newRow("10ms") << s("10ms") << 10 * kMs;
    QTest::newRow("30s") << s("30s") << 30 * kS;
    QTest::newRow("1m") << s("1m") << 1 * kMin;
    QTest::newRow("1h") << s("1h") << 1 * kH;
    QTest::newRow("1m30s") << s("1m30s") << 90 * kS;
    QTest::newRow("1m0s") << s("1m0s") << 60 * kS;
    QTest::newRow("2h45m") << s("2h45m") << 2 * kH + 45 * kMin;
    QTest::newRow("1h30m45s") << s("1h30m45s") << kH + 30 * kMin + 45 * kS;
    QTest::newRow("1.5s") << s("1.5s") << 1500 * kMs;
    QTest::newRow("1.5h") << s("1.5h") << 90 * kMin;
    QTest::newRow(".5s") << s(".5s") << 500 * kMs;
    QTest::newRow("1.s") << s("1.s") << 1 * kS;
    QTest::newRow("-1.5h") << s("-1.5h") << -90 * kMin;
    QTest::newRow("+5s") << s("+5s") << 5 * kS;
    QTest::newRow("-30s") << s("-30s") << -30 * kS;
    QTest::newRow("repeated units add up") << s("5m5m") << 10 * kMin;
    QTest::newRow("units in any order") << s("1s1h") << kH + kS;
    QTest::newRow("100h") << s("100h") << 100 * kH;
    QTest::newRow("1h1m1s1ms1us1ns") << s("1h1m1s1ms1us1ns") << kH + kMin + kS + kMs + kUs + kNs;
    QTest::newRow("1.0000000001s (precision beyond ns)") << s("1.0000000001s") << kS;
    QTest::newRow("0.000000001s") << s("0.000000001s") << qint64(1);
    QTest::newRow("long fraction") << s("1.00000000000000000000000000000000000001s") << kS;
    QTest::newRow("max") << s("2562047h47m16.854775807s") << std::numeric_limits<qint64>::max();
    QTest::newRow("min") << s("-2562047h47m16.854775808s") << std::numeric_limits<qint64>::min();
    QTest::newRow("max in ns") << s("9223372036854775807ns") << std::numeric_limits<qint64>::max();
}

void TestUnits::parseDuration()
{
    QFETCH(QString, text);
    QFETCH(qint64, nanoseconds);

    QString error;
    const std::optional<std::chrono::nanoseconds> parsed = Units::parseDuration(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(qint64(parsed->count()), nanoseconds);
    QCOMPARE(error, QString());
}

void TestUnits::parseDurationRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << s("") << s("expected a number with a unit");
    QTest::newRow("no unit") << s("30") << s("missing unit (ns, us, ms, s, m or h), e.g. \"30s\"");
    QTest::newRow("00") << s("00") << s("missing unit");
    QTest::newRow("1.5 no unit") << s("1.5") << s("missing unit");
    QTest::newRow("no unit after a unit") << s("1h30") << s("missing unit");
    QTest::newRow("words") << s("30 seconds") << s("unknown unit \" seconds\" (expected ns, us, ms, s, m or h)");
    QTest::newRow("space between parts") << s("1h 30m") << s("unknown unit \"h \"");
    QTest::newRow("trailing space") << s("30s ") << s("unknown unit \"s \"");
    QTest::newRow("leading space") << s(" 30s") << s("expected a number with a unit");
    QTest::newRow("days") << s("1d") << s("unknown unit \"d\"");
    QTest::newRow("upper case") << s("1S") << s("unknown unit \"S\"");
    QTest::newRow("seconds word") << s("1sec") << s("unknown unit \"sec\"");
    QTest::newRow("abc") << s("abc") << s("expected a number with a unit");
    QTest::newRow("unit only") << s("s") << s("expected a number with a unit");
    QTest::newRow("-") << s("-") << s("expected a number with a unit");
    QTest::newRow("+") << s("+") << s("expected a number with a unit");
    QTest::newRow(".") << s(".") << s("expected a number with a unit");
    QTest::newRow(".s") << s(".s") << s("expected a number with a unit");
    QTest::newRow("-.s") << s("-.s") << s("expected a number with a unit");
    QTest::newRow("double sign") << s("--1s") << s("expected a number with a unit");
    QTest::newRow("comma") << s("1,5s") << s("unknown unit \",\"");
    QTest::newRow("overflow hours") << s("3000000h") << s("out of range");
    QTest::newRow("overflow ns") << s("9223372036854775808ns") << s("out of range");
    QTest::newRow("overflow digits") << s("99999999999999999999999s") << s("out of range");
    QTest::newRow("overflow sum") << s("2562047h47m16.854775807s1ns") << s("out of range");
}

void TestUnits::parseDurationRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!Units::parseDuration(text, &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("invalid duration \"") + text + QStringLiteral("\": ")), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestUnits::parseDurationWithoutErrorPointer()
{
    QVERIFY(!Units::parseDuration(u"nope").has_value());
    QVERIFY(!Units::parseByteSize(u"nope").has_value());
    QVERIFY(!Units::parseCpus(u"nope").has_value());
    QCOMPARE(Units::parseDuration(u"2s")->count(), 2 * kS);
}

void TestUnits::formatDuration_data()
{
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << s("0s");
    QTest::newRow("1ns") << qint64(1) << s("1ns");
    QTest::newRow("1.1µs") << qint64(1100) << s("1.1\u00B5s");
    QTest::newRow("1µs") << kUs << s("1\u00B5s");
    QTest::newRow("500µs") << 500 * kUs << s("500\u00B5s");
    QTest::newRow("2.2ms") << qint64(2200) * kUs << s("2.2ms");
    QTest::newRow("500ms") << 500 * kMs << s("500ms");
    QTest::newRow("999.999999ms") << kS - 1 << s("999.999999ms");
    QTest::newRow("1s") << kS << s("1s");
    QTest::newRow("1.5s") << 1500 * kMs << s("1.5s");
    QTest::newRow("30s") << 30 * kS << s("30s");
    QTest::newRow("1m0s") << kMin << s("1m0s");
    QTest::newRow("1m30s") << 90 * kS << s("1m30s");
    QTest::newRow("1h0m0s") << kH << s("1h0m0s");
    QTest::newRow("2h45m0s") << 2 * kH + 45 * kMin << s("2h45m0s");
    QTest::newRow("3m20s") << 200 * kS << s("3m20s");
    QTest::newRow("4.000000001s") << 4 * kS + 1 << s("4.000000001s");
    QTest::newRow("1h2m3.000000004s") << kH + 2 * kMin + 3 * kS + 4 << s("1h2m3.000000004s");
    QTest::newRow("100h0m0s") << 100 * kH << s("100h0m0s");
    QTest::newRow("-1ns") << qint64(-1) << s("-1ns");
    QTest::newRow("-30s") << -30 * kS << s("-30s");
    QTest::newRow("-1.5µs") << qint64(-1500) << s("-1.5\u00B5s");
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << s("2562047h47m16.854775807s");
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << s("-2562047h47m16.854775808s");
}

void TestUnits::formatDuration()
{
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, text);

    QCOMPARE(Units::formatDuration(std::chrono::nanoseconds(nanoseconds)), text);
}

void TestUnits::durationRoundTrip_data()
{
    formatDuration_data();
}

void TestUnits::durationRoundTrip()
{
    QFETCH(qint64, nanoseconds);

    const QString text = Units::formatDuration(std::chrono::nanoseconds(nanoseconds));
    QString error;
    const std::optional<std::chrono::nanoseconds> parsed = Units::parseDuration(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(qint64(parsed->count()), nanoseconds);
}

void TestUnits::parseByteSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");

    QTest::newRow("1024") << s("1024") << qint64(1024);
    QTest::newRow("0") << s("0") << qint64(0);
    QTest::newRow("1b") << s("1b") << qint64(1);
    QTest::newRow("1024B") << s("1024B") << qint64(1024);
    QTest::newRow("100k") << s("100k") << 100 * kKiB;
    QTest::newRow("100K") << s("100K") << 100 * kKiB;
    QTest::newRow("1kb") << s("1kb") << kKiB;
    QTest::newRow("1KiB") << s("1KiB") << kKiB;
    QTest::newRow("512m") << s("512m") << 512 * kMiB;
    QTest::newRow("512M") << s("512M") << 512 * kMiB;
    QTest::newRow("1G") << s("1G") << kGiB;
    QTest::newRow("1g") << s("1g") << kGiB;
    QTest::newRow("1gb") << s("1gb") << kGiB;
    QTest::newRow("2GB") << s("2GB") << 2 * kGiB;
    QTest::newRow("2GiB") << s("2GiB") << 2 * kGiB;
    QTest::newRow("2gIb") << s("2gIb") << 2 * kGiB;
    QTest::newRow("1.5g") << s("1.5g") << 3 * kGiB / 2;
    QTest::newRow("0.5k") << s("0.5k") << qint64(512);
    QTest::newRow(".5k") << s(".5k") << qint64(512);
    QTest::newRow("1.k") << s("1.k") << kKiB;
    QTest::newRow("fraction truncated") << s("4096.7") << qint64(4096);
    QTest::newRow("fraction of a kib truncated") << s("1.0001k") << qint64(1024);
    QTest::newRow("1t") << s("1t") << kTiB;
    QTest::newRow("1p") << s("1p") << kPiB;
    QTest::newRow("space before unit") << s("1 G") << kGiB;
    QTest::newRow("space before b") << s("10 b") << qint64(10);
    QTest::newRow("plus sign") << s("+1k") << kKiB;
    QTest::newRow("trailing space (go-units drops it)") << s("1 ") << qint64(1);
    QTest::newRow("largest in p") << s("8191p") << 8191 * kPiB;
    QTest::newRow("int64 max") << s("9223372036854775807") << std::numeric_limits<qint64>::max();
}

void TestUnits::parseByteSize()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);

    QString error;
    const std::optional<qint64> parsed = Units::parseByteSize(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(*parsed, bytes);
    QCOMPARE(error, QString());
}

void TestUnits::parseByteSizeRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    const QString generic = s("expected a number with an optional unit (b, k, m, g, t or p), e.g. \"512m\" or \"1.5g\"");
    QTest::newRow("lots") << s("lots") << generic;
    QTest::newRow("empty") << s("") << generic;
    QTest::newRow("unit only") << s("G") << generic;
    QTest::newRow("-1G") << s("-1G") << s("a size must not be negative");
    QTest::newRow("-0.5m") << s("-0.5m") << s("a size must not be negative");
    QTest::newRow("1.5.3g") << s("1.5.3g") << generic;
    QTest::newRow("1X") << s("1X")
                        << s("unknown unit \"X\" (expected b, k, m, g, t or p, optionally followed by \"b\" or \"ib\")");
    QTest::newRow("1kbb") << s("1kbb") << s("unknown unit \"kbb\"");
    QTest::newRow("1gg") << s("1gg") << s("unknown unit \"gg\"");
    QTest::newRow("1bb") << s("1bb") << s("unknown unit \"bb\"");
    QTest::newRow("1ib") << s("1ib") << s("unknown unit \"ib\"");
    QTest::newRow("1kilo") << s("1kilo") << s("unknown unit \"kilo\"");
    QTest::newRow("1e") << s("1e") << s("unknown unit \"e\"");
    QTest::newRow("exponent") << s("1e3") << generic;
    QTest::newRow("leading space") << s(" 1") << generic;
    QTest::newRow("two spaces") << s("1  G") << generic;
    QTest::newRow("comma") << s("1,5g") << generic;
    QTest::newRow("hex") << s("0x10") << generic;
    QTest::newRow("just a dot") << s(".") << generic;
    QTest::newRow("too large in p") << s("8192p") << s("too large");
    QTest::newRow("too large integer") << s("9223372036854775808") << s("too large");
    QTest::newRow("too large fraction") << s("8192.5p") << s("too large");
}

void TestUnits::parseByteSizeRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!Units::parseByteSize(text, &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("invalid size \"") + text + QStringLiteral("\": ")), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestUnits::parseCpus_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("cpus");

    QTest::newRow("1.0") << s("1.0") << 1.0;
    QTest::newRow("0.5") << s("0.5") << 0.5;
    QTest::newRow("2") << s("2") << 2.0;
    QTest::newRow("16") << s("16") << 16.0;
    QTest::newRow("0") << s("0") << 0.0;
    QTest::newRow(".25") << s(".25") << 0.25;
    QTest::newRow("1.") << s("1.") << 1.0;
    QTest::newRow("+2") << s("+2") << 2.0;
    QTest::newRow("0.001") << s("0.001") << 0.001;
}

void TestUnits::parseCpus()
{
    QFETCH(QString, text);
    QFETCH(double, cpus);

    QString error;
    const std::optional<double> parsed = Units::parseCpus(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(*parsed, cpus);
    QCOMPARE(error, QString());
}

void TestUnits::parseCpusRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    const QString generic = s("expected a non-negative number, e.g. \"0.5\" or \"2\"");
    QTest::newRow("two") << s("two") << generic;
    QTest::newRow("empty") << s("") << generic;
    QTest::newRow("-1") << s("-1") << s("a CPU count must not be negative");
    QTest::newRow("-0.5") << s("-0.5") << s("a CPU count must not be negative");
    QTest::newRow("1e3") << s("1e3") << generic;
    QTest::newRow("inf") << s("inf") << generic;
    QTest::newRow("nan") << s("nan") << generic;
    QTest::newRow("leading space") << s(" 1") << generic;
    QTest::newRow("1.2.3") << s("1.2.3") << generic;
    QTest::newRow("0x10") << s("0x10") << generic;
    QTest::newRow("1,5") << s("1,5") << generic;
    QTest::newRow("dot") << s(".") << generic;
    QTest::newRow("unit") << s("2cpus") << generic;
}

void TestUnits::parseCpusRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!Units::parseCpus(text, &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("invalid CPU count \"") + text + QStringLiteral("\": ")), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"
