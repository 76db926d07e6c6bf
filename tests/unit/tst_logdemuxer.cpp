#include "docker/LogDemuxer.h"

#include <QObject>
#include <QRandomGenerator>
#include <QtTest>

using stagehand::LogChunk;
using stagehand::LogDemuxer;
using Stream = LogChunk::Stream;

namespace {

QByteArray frame(quint8 type, const QByteArray &payload)
{
    QByteArray out;
    out.append(char(type));
    out.append(3, '\0');
    const quint32 size = quint32(payload.size());
    out.append(char((size >> 24) & 0xff));
    out.append(char((size >> 16) & 0xff));
    out.append(char((size >> 8) & 0xff));
    out.append(char(size & 0xff));
    out.append(payload);
    return out;
}

// Adjacent pieces of one stream merged, empty pieces dropped: what a reader ends up with, independent of
// how the bytes were cut.
QList<LogChunk> normalized(const QList<LogChunk> &chunks)
{
    QList<LogChunk> out;
    for (const LogChunk &chunk : chunks) {
        if (chunk.data.isEmpty())
            continue;
        if (!out.isEmpty() && out.last().stream == chunk.stream)
            out.last().data.append(chunk.data);
        else
            out.append(chunk);
    }
    return out;
}

QList<LogChunk> feedAll(LogDemuxer &demuxer, const QByteArray &bytes, const QList<qsizetype> &cuts)
{
    QList<LogChunk> out;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        out += demuxer.feed(QByteArrayView(bytes).sliced(from, cut - from));
        from = cut;
    }
    out += demuxer.feed(QByteArrayView(bytes).sliced(from));
    return out;
}

QByteArray bytesOf(int count, int seed)
{
    QByteArray out(count, '\0');
    QRandomGenerator generator{quint32(seed)};
    for (int i = 0; i < count; ++i)
        out[i] = char(generator.bounded(256)); // includes 0, 1, 2 and '\n': payloads are opaque
    return out;
}

} // namespace

class TestLogDemuxer : public QObject {
    Q_OBJECT

private:
    void addStreams();

private Q_SLOTS:
    void wholeFeed_data() { addStreams(); }
    void wholeFeed();
    void everySplitPosition_data() { addStreams(); }
    void everySplitPosition();
    void everyPairOfSplits_data() { addStreams(); }
    void everyPairOfSplits();
    void byteByByte_data() { addStreams(); }
    void byteByByte();
    void randomChunks_data() { addStreams(); }
    void randomChunks();
    void partialFrameTracking_data() { addStreams(); }
    void partialFrameTracking();
    void payloadReturnedAsItArrives();
    void severalFramesInOneChunkMerged();
    void keptFramesMarkTheirStart();
    void headerSplitAcrossChunks();
    void tty_data();
    void tty();
    void unknownStreamType();
    void emptyFeed();
};

void TestLogDemuxer::addStreams()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<LogChunk>>("expected");
    QTest::addColumn<QList<qsizetype>>("frameEnds"); // offsets at which no frame is partial

    const auto add = [](const char *name, const QList<QPair<quint8, QByteArray>> &frames) {
        QByteArray bytes;
        QList<LogChunk> expected;
        QList<qsizetype> ends{0};
        for (const auto &[type, payload] : frames) {
            bytes += frame(type, payload);
            ends.append(bytes.size());
            expected.append(LogChunk{Stream(type), payload});
        }
        QTest::newRow(name) << bytes << normalized(expected) << ends;
    };
    add("one stdout frame", {{1, "hello\n"}});
    add("one stderr frame", {{2, "oops\n"}});
    add("stdin frame", {{0, "typed\n"}});
    add("stdout then stderr", {{1, "out line\n"}, {2, "err line\n"}});
    add("interleaved", {{1, "a"}, {2, "b"}, {1, "c\n"}, {2, "d\n"}, {1, "e"}});
    add("empty payload between", {{1, "x"}, {1, ""}, {2, ""}, {2, "y"}});
    add("payload looks like headers", {{1, frame(2, "inner")}, {2, QByteArray("\x01\0\0\0\0\0\0\x05", 8)}});
    add("binary payloads", {{1, bytesOf(37, 1)}, {2, bytesOf(11, 2)}, {1, bytesOf(64, 3)}});
    add("many tiny frames", {{1, "1"}, {2, "2"}, {1, "3"}, {2, "4"}, {1, "5"}, {2, "6"}, {1, "7"}, {2, "8"}});
    add("length above 65535 uses all four bytes", {{1, bytesOf(65540, 4)}, {2, "tail\n"}});
    add("length above 16 MiB", {{2, bytesOf(16 * 1024 * 1024 + 3, 5)}});
}

