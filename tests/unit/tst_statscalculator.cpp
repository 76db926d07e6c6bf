#include "docker/StatsCalculator.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>
#include <QtTest>

#include <cmath>

using stagehand::StatsCalculator;
using stagehand::StatsSample;

namespace {

QString dataPath(const char *name)
{
    return QStringLiteral(STAGEHAND_TEST_DATA "/docker/") + QString::fromUtf8(name);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON fixture: %s", qPrintable(error.errorString()));
    return document.object();
}

// The two consecutive objects captured from GET /v1.41/containers/<id>/stats?stream=true
// (engine 20.10.24, cgroup v1, 2 CPUs; a `while :; do :; done` loop in stagehand/base, --network none).
QList<QJsonObject> busyLoopPair()
{
    QList<QJsonObject> out;
    const QList<QByteArray> lines = readFile(dataPath("stats-busyloop-cgroup1.jsonl")).split('\n');
    for (const QByteArray &line : lines) {
        if (!line.trimmed().isEmpty())
            out.append(parse(line));
    }
    return out;
}

// docker/go-units BytesSize / HumanSize input, e.g. "736KiB", "23.54GiB", "0B", "1.5MB".
double parseCliSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9.]+)\\s*([KMGTP]?i?B)$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    const bool binary = unit.contains(QLatin1Char('i'));
    const double base = binary ? 1024.0 : 1000.0;
    const int power = QStringLiteral("BKMGTP").indexOf(unit.at(0));
    return value * std::pow(base, power);
}

} // namespace

class TestStatsCalculator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void busyLoopCapture_data();
    void busyLoopCapture();
    void busyLoopMatchesDockerStats();
    void cgroupV2Fixture();
    void rules_data();
    void rules();
    void emptyObject();
};

void TestStatsCalculator::busyLoopCapture_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<double>("cpuPercent");
    QTest::addColumn<QDateTime>("read");

    // object 0: cpu_delta = 5374761025 - 4710935076 = 663825949 ns,
    //           system_delta = 9473860000000 - 9471790000000 = 2070000000 ns, online_cpus = 2
    //           CPU % = 663825949 / 2070000000 * 2 * 100 = 64.13777285...
    QTest::newRow("first") << 0 << 64.137772850241545
                           << QDateTime(QDate(2026, 12, 4), QTime(16, 58, 54, 452), Qt::UTC);
    // object 1: cpu_delta = 6046952832 - 5374761025 = 672191807 ns,
    //           system_delta = 9475860000000 - 9473860000000 = 2000000000 ns, online_cpus = 2
    //           CPU % = 672191807 / 2000000000 * 2 * 100 = 67.2191807 (docker stats printed "67.22%")
    QTest::newRow("second") << 1 << 67.2191807 << QDateTime(QDate(2026, 12, 4), QTime(16, 58, 55, 465), Qt::UTC);
}

void TestStatsCalculator::busyLoopCapture()
{
    QFETCH(int, index);
    QFETCH(double, cpuPercent);
    QFETCH(QDateTime, read);

    const QList<QJsonObject> pair = busyLoopPair();
    QCOMPARE(pair.size(), 2);
    // consecutive: the second object's precpu_stats is the first one's cpu_stats
    QCOMPARE(pair[1].value(QStringLiteral("precpu_stats")), pair[0].value(QStringLiteral("cpu_stats")));

    const StatsSample sample = StatsCalculator::fromJson(pair[index]);
    QVERIFY2(std::abs(sample.cpuPercent - cpuPercent) < 1e-9, qPrintable(QString::number(sample.cpuPercent, 'g', 17)));
    QCOMPARE(sample.read, read);
    QCOMPARE(sample.onlineCpus, 2);
    QVERIFY(sample.hasPreviousCpu);
    // usage 753664, stats.total_inactive_file 0 (< usage) -> 753664 - 0 = 753664 = 736 KiB
    QCOMPARE(sample.memoryUsage, qint64(753664));
    QCOMPARE(sample.memoryLimit, qint64(25276203008));
    QVERIFY(std::abs(sample.memoryPercent - 753664.0 / 25276203008.0 * 100.0) < 1e-12);
    QCOMPARE(sample.networkRx, qint64(0)); // --network none: no "networks" key
    QCOMPARE(sample.networkTx, qint64(0));
    QCOMPARE(sample.blockRead, qint64(0));
    QCOMPARE(sample.blockWrite, qint64(0));
    QCOMPARE(sample.pids, 1);
    QCOMPARE(sample.name, QStringLiteral("helper9-stats"));
    QCOMPARE(sample.id, QStringLiteral("b5490ebb984a071edac6e37a17e110d62ad4d670636422e0d3b2181c5cacb385"));
}

