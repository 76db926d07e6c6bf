#include "docker/LogDemuxer.h"
#include "docker/LogLineAssembler.h"

#include <QObject>
#include <QtTest>

using stagehand::LogChunk;
using stagehand::LogDemuxer;
using stagehand::LogLine;
using stagehand::LogLineAssembler;
using Stream = LogChunk::Stream;

namespace {

// 2024-01-02T03:04:05Z
constexpr qint64 kBase = 1704164645LL * 1000000000LL;

// One line as "E|O|I <nanos or -> <text>" for compact comparisons.
QString describe(const LogLine &line)
{
    const QChar stream = line.stream == Stream::Stdout ? QLatin1Char('O') : line.stream == Stream::Stderr ? QLatin1Char('E') : QLatin1Char('I');
    const QString time = line.timestamp.isValid() ? QString::number(line.timestampNanos) : QStringLiteral("-");
    return QStringLiteral("%1 %2 %3").arg(stream, time, QString::fromUtf8(line.text));
}

QStringList describe(const QList<LogLine> &lines)
{
    QStringList out;
    for (const LogLine &line : lines)
        out.append(describe(line));
    return out;
}

QByteArray frame(quint8 type, const QByteArray &payload)
{
    QByteArray out;
    out.append(char(type));
    out.append(3, '\0');
    const quint32 size = quint32(payload.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        out.append(char((size >> shift) & 0xff));
    return out + payload;
}

} // namespace

class TestLogLineAssembler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lines_data();
    void lines();
    void parseTimestamp_data();
    void parseTimestamp();
    void timestampToDateTime();
    void demuxedEverySplitPosition_data();
    void demuxedEverySplitPosition();
    void flushEmpties();
};

void TestLogLineAssembler::lines_data()
{
    QTest::addColumn<bool>("timestamps");
    QTest::addColumn<QList<LogChunk>>("chunks");
    QTest::addColumn<QStringList>("expected");      // from feed()
    QTest::addColumn<QStringList>("expectedFlush"); // from flush()

    const auto o = [](const char *text) { return LogChunk{Stream::Stdout, QByteArray(text)}; };
    const auto e = [](const char *text) { return LogChunk{Stream::Stderr, QByteArray(text)}; };
    const auto l = [](const char *text) { return QString::fromUtf8(text); };
    const QString b = QString::number(kBase);

    QTest::newRow("one line") << false << QList<LogChunk>{o("hello\n")} << QStringList{l("O - hello")} << QStringList{};
    QTest::newRow("two lines in one chunk") << false << QList<LogChunk>{o("a\nb\n")} << QStringList{l("O - a"), l("O - b")} << QStringList{};
    QTest::newRow("line across chunks") << false << QList<LogChunk>{o("hel"), o("l"), o("o\nwor"), o("ld\n")}
                                        << QStringList{l("O - hello"), l("O - world")} << QStringList{};
    QTest::newRow("streams kept apart") << false << QList<LogChunk>{o("out "), e("err "), o("line\n"), e("line\n")}
                                        << QStringList{l("O - out line"), l("E - err line")} << QStringList{};
    QTest::newRow("empty lines") << false << QList<LogChunk>{o("\n\nx\n\n")}
                                 << QStringList{l("O - "), l("O - "), l("O - x"), l("O - ")} << QStringList{};
    QTest::newRow("CRLF from a tty") << false << QList<LogChunk>{o("one\r\ntwo\r"), o("\n")}
                                     << QStringList{l("O - one"), l("O - two")} << QStringList{};
    QTest::newRow("lone CR kept inside") << false << QList<LogChunk>{o("50%\r100%\n")} << QStringList{l("O - 50%\r100%")} << QStringList{};
    QTest::newRow("trailing partial flushed") << false << QList<LogChunk>{o("done\npart"), e("err part")}
                                              << QStringList{l("O - done")} << QStringList{l("O - part"), l("E - err part")};
    QTest::newRow("stdin stream") << false << QList<LogChunk>{LogChunk{Stream::Stdin, "typed\n"}} << QStringList{l("I - typed")} << QStringList{};
    QTest::newRow("utf-8 split inside a character") << false << QList<LogChunk>{o("gr\xc3"), o("\xbc\xc3\x9f\n")}
                                                    << QStringList{QStringLiteral("O - gr\u00fc\u00df")} << QStringList{};

    QTest::newRow("timestamp nanos") << true << QList<LogChunk>{o("2024-01-02T03:04:05.123456789Z hello world\n")}
                                     << QStringList{QStringLiteral("O %1 hello world").arg(kBase + 123456789)} << QStringList{};
    QTest::newRow("timestamp split across chunks") << true
                                                   << QList<LogChunk>{o("2024-01-02T03:0"), o("4:05.000000001Z x"), o("y\n")}
                                                   << QStringList{QStringLiteral("O %1 xy").arg(kBase + 1)} << QStringList{};
    QTest::newRow("timestamp per line") << true
                                        << QList<LogChunk>{o("2024-01-02T03:04:05.5Z a\n2024-01-02T03:04:06Z b\n"),
                                                           e("2024-01-02T03:04:05.000000000Z c\n")}
                                        << QStringList{QStringLiteral("O %1 a").arg(kBase + 500000000),
                                                       QStringLiteral("O %1 b").arg(kBase + 1000000000),
                                                       QStringLiteral("E %1 c").arg(b)}
                                        << QStringList{};
    QTest::newRow("timestamp with empty text") << true << QList<LogChunk>{o("2024-01-02T03:04:05Z \n2024-01-02T03:04:05Z\n")}
                                               << QStringList{QStringLiteral("O %1 ").arg(b), QStringLiteral("O %1 ").arg(b)} << QStringList{};
    QTest::newRow("text keeps further spaces") << true << QList<LogChunk>{o("2024-01-02T03:04:05Z   indented\n")}
                                               << QStringList{QStringLiteral("O %1   indented").arg(b)} << QStringList{};
    QTest::newRow("no timestamp prefix kept as text") << true << QList<LogChunk>{o("not a time\n")}
                                                      << QStringList{l("O - not a time")} << QStringList{};
    QTest::newRow("timestamp on a flushed partial") << true << QList<LogChunk>{o("2024-01-02T03:04:05Z tail")}
                                                    << QStringList{} << QStringList{QStringLiteral("O %1 tail").arg(b)};
    QTest::newRow("CRLF with timestamp") << true << QList<LogChunk>{o("2024-01-02T03:04:05Z t\r\n")}
                                         << QStringList{QStringLiteral("O %1 t").arg(b)} << QStringList{};
    QTest::newRow("timestamps off: prefix stays") << false << QList<LogChunk>{o("2024-01-02T03:04:05Z t\n")}
                                                  << QStringList{l("O - 2024-01-02T03:04:05Z t")} << QStringList{};
}