void TestLogDemuxer::wholeFeed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<LogChunk>, expected);
    LogDemuxer demuxer;
    QCOMPARE(normalized(demuxer.feed(bytes)), expected);
    QVERIFY(!demuxer.hasPartialFrame());
    QCOMPARE(demuxer.malformedHeaders(), 0);
}

void TestLogDemuxer::everySplitPosition()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<LogChunk>, expected);
    if (bytes.size() > 70000)
        QSKIP("covered by randomChunks; every position would take too long");
    for (qsizetype cut = 1; cut < bytes.size(); ++cut) {
        LogDemuxer demuxer;
        const QList<LogChunk> got = normalized(feedAll(demuxer, bytes, {cut}));
        if (got != expected)
            QFAIL(qPrintable(QStringLiteral("wrong result when split at byte %1 of %2").arg(cut).arg(bytes.size())));
        QVERIFY(!demuxer.hasPartialFrame());
    }
}

void TestLogDemuxer::everyPairOfSplits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<LogChunk>, expected);
    if (bytes.size() > 300)
        QSKIP("quadratic: small streams only");
    for (qsizetype first = 1; first < bytes.size(); ++first) {
        for (qsizetype second = first; second < bytes.size(); ++second) {
            LogDemuxer demuxer;
            if (normalized(feedAll(demuxer, bytes, {first, second})) != expected)
                QFAIL(qPrintable(QStringLiteral("wrong result when split at %1 and %2").arg(first).arg(second)));
        }
    }
}

void TestLogDemuxer::byteByByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<LogChunk>, expected);
    if (bytes.size() > 200000)
        QSKIP("large stream: see randomChunks");
    LogDemuxer demuxer;
    QList<LogChunk> got;
    for (qsizetype i = 0; i < bytes.size(); ++i)
        got += demuxer.feed(QByteArrayView(bytes).sliced(i, 1));
    QCOMPARE(normalized(got), expected);
}

void TestLogDemuxer::randomChunks()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<LogChunk>, expected);
    QRandomGenerator generator(20240102);
    for (int round = 0; round < 20; ++round) {
        QList<qsizetype> cuts;
        qsizetype at = 0;
        const int maxChunk = round % 2 ? 16 : 70000;
        if (maxChunk == 16 && bytes.size() > 1000000)
            continue;
        while (true) {
            at += 1 + generator.bounded(maxChunk);
            if (at >= bytes.size())
                break;
            cuts.append(at);
        }
        LogDemuxer demuxer;
        QCOMPARE(normalized(feedAll(demuxer, bytes, cuts)), expected);
    }
}

void TestLogDemuxer::partialFrameTracking()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<qsizetype>, frameEnds);
    if (bytes.size() > 200000)
        QSKIP("large stream");
    LogDemuxer demuxer;
    QVERIFY(!demuxer.hasPartialFrame());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        demuxer.feed(QByteArrayView(bytes).sliced(i, 1));
        QCOMPARE(demuxer.hasPartialFrame(), !frameEnds.contains(i + 1));
    }
}

void TestLogDemuxer::payloadReturnedAsItArrives()
{
    LogDemuxer demuxer;
    const QByteArray bytes = frame(2, "abcdef");
    QCOMPARE(demuxer.feed(QByteArrayView(bytes).first(3)), QList<LogChunk>{});
    QCOMPARE(demuxer.feed(QByteArrayView(bytes).sliced(3, 7)), (QList<LogChunk>{{Stream::Stderr, "ab"}}));
    QVERIFY(demuxer.hasPartialFrame());
    QCOMPARE(demuxer.feed(QByteArrayView(bytes).sliced(10)), (QList<LogChunk>{{Stream::Stderr, "cdef"}}));
    QVERIFY(!demuxer.hasPartialFrame());
}