void TestStatsCalculator::busyLoopMatchesDockerStats()
{
    // `docker stats --no-stream --format '{{json .}}'` for the same container, run at the time of the
    // second object (its own sample, so compared within a tolerance: the loop's share of 2 shared CPUs).
    const QJsonObject cli = parse(readFile(dataPath("stats-busyloop-cgroup1.cli.json")));
    const StatsSample sample = StatsCalculator::fromJson(busyLoopPair().at(1));

    QString cpuText = cli.value(QStringLiteral("CPUPerc")).toString();
    QVERIFY(cpuText.endsWith(QLatin1Char('%')));
    cpuText.chop(1);
    QVERIFY(std::abs(cpuText.toDouble() - sample.cpuPercent) < 5.0);
    QCOMPARE(QString::number(sample.cpuPercent, 'f', 2) + QLatin1Char('%'), cli.value(QStringLiteral("CPUPerc")).toString());

    const QStringList memory = cli.value(QStringLiteral("MemUsage")).toString().split(QStringLiteral(" / "));
    QCOMPARE(memory.size(), 2);
    QCOMPARE(parseCliSize(memory[0]), double(sample.memoryUsage)); // "736KiB"
    QVERIFY(std::abs(parseCliSize(memory[1]) - double(sample.memoryLimit)) / double(sample.memoryLimit) < 0.001); // "23.54GiB"
    QCOMPARE(QString::number(sample.memoryPercent, 'f', 2) + QLatin1Char('%'), cli.value(QStringLiteral("MemPerc")).toString());
    QCOMPARE(cli.value(QStringLiteral("PIDs")).toString().toInt(), sample.pids);
    QCOMPARE(cli.value(QStringLiteral("NetIO")).toString(), QStringLiteral("0B / 0B"));
    QCOMPARE(cli.value(QStringLiteral("BlockIO")).toString(), QStringLiteral("0B / 0B"));
}

void TestStatsCalculator::cgroupV2Fixture()
{
    const StatsSample sample = StatsCalculator::fromJson(parse(readFile(dataPath("stats-cgroup2-synthetic.json"))));
    // (5000000000 - 4500000000) / (100000000000 - 96000000000) * 4 * 100 = 50
    QCOMPARE(sample.cpuPercent, 50.0);
    QCOMPARE(sample.onlineCpus, 4);
    // v2: no total_inactive_file; usage 104857600 - inactive_file 33554432 = 71303168
    QCOMPARE(sample.memoryUsage, qint64(71303168));
    QCOMPARE(sample.memoryLimit, qint64(536870912));
    QCOMPARE(sample.memoryPercent, 71303168.0 / 536870912.0 * 100.0);
    QCOMPARE(sample.networkRx, qint64(31000));
    QCOMPARE(sample.networkTx, qint64(42000));
    QCOMPARE(sample.blockRead, qint64(4096904)); // lower-case ops; "discard" counted nowhere
    QCOMPARE(sample.blockWrite, qint64(1048576));
    QCOMPARE(sample.pids, 12);
    QCOMPARE(sample.name, QStringLiteral("demo-dev-api-1"));
    QCOMPARE(sample.read, QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 123), Qt::UTC));
}

