// The CLI's pure parts: docker's human-readable figures (go-units), the --since/--until forms, and
// how ps, events and stats render one container, event or sample.

#include "ContainerFormat.h"
#include "EventsCommand.h"
#include "HumanUnits.h"
#include "StatsCommand.h"
#include "TextTable.h"
#include "TimeArgument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QtTest>

using namespace stagehand;
using namespace stagehand::cli;

class TestCliFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bytesSize();
    void humanSize();
    void humanDuration();
    void timeArguments_data();
    void timeArguments();
    void badTimeArguments();
    void containerFormat();
    void eventText();
    void statsRow();
    void textTable();
};

void TestCliFormat::bytesSize()
{
    QCOMPARE(HumanUnits::bytesSize(0), QStringLiteral("0B"));
    QCOMPARE(HumanUnits::bytesSize(1023), QStringLiteral("1023B"));
    QCOMPARE(HumanUnits::bytesSize(1024), QStringLiteral("1KiB"));
    QCOMPARE(HumanUnits::bytesSize(1536), QStringLiteral("1.5KiB"));
    QCOMPARE(HumanUnits::bytesSize(708 * 1024), QStringLiteral("708KiB"));
    QCOMPARE(HumanUnits::bytesSize(256.0 * 1024 * 1024), QStringLiteral("256MiB"));
    QCOMPARE(HumanUnits::bytesSize(25276194816.0), QStringLiteral("23.54GiB"));
}

void TestCliFormat::humanSize()
{
    QCOMPARE(HumanUnits::humanSize(0), QStringLiteral("0B"));
    QCOMPARE(HumanUnits::humanSize(999), QStringLiteral("999B"));
    QCOMPARE(HumanUnits::humanSize(1000), QStringLiteral("1kB"));
    QCOMPARE(HumanUnits::humanSize(1234567), QStringLiteral("1.23MB"));
    QCOMPARE(HumanUnits::humanSize(398e6), QStringLiteral("398MB"));
    QCOMPARE(HumanUnits::humanSize(12345), QStringLiteral("12.3kB"));
}

void TestCliFormat::humanDuration()
{
    const qint64 hour = 3600;
    const qint64 day = 24 * hour;
    QCOMPARE(HumanUnits::humanDuration(0), QStringLiteral("Less than a second"));
    QCOMPARE(HumanUnits::humanDuration(1), QStringLiteral("1 second"));
    QCOMPARE(HumanUnits::humanDuration(59), QStringLiteral("59 seconds"));
    QCOMPARE(HumanUnits::humanDuration(60), QStringLiteral("About a minute"));
    QCOMPARE(HumanUnits::humanDuration(119), QStringLiteral("About a minute"));
    QCOMPARE(HumanUnits::humanDuration(59 * 60 + 59), QStringLiteral("59 minutes"));
    QCOMPARE(HumanUnits::humanDuration(hour), QStringLiteral("About an hour"));
    QCOMPARE(HumanUnits::humanDuration(90 * 60), QStringLiteral("2 hours"));
    QCOMPARE(HumanUnits::humanDuration(47 * hour), QStringLiteral("47 hours"));
    QCOMPARE(HumanUnits::humanDuration(2 * day), QStringLiteral("2 days"));
    QCOMPARE(HumanUnits::humanDuration(14 * day), QStringLiteral("2 weeks"));
    QCOMPARE(HumanUnits::humanDuration(60 * day), QStringLiteral("2 months"));
    QCOMPARE(HumanUnits::humanDuration(730 * day), QStringLiteral("2 years"));
}