void TestLogLineAssembler::lines()
{
    QFETCH(bool, timestamps);
    QFETCH(QList<LogChunk>, chunks);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, expectedFlush);

    LogLineAssembler assembler(timestamps);
    QList<LogLine> got;
    for (const LogChunk &chunk : chunks)
        got += assembler.feed(chunk);
    QCOMPARE(describe(got), expected);
    QCOMPARE(assembler.hasPartialLine(), !expectedFlush.isEmpty());
    QCOMPARE(describe(assembler.flush()), expectedFlush);
    QVERIFY(!assembler.hasPartialLine());
    QVERIFY(assembler.flush().isEmpty());
}

void TestLogLineAssembler::parseTimestamp_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("nanos");

    QTest::newRow("RFC3339Nano fixed 9 digits") << QByteArray("2024-01-02T03:04:05.123456789Z") << true << kBase + 123456789;
    QTest::newRow("no fraction") << QByteArray("2024-01-02T03:04:05Z") << true << kBase;
    QTest::newRow("1 digit") << QByteArray("2024-01-02T03:04:05.1Z") << true << kBase + 100000000;
    QTest::newRow("6 digits") << QByteArray("2024-01-02T03:04:05.000001Z") << true << kBase + 1000;
    QTest::newRow("more than 9 digits truncated") << QByteArray("2024-01-02T03:04:05.1234567899Z") << true << kBase + 123456789;
    QTest::newRow("positive offset") << QByteArray("2024-01-02T05:04:05+02:00") << true << kBase;
    QTest::newRow("negative offset") << QByteArray("2024-01-01T22:34:05.5-04:30") << true << kBase + 500000000;
    QTest::newRow("lower case t and z") << QByteArray("2024-01-02t03:04:05z") << true << kBase;
    QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00Z") << true << qint64(0);
    QTest::newRow("before epoch") << QByteArray("1969-12-31T23:59:59.5Z") << true << qint64(-500000000);
    QTest::newRow("leap day") << QByteArray("2024-02-29T00:00:00Z") << true << qint64(1709164800LL * 1000000000LL);
    QTest::newRow("empty") << QByteArray() << false << qint64(0);
    QTest::newRow("date only") << QByteArray("2024-01-02") << false << qint64(0);
    QTest::newRow("no zone") << QByteArray("2024-01-02T03:04:05.1") << false << qint64(0);
    QTest::newRow("space separator") << QByteArray("2024-01-02 03:04:05Z") << false << qint64(0);
    QTest::newRow("empty fraction") << QByteArray("2024-01-02T03:04:05.Z") << false << qint64(0);
    QTest::newRow("month 13") << QByteArray("2024-13-02T03:04:05Z") << false << qint64(0);
    QTest::newRow("Feb 30") << QByteArray("2023-02-30T03:04:05Z") << false << qint64(0);
    QTest::newRow("hour 24") << QByteArray("2024-01-02T24:00:00Z") << false << qint64(0);
    QTest::newRow("trailing text") << QByteArray("2024-01-02T03:04:05Zx") << false << qint64(0);
    QTest::newRow("bad offset") << QByteArray("2024-01-02T03:04:05+0200") << false << qint64(0);
    QTest::newRow("letters") << QByteArray("abcd-ef-ghTij:kl:mnZ") << false << qint64(0);
}