void TestStatsCalculator::rules_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<double>("cpuPercent");
    QTest::addColumn<qint64>("memoryUsage");
    QTest::addColumn<double>("memoryPercent");
    QTest::addColumn<qint64>("blockRead");
    QTest::addColumn<qint64>("blockWrite");

    const auto cpu = [](const char *cpuStats, const char *precpuStats) -> QByteArray {
        return QByteArray("{\"cpu_stats\":") + cpuStats + ",\"precpu_stats\":" + precpuStats + "}";
    };
    const auto mem = [](const char *memoryStats) -> QByteArray { return QByteArray("{\"memory_stats\":") + memoryStats + "}"; };
    const auto blk = [](const char *entries) -> QByteArray {
        return QByteArray("{\"blkio_stats\":{\"io_service_bytes_recursive\":") + entries + "}}";
    };

    QTest::newRow("online_cpus scales")
        << cpu("{\"cpu_usage\":{\"total_usage\":300},\"system_cpu_usage\":2000,\"online_cpus\":8}",
               "{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000}")
        << 160.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);
    QTest::newRow("no online_cpus: len(percpu_usage)")
        << cpu("{\"cpu_usage\":{\"total_usage\":300,\"percpu_usage\":[1,2,3]},\"system_cpu_usage\":2000}",
               "{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000}")
        << 60.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);
    QTest::newRow("online_cpus 0: len(percpu_usage)")
        << cpu("{\"cpu_usage\":{\"total_usage\":300,\"percpu_usage\":[1,2]},\"system_cpu_usage\":2000,\"online_cpus\":0}",
               "{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000}")
        << 40.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);
    QTest::newRow("first object of a stream: empty precpu")
        << cpu("{\"cpu_usage\":{\"total_usage\":300},\"system_cpu_usage\":2000,\"online_cpus\":2}",
               "{\"cpu_usage\":{\"total_usage\":0}}")
        << 30.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);
    QTest::newRow("no cpu progress: 0")
        << cpu("{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":2000,\"online_cpus\":2}",
               "{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000}")
        << 0.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);
    QTest::newRow("no system progress: 0")
        << cpu("{\"cpu_usage\":{\"total_usage\":300},\"system_cpu_usage\":1000,\"online_cpus\":2}",
               "{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000}")
        << 0.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);
    QTest::newRow("counter went back (restart): 0")
        << cpu("{\"cpu_usage\":{\"total_usage\":50},\"system_cpu_usage\":2000,\"online_cpus\":2}",
               "{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000}")
        << 0.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);

    QTest::newRow("v1: usage - total_inactive_file (not cache)")
        << mem("{\"usage\":1000,\"limit\":4000,\"stats\":{\"cache\":600,\"total_inactive_file\":200,\"inactive_file\":100}}")
        << 0.0 << qint64(800) << 20.0 << qint64(0) << qint64(0);
    QTest::newRow("v1: total_inactive_file >= usage falls to inactive_file")
        << mem("{\"usage\":1000,\"limit\":4000,\"stats\":{\"total_inactive_file\":1000,\"inactive_file\":100}}")
        << 0.0 << qint64(900) << 22.5 << qint64(0) << qint64(0);
    QTest::newRow("v1: both too large: usage")
        << mem("{\"usage\":1000,\"limit\":4000,\"stats\":{\"total_inactive_file\":5000,\"inactive_file\":1000}}")
        << 0.0 << qint64(1000) << 25.0 << qint64(0) << qint64(0);
    QTest::newRow("v1: total_inactive_file 0 counts (key present)")
        << mem("{\"usage\":1000,\"limit\":4000,\"stats\":{\"total_inactive_file\":0,\"inactive_file\":300}}")
        << 0.0 << qint64(1000) << 25.0 << qint64(0) << qint64(0);
    QTest::newRow("v2: usage - inactive_file")
        << mem("{\"usage\":1000,\"limit\":2000,\"stats\":{\"inactive_file\":250,\"file\":400}}")
        << 0.0 << qint64(750) << 37.5 << qint64(0) << qint64(0);
    QTest::newRow("cache alone is ignored (19.03 rule no more)")
        << mem("{\"usage\":1000,\"limit\":2000,\"stats\":{\"cache\":600}}")
        << 0.0 << qint64(1000) << 50.0 << qint64(0) << qint64(0);
    QTest::newRow("no stats map")
        << mem("{\"usage\":1000,\"limit\":2000}") << 0.0 << qint64(1000) << 50.0 << qint64(0) << qint64(0);
    QTest::newRow("limit 0: 0 percent")
        << mem("{\"usage\":1000,\"limit\":0,\"stats\":{}}") << 0.0 << qint64(1000) << 0.0 << qint64(0) << qint64(0);

    QTest::newRow("block I/O: v1 capitalised ops, several devices")
        << blk("[{\"major\":8,\"minor\":0,\"op\":\"Read\",\"value\":10},{\"major\":8,\"minor\":0,\"op\":\"Write\",\"value\":20},"
               "{\"major\":8,\"minor\":0,\"op\":\"Sync\",\"value\":30},{\"major\":8,\"minor\":0,\"op\":\"Async\",\"value\":40},"
               "{\"major\":8,\"minor\":0,\"op\":\"Total\",\"value\":30},{\"major\":8,\"minor\":16,\"op\":\"Read\",\"value\":5},"
               "{\"major\":8,\"minor\":16,\"op\":\"Write\",\"value\":7}]")
        << 0.0 << qint64(0) << 0.0 << qint64(15) << qint64(27);
    QTest::newRow("block I/O: mixed case, empty op skipped")
        << blk("[{\"op\":\"READ\",\"value\":1},{\"op\":\"write\",\"value\":2},{\"op\":\"\",\"value\":99},{\"value\":98},"
               "{\"op\":\"discard\",\"value\":97}]")
        << 0.0 << qint64(0) << 0.0 << qint64(1) << qint64(2);
    QTest::newRow("block I/O: null list (cgroup v2 engines send null)")
        << blk("null") << 0.0 << qint64(0) << 0.0 << qint64(0) << qint64(0);
}