void TestCliFormat::timeArguments_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("engine");
    // now: 2024-01-02T03:04:05Z = 1704164645
    QTest::newRow("unix") << QStringLiteral("1700000000") << QStringLiteral("1700000000");
    QTest::newRow("unix fraction") << QStringLiteral("1700000000.25") << QStringLiteral("1700000000.25");
    QTest::newRow("rfc3339 Z") << QStringLiteral("2024-01-02T03:04:05Z") << QStringLiteral("1704164645");
    QTest::newRow("rfc3339 offset") << QStringLiteral("2024-01-02T03:04:05.5+01:00") << QStringLiteral("1704161045.500000000");
    QTest::newRow("rfc3339 nanos") << QStringLiteral("2024-01-02T03:04:05.000000001Z") << QStringLiteral("1704164645.000000001");
    QTest::newRow("no zone") << QStringLiteral("2024-01-02T03:04:05") << QStringLiteral("1704164645");
    QTest::newRow("minutes only") << QStringLiteral("2024-01-02T03:04") << QStringLiteral("1704164640");
    QTest::newRow("date") << QStringLiteral("2024-01-02") << QStringLiteral("1704153600");
    QTest::newRow("duration") << QStringLiteral("10m") << QStringLiteral("1704164045");
    QTest::newRow("fractional duration") << QStringLiteral("1.5s") << QStringLiteral("1704164643.500000000");
    QTest::newRow("compound duration") << QStringLiteral("1h30m") << QStringLiteral("1704159245");
}

void TestCliFormat::timeArguments()
{
    QFETCH(QString, text);
    QFETCH(QString, engine);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1704164645, QTimeZone::utc());
    QString error;
    const std::optional<QString> converted = TimeArgument::toEngineTime(text, now, &error);
    QVERIFY2(converted, qPrintable(error));
    QCOMPARE(*converted, engine);
}

void TestCliFormat::badTimeArguments()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const char *text : {"yesterday", "2024-13-45", "10x", "", "2024-01-02T25:00:00Z", "1700000000.1234567891"}) {
        QString error;
        QVERIFY2(!TimeArgument::toEngineTime(QString::fromLatin1(text), now, &error), text);
        QVERIFY(error.contains(QLatin1String("is not a time")));
    }
}

void TestCliFormat::containerFormat()
{
    // As GET /containers/json lists a container of docker-compose 1.29.
    const QByteArray json =
        R"json({"Id": "0123456789abcdef", "Names": ["/shop_web_1"], "Image": "shop/web:1", "ImageID": "sha256:feed",
        "State": "running", "Status": "Up 5 minutes (healthy)", "Created": 1704164645,
        "Ports": [{"IP": "127.0.0.1", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"}, {"PrivatePort": 9000, "Type": "udp"}],
        "Labels": {"com.docker.compose.project": "shop", "com.docker.compose.service": "web",
                   "com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False"}})json";
    const ContainerSummary c = ContainerSummary::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(ContainerFormat::health(c), QStringLiteral("healthy"));
    QCOMPARE(ContainerFormat::ports(c), QStringLiteral("127.0.0.1:8080->80/tcp, 9000/udp"));
    QCOMPARE(ContainerFormat::row(c, ContainerFormat::Role::Service),
             QStringList({QStringLiteral("shop_web_1"), QStringLiteral("web"), QStringLiteral("running"),
                          QStringLiteral("healthy"), QStringLiteral("127.0.0.1:8080->80/tcp, 9000/udp"),
                          QStringLiteral("shop/web:1"), QStringLiteral("Up 5 minutes (healthy)")}));
    QCOMPARE(ContainerFormat::row(c, ContainerFormat::Role::Orphan).at(1), QStringLiteral("web (orphan)"));
    QCOMPARE(ContainerFormat::row(c, ContainerFormat::Role::OneOff).at(1), QStringLiteral("web (run)"));

    const QJsonObject o = ContainerFormat::toJson(c, ContainerFormat::Role::Orphan);
    QCOMPARE(o.value(QLatin1String("name")).toString(), QStringLiteral("shop_web_1"));
    QCOMPARE(o.value(QLatin1String("project")).toString(), QStringLiteral("shop"));
    QCOMPARE(o.value(QLatin1String("number")).toInt(), 1);
    QCOMPARE(o.value(QLatin1String("orphan")).toBool(), true);
    QCOMPARE(o.value(QLatin1String("one_off")).toBool(), false);
    QCOMPARE(o.value(QLatin1String("created")).toString(), QStringLiteral("2024-01-02T03:04:05Z"));
    QCOMPARE(o.value(QLatin1String("image_id")).toString(), QStringLiteral("sha256:feed"));
    const QJsonArray ports = o.value(QLatin1String("ports")).toArray();
    QCOMPARE(ports.at(0).toObject(), (QJsonObject{{QStringLiteral("host_ip"), QStringLiteral("127.0.0.1")},
                                                  {QStringLiteral("published"), 8080},
                                                  {QStringLiteral("target"), 80},
                                                  {QStringLiteral("protocol"), QStringLiteral("tcp")}}));
    QVERIFY(ports.at(1).toObject().value(QLatin1String("published")).isNull());
    QCOMPARE(ports.at(1).toObject().value(QLatin1String("host_ip")).toString(), QString());

    ContainerSummary starting = c;
    starting.status = QStringLiteral("Up 2 seconds (health: starting)");
    QCOMPARE(ContainerFormat::health(starting), QStringLiteral("starting"));
    starting.status = QStringLiteral("Up 2 seconds (unhealthy)");
    QCOMPARE(ContainerFormat::health(starting), QStringLiteral("unhealthy"));
    starting.status = QStringLiteral("Exited (0) 3 hours ago");
    QCOMPARE(ContainerFormat::health(starting), QString());
    QCOMPARE(ContainerFormat::row(starting, ContainerFormat::Role::Plain).at(3), QStringLiteral("-"));
}