void TestLogDemuxer::severalFramesInOneChunkMerged()
{
    LogDemuxer demuxer;
    const QByteArray bytes = frame(1, "a") + frame(1, "b") + frame(2, "c") + frame(1, "d");
    const QList<LogChunk> expected{{Stream::Stdout, "ab"}, {Stream::Stderr, "c"}, {Stream::Stdout, "d"}};
    QCOMPARE(demuxer.feed(bytes), expected);
}

void TestLogDemuxer::headerSplitAcrossChunks()
{
    LogDemuxer demuxer;
    const QByteArray bytes = frame(1, "first") + frame(2, "second");
    const qsizetype secondHeader = frame(1, "first").size();
    QCOMPARE(demuxer.feed(QByteArrayView(bytes).first(secondHeader + 5)), (QList<LogChunk>{{Stream::Stdout, "first"}}));
    QVERIFY(demuxer.hasPartialFrame());
    QCOMPARE(demuxer.feed(QByteArrayView(bytes).sliced(secondHeader + 5, 2)), QList<LogChunk>{});
    QCOMPARE(demuxer.feed(QByteArrayView(bytes).sliced(secondHeader + 7)), (QList<LogChunk>{{Stream::Stderr, "second"}}));
}

void TestLogDemuxer::tty_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text") << QByteArray("plain output\r\nmore\r\n");
    QTest::newRow("bytes that look like a header") << frame(2, "not demuxed");
    QTest::newRow("binary") << bytesOf(1000, 9);
}

void TestLogDemuxer::tty()
{
    QFETCH(QByteArray, bytes);
    for (qsizetype cut = 0; cut <= bytes.size(); cut += 7) {
        LogDemuxer demuxer(true);
        QVERIFY(demuxer.isTty());
        const QList<LogChunk> got = feedAll(demuxer, bytes, {cut});
        QCOMPARE(normalized(got), (QList<LogChunk>{{Stream::Stdout, bytes}}));
        for (const LogChunk &chunk : got)
            QCOMPARE(chunk.stream, Stream::Stdout);
        QVERIFY(!demuxer.hasPartialFrame());
    }
}

void TestLogDemuxer::unknownStreamType()
{
    LogDemuxer demuxer;
    const QByteArray bytes = frame(7, "odd") + frame(2, "err");
    QCOMPARE(demuxer.feed(bytes), (QList<LogChunk>{{Stream::Stdout, "odd"}, {Stream::Stderr, "err"}}));
    QCOMPARE(demuxer.malformedHeaders(), 1);
}

void TestLogDemuxer::emptyFeed()
{
    LogDemuxer demuxer;
    QVERIFY(demuxer.feed(QByteArrayView()).isEmpty());
    QVERIFY(!demuxer.hasPartialFrame());
    LogDemuxer ttyDemuxer(true);
    QVERIFY(ttyDemuxer.feed(QByteArrayView()).isEmpty());
}

// With frames kept (resumable logs: each frame opens with its own timestamp), frames of one stream
// in one feed stay apart, and only the first piece of a frame split across feeds says it opens one.
void TestLogDemuxer::keptFramesMarkTheirStart()
{
    LogDemuxer demuxer;
    demuxer.setKeepFrames(true);
    const QByteArray bytes = frame(1, "T1 first piece ") + frame(1, "T2 second\n") + frame(2, "T3 err\n");
    const QList<LogChunk> whole = demuxer.feed(bytes);
    QCOMPARE(whole.size(), 3);
    QCOMPARE(whole.at(0), (LogChunk{LogChunk::Stream::Stdout, "T1 first piece ", true}));
    QCOMPARE(whole.at(1), (LogChunk{LogChunk::Stream::Stdout, "T2 second\n", true}));
    QCOMPARE(whole.at(2), (LogChunk{LogChunk::Stream::Stderr, "T3 err\n", true}));

    const QByteArray one = frame(1, "T4 split payload\n");
    const qsizetype cut = LogDemuxer::HeaderSize + 5;
    const QList<LogChunk> head = demuxer.feed(QByteArrayView(one).first(cut));
    const QList<LogChunk> tail = demuxer.feed(QByteArrayView(one).sliced(cut));
    QCOMPARE(head, (QList<LogChunk>{{LogChunk::Stream::Stdout, "T4 sp", true}}));
    QCOMPARE(tail, (QList<LogChunk>{{LogChunk::Stream::Stdout, "lit payload\n", false}}));
}

QTEST_GUILESS_MAIN(TestLogDemuxer)
#include "tst_logdemuxer.moc"