void TestStatsCalculator::rules()
{
    QFETCH(QByteArray, json);
    QFETCH(double, cpuPercent);
    QFETCH(qint64, memoryUsage);
    QFETCH(double, memoryPercent);
    QFETCH(qint64, blockRead);
    QFETCH(qint64, blockWrite);

    const StatsSample sample = StatsCalculator::fromJson(parse(json));
    QVERIFY2(std::abs(sample.cpuPercent - cpuPercent) < 1e-9, qPrintable(QString::number(sample.cpuPercent)));
    QCOMPARE(sample.memoryUsage, memoryUsage);
    QVERIFY2(std::abs(sample.memoryPercent - memoryPercent) < 1e-9, qPrintable(QString::number(sample.memoryPercent)));
    QCOMPARE(sample.blockRead, blockRead);
    QCOMPARE(sample.blockWrite, blockWrite);
}

void TestStatsCalculator::emptyObject()
{
    const StatsSample sample = StatsCalculator::fromJson(QJsonObject());
    QCOMPARE(sample.cpuPercent, 0.0);
    QCOMPARE(sample.memoryUsage, qint64(0));
    QCOMPARE(sample.memoryPercent, 0.0);
    QCOMPARE(sample.pids, 0);
    QVERIFY(!sample.read.isValid());
    QVERIFY(!sample.hasPreviousCpu);
}

QTEST_GUILESS_MAIN(TestStatsCalculator)
#include "tst_statscalculator.moc"