void TestCliFormat::eventText()
{
    EngineEvent e;
    e.type = QStringLiteral("container");
    e.action = QStringLiteral("start");
    e.actorId = QStringLiteral("abc");
    e.attributes = {{QStringLiteral("name"), QStringLiteral("web")}, {QStringLiteral("image"), QStringLiteral("shop/web:1")}};
    e.time = 1704164645;
    e.timeNano = 1704164645000000042;
    QCOMPARE(EventsCommand::text(e),
             QStringLiteral("2024-01-02T03:04:05.000000042Z container start abc (image=shop/web:1, name=web)"));
    e.attributes.clear();
    e.timeNano = 0;
    QCOMPARE(EventsCommand::text(e), QStringLiteral("2024-01-02T03:04:05.000000000Z container start abc"));
}

void TestCliFormat::statsRow()
{
    StatsSample s;
    s.id = QStringLiteral("0123456789abcdef0123");
    s.name = QStringLiteral("web");
    s.cpuPercent = 12.345;
    s.memoryUsage = 1536 * 1024;
    s.memoryLimit = qint64(256) * 1024 * 1024;
    s.memoryPercent = 0.5859375;
    s.networkRx = 1234;
    s.networkTx = 0;
    s.blockRead = 4096000;
    s.blockWrite = 12345678;
    s.pids = 3;
    QCOMPARE(StatsCommand::row(s),
             QStringList({QStringLiteral("0123456789ab"), QStringLiteral("web"), QStringLiteral("12.35%"),
                          QStringLiteral("1.5MiB / 256MiB"), QStringLiteral("0.59%"), QStringLiteral("1.23kB / 0B"),
                          QStringLiteral("4.1MB / 12.3MB"), QStringLiteral("3")}));
    QCOMPARE(StatsCommand::header().size(), StatsCommand::row(s).size());
    const QJsonObject o = StatsCommand::toJson(s);
    QCOMPARE(o.value(QLatin1String("memory_usage")).toInteger(), qint64(1536 * 1024));
    QCOMPARE(o.value(QLatin1String("cpu_percent")).toDouble(), 12.345);
    QCOMPARE(o.value(QLatin1String("read")).toString(), QString()); // no reading time
}

void TestCliFormat::textTable()
{
    const QString table = TextTable::format(
        {{QStringLiteral("NAME"), QStringLiteral("STATE")}, {QStringLiteral("a-long-name"), QStringLiteral("up")}}, 3);
    QCOMPARE(table, QStringLiteral("NAME          STATE\na-long-name   up\n"));
    // Trailing blanks are cut: an empty last cell leaves no padding behind.
    QCOMPARE(TextTable::format({{QStringLiteral("x"), QString()}}), QStringLiteral("x\n"));
}

QTEST_GUILESS_MAIN(TestCliFormat)
#include "tst_cliformat.moc"