void TestLogLineAssembler::parseTimestamp()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, nanos);
    const auto got = LogLineAssembler::parseTimestamp(text);
    QCOMPARE(got.has_value(), valid);
    if (valid)
        QCOMPARE(*got, nanos);
}

void TestLogLineAssembler::timestampToDateTime()
{
    LogLineAssembler assembler(true);
    const QList<LogLine> lines = assembler.feed(LogChunk{Stream::Stdout, "2024-01-02T03:04:05.123956789Z x\n"});
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].timestamp, QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 123), Qt::UTC));
    QCOMPARE(lines[0].timestamp.timeSpec(), Qt::UTC);
    QCOMPARE(lines[0].timestampNanos, kBase + 123956789);
    QCOMPARE(LogLineAssembler::dateTimeFromNanos(-500000000), QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 500), Qt::UTC));
    QCOMPARE(LogLineAssembler::dateTimeFromNanos(-1), QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), Qt::UTC));
}

void TestLogLineAssembler::demuxedEverySplitPosition_data()
{
    QTest::addColumn<bool>("timestamps");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");

    // The engine's logs?timestamps=1 stream: each frame one line, a line split over frames, stderr between.
    const QByteArray stream = frame(1, "2024-01-02T03:04:05.000000001Z starting\n")
        + frame(2, "2024-01-02T03:04:05.000000002Z warn: low memory\n")
        + frame(1, "2024-01-02T03:04:05.000000003Z part one, ") + frame(1, "part two\n")
        + frame(1, "2024-01-02T03:04:05.000000004Z a\n2024-01-02T03:04:05.000000005Z b\n")
        + frame(2, "2024-01-02T03:04:05.000000006Z no newline yet");
    QTest::newRow("timestamps") << true << stream
                                << QStringList{QStringLiteral("O %1 starting").arg(kBase + 1),
                                               QStringLiteral("E %1 warn: low memory").arg(kBase + 2),
                                               QStringLiteral("O %1 part one, part two").arg(kBase + 3),
                                               QStringLiteral("O %1 a").arg(kBase + 4),
                                               QStringLiteral("O %1 b").arg(kBase + 5),
                                               QStringLiteral("E %1 no newline yet").arg(kBase + 6)};
    QTest::newRow("plain") << false << frame(1, "x\ny") + frame(2, "e1\n") + frame(1, "z\n\n") + frame(2, "e2")
                           << QStringList{QStringLiteral("O - x"), QStringLiteral("E - e1"), QStringLiteral("O - yz"),
                                          QStringLiteral("O - "), QStringLiteral("E - e2")};
}

void TestLogLineAssembler::demuxedEverySplitPosition()
{
    QFETCH(bool, timestamps);
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
        LogDemuxer demuxer;
        LogLineAssembler assembler(timestamps);
        QList<LogLine> got;
        for (const QByteArrayView part : {QByteArrayView(bytes).first(cut), QByteArrayView(bytes).sliced(cut)}) {
            for (const LogChunk &chunk : demuxer.feed(part))
                got += assembler.feed(chunk);
        }
        got += assembler.flush();
        if (describe(got) != expected)
            QFAIL(qPrintable(QStringLiteral("split at %1: got %2").arg(cut).arg(describe(got).join(QStringLiteral(" | ")))));
    }
}

void TestLogLineAssembler::flushEmpties()
{
    LogLineAssembler assembler;
    QVERIFY(assembler.flush().isEmpty());
    assembler.feed(LogChunk{Stream::Stderr, "x"});
    QCOMPARE(assembler.flush().size(), 1);
    QVERIFY(assembler.flush().isEmpty());
    QVERIFY(assembler.feed(LogChunk{Stream::Stderr, ""}).isEmpty());
}

QTEST_GUILESS_MAIN(TestLogLineAssembler)
#include "tst_loglineassembler.moc"
