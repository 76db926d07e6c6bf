#include "docker/JsonLineSplitter.h"

#include <QFile>
#include <QJsonDocument>
#include <QObject>
#include <QtTest>

using stagehand::JsonLineSplitter;

namespace {

QStringList compact(const QList<QJsonObject> &objects)
{
    QStringList out;
    for (const QJsonObject &object : objects)
        out.append(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    return out;
}

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

class TestJsonLineSplitter : public QObject {
    Q_OBJECT

private:
    void addStreams();

private Q_SLOTS:
    void whole_data() { addStreams(); }
    void whole();
    void everySplitPosition_data() { addStreams(); }
    void everySplitPosition();
    void byteByByte_data() { addStreams(); }
    void byteByByte();
    void objectReturnedAtItsClosingBrace();
    void finishReportsPartial();
    void errorsTakenOnce();
    void capturedStatsStream();
};

void TestJsonLineSplitter::addStreams()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("errors");

    QTest::newRow("one line") << QByteArray("{\"a\":1}\n") << QStringList{s("{\"a\":1}")} << 0;
    QTest::newRow("no trailing newline") << QByteArray("{\"a\":1}") << QStringList{s("{\"a\":1}")} << 0;
    QTest::newRow("newline separated")
        << QByteArray("{\"status\":\"Pulling fs layer\",\"id\":\"abc\"}\n{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1,\"total\":2}}\n")
        << QStringList{s("{\"id\":\"abc\",\"status\":\"Pulling fs layer\"}"),
                       s("{\"progressDetail\":{\"current\":1,\"total\":2},\"status\":\"Downloading\"}")}
        << 0;
    QTest::newRow("CRLF separated") << QByteArray("{\"a\":1}\r\n{\"b\":2}\r\n") << QStringList{s("{\"a\":1}"), s("{\"b\":2}")} << 0;
    QTest::newRow("concatenated") << QByteArray("{\"a\":1}{\"b\":2}{\"c\":3}") << QStringList{s("{\"a\":1}"), s("{\"b\":2}"), s("{\"c\":3}")} << 0;
    QTest::newRow("blank lines and spaces") << QByteArray("\n\n  {\"a\":1}  \n\t\n{\"b\":2}\n\n")
                                            << QStringList{s("{\"a\":1}"), s("{\"b\":2}")} << 0;
    QTest::newRow("braces and quotes inside strings")
        << QByteArray("{\"msg\":\"a } b { c \\\" } ] [\",\"x\":\"\\\\\"}\n{\"y\":\"\\\\\\\"}\"}\n")
        << QStringList{s("{\"msg\":\"a } b { c \\\" } ] [\",\"x\":\"\\\\\"}"), s("{\"y\":\"\\\\\\\"}\"}")} << 0;
    QTest::newRow("nested objects and arrays")
        << QByteArray("{\"Actor\":{\"ID\":\"c1\",\"Attributes\":{\"name\":\"web\"}},\"list\":[[1],[2,{\"z\":[]}]]}\n")
        << QStringList{s("{\"Actor\":{\"Attributes\":{\"name\":\"web\"},\"ID\":\"c1\"},\"list\":[[1],[2,{\"z\":[]}]]}")} << 0;
    QTest::newRow("utf-8") << QByteArray("{\"t\":\"gr\xc3\xbc\xc3\x9f \xe2\x9c\x93\"}\n") << QStringList{s("{\"t\":\"gr\xc3\xbc\xc3\x9f \xe2\x9c\x93\"}")} << 0;
    QTest::newRow("malformed line between good ones")
        << QByteArray("{\"a\":1}\n{\"b\":}\n{\"c\":3}\n") << QStringList{s("{\"a\":1}"), s("{\"c\":3}")} << 1;
    QTest::newRow("object cut short by a newline")
        << QByteArray("{\"a\":1\n{\"b\":2}\n") << QStringList{s("{\"b\":2}")} << 1;
    QTest::newRow("string cut short by a newline")
        << QByteArray("{\"a\":\"unterminated\n{\"b\":2}\n") << QStringList{s("{\"b\":2}")} << 1;
    QTest::newRow("stray text line") << QByteArray("hello\n{\"a\":1}\nworld\n") << QStringList{s("{\"a\":1}")} << 2;
    QTest::newRow("not an object") << QByteArray("[1,2]\n{\"a\":1}\n") << QStringList{s("{\"a\":1}")} << 1;
    QTest::newRow("scalar line") << QByteArray("42\n\"x\"\n{\"a\":1}\n") << QStringList{s("{\"a\":1}")} << 2;
    QTest::newRow("extra closing brace") << QByteArray("{\"a\":1}}\n{\"b\":2}\n") << QStringList{s("{\"a\":1}"), s("{\"b\":2}")} << 1;
}

void TestJsonLineSplitter::whole()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    QFETCH(int, errors);
    JsonLineSplitter splitter;
    QCOMPARE(compact(splitter.feed(bytes)), expected);
    const QStringList messages = splitter.takeErrors();
    QCOMPARE(messages.size(), errors);
    QVERIFY(!splitter.hasPartial());
}

void TestJsonLineSplitter::everySplitPosition()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    QFETCH(int, errors);
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
        JsonLineSplitter splitter;
        QList<QJsonObject> got = splitter.feed(QByteArrayView(bytes).first(cut));
        got += splitter.feed(QByteArrayView(bytes).sliced(cut));
        if (compact(got) != expected)
            QFAIL(qPrintable(QStringLiteral("split at %1: %2").arg(cut).arg(compact(got).join(QLatin1Char(' ')))));
        QCOMPARE(splitter.takeErrors().size(), errors);
    }
}

void TestJsonLineSplitter::byteByByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    QFETCH(int, errors);
    JsonLineSplitter splitter;
    QList<QJsonObject> got;
    for (qsizetype i = 0; i < bytes.size(); ++i)
        got += splitter.feed(QByteArrayView(bytes).sliced(i, 1));
    QCOMPARE(compact(got), expected);
    QCOMPARE(splitter.takeErrors().size(), errors);
}

void TestJsonLineSplitter::objectReturnedAtItsClosingBrace()
{
    JsonLineSplitter splitter;
    QVERIFY(splitter.feed("{\"a\":").isEmpty());
    QVERIFY(splitter.hasPartial());
    QCOMPARE(compact(splitter.feed("1}")), QStringList{s("{\"a\":1}")}); // no newline needed
    QVERIFY(!splitter.hasPartial());
}

void TestJsonLineSplitter::finishReportsPartial()
{
    JsonLineSplitter splitter;
    QCOMPARE(splitter.feed("{\"a\":1}\n{\"b\":").size(), 1);
    QVERIFY(splitter.takeErrors().isEmpty());
    splitter.finish();
    const QStringList errors = splitter.takeErrors();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains(QStringLiteral("incomplete")), qPrintable(errors[0]));
    QVERIFY(!splitter.hasPartial());
    QCOMPARE(splitter.feed("{\"c\":3}").size(), 1);
    splitter.finish();
    QVERIFY(splitter.takeErrors().isEmpty());
}

void TestJsonLineSplitter::errorsTakenOnce()
{
    JsonLineSplitter splitter;
    splitter.feed("nope\n{\"a\":}\n");
    const QStringList errors = splitter.takeErrors();
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors[0].contains(QStringLiteral("nope")), qPrintable(errors[0]));
    QVERIFY2(errors[1].contains(QStringLiteral("{\"a\":}")), qPrintable(errors[1]));
    QVERIFY(splitter.takeErrors().isEmpty());
}

void TestJsonLineSplitter::capturedStatsStream()
{
    QFile file(QStringLiteral(STAGEHAND_TEST_DATA "/docker/stats-busyloop-cgroup1.jsonl"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    for (qsizetype chunk : {qsizetype(1), qsizetype(7), qsizetype(1000), bytes.size()}) {
        JsonLineSplitter splitter;
        QList<QJsonObject> got;
        for (qsizetype at = 0; at < bytes.size(); at += chunk)
            got += splitter.feed(QByteArrayView(bytes).sliced(at, std::min(chunk, bytes.size() - at)));
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[1].value(QStringLiteral("name")).toString(), QStringLiteral("/helper9-stats"));
        QVERIFY(splitter.takeErrors().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestJsonLineSplitter)
#include "tst_jsonlinesplitter.moc"
