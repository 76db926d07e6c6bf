// The pure parts of the container detail widgets (src/gui/detail): LogModel (time-ordered merge,
// capped front removal), LogFilterProxyModel (streams, sources, regex search and navigation),
// StatsHistory (window, rates), InspectMasker and InspectSummary. The models run under
// QAbstractItemModelTester. No engine needed (they live in stagehand_gui, hence tests/gui).

#include "detail/InspectMasker.h"
#include "detail/InspectSummary.h"
#include "detail/LogFilterProxyModel.h"
#include "detail/LogModel.h"
#include "detail/StatsHistory.h"
#include "util/SecretRegistry.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace stagehand;

namespace {

constexpr qint64 Second = 1000000000;
constexpr qint64 Base = 1700000000 * Second;

LogLine line(qint64 nanos, const char *text, LogChunk::Stream stream = LogChunk::Stream::Stdout)
{
    LogLine l;
    l.stream = stream;
    l.timestampNanos = nanos;
    l.text = text;
    return l;
}

QStringList texts(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data().toString());
    return out;
}

QStringList strs(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out.append(QString::fromUtf8(s));
    return out;
}

StatsSample sample(qint64 ms, double cpu, qint64 memory, qint64 rx, qint64 tx)
{
    StatsSample s;
    s.read = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    s.cpuPercent = cpu;
    s.memoryUsage = memory;
    s.memoryLimit = 1000;
    s.networkRx = rx;
    s.networkTx = tx;
    return s;
}

} // namespace

class TestDetailModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void logModelAppendsAndMergesByTime()
    {
        LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int api = model.addSource(QStringLiteral("api"));
        const int db = model.addSource(QStringLiteral("db"));
        model.appendLines(api, {line(Base + 1, "a1"), line(Base + 3, "a3"), line(Base + 5, "a5")});
        model.appendLines(db, {line(Base + 2, "d2"), line(Base + 4, "d4")});
        QCOMPARE(texts(model), (strs({"a1", "d2", "a3", "d4", "a5"})));
        // Equal times keep arrival order; newer lines go to the end.
        model.appendLines(db, {line(Base + 5, "d5"), line(Base + 6, "d6")});
        QCOMPARE(texts(model), (strs({"a1", "d2", "a3", "d4", "a5", "d5", "d6"})));
        // A batch older than everything goes to the front, in one piece.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.appendLines(api, {line(Base - 2, "early1"), line(Base - 1, "early2")});
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 1);
        QCOMPARE(texts(model).mid(0, 3), (strs({"early1", "early2", "a1"})));

        const QModelIndex first = model.index(0, 0);
        QCOMPARE(first.data(LogModel::SourceRole).toString(), QStringLiteral("api"));
        QCOMPARE(first.data(LogModel::SourceIndexRole).toInt(), api);
        QCOMPARE(first.data(LogModel::TimeNanosRole).toLongLong(), Base - 2);
        QCOMPARE(first.data(LogModel::TimeRole).toDateTime().toSecsSinceEpoch(), Base / Second - 1);
        QVERIFY(!first.data(LogModel::StderrRole).toBool());
    }

    void logModelWithoutTimesAppendsInArrivalOrder()
    {
        LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSource(QStringLiteral("x"));
        model.appendLines(0, {line(Base + 10, "timed")});
        model.appendLines(0, {line(0, "untimed1"), line(0, "untimed2")});
        model.appendLines(0, {line(Base + 20, "later")});
        QCOMPARE(texts(model), (strs({"timed", "untimed1", "untimed2", "later"})));
        // Out of order within one batch: each line where its time belongs.
        LogModel other;
        QAbstractItemModelTester otherTester(&other, QAbstractItemModelTester::FailureReportingMode::QtTest);
        other.appendLines(0, {line(Base + 3, "c"), line(Base + 1, "a"), line(Base + 2, "b")});
        QCOMPARE(texts(other), (strs({"a", "b", "c"})));
    }

    void logModelCapacityRemovesFromTheFront()
    {
        LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(5);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QList<LogLine> lines;
        for (int i = 0; i < 8; ++i)
            lines.append(line(Base + i, QByteArray::number(i).constData()));
        model.appendLines(0, lines);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.droppedCount(), 3);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(removed.first().at(2).toInt(), 2);
        QCOMPARE(texts(model), (strs({"3", "4", "5", "6", "7"})));
        for (int i = 8; i < 100; ++i)
            model.appendLines(0, {line(Base + i, QByteArray::number(i).constData())});
        QCOMPARE(texts(model), (strs({"95", "96", "97", "98", "99"})));
        QCOMPARE(model.droppedCount(), 95);
        model.setCapacity(2);
        QCOMPARE(texts(model), (strs({"98", "99"})));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.droppedCount(), 0);
    }

    void logModelFormats()
    {
        QCOMPARE(LogModel::formatTime(1700000000123456789), QStringLiteral("2023-11-14T22:13:20.123456789Z"));
        QCOMPARE(LogModel::formatTime(1700000000 * Second + 5), QStringLiteral("2023-11-14T22:13:20.000000005Z"));
        QCOMPARE(LogModel::formatTime(0), QString());
        LogModel model;
        model.addSource(QStringLiteral("api"));
        model.appendLines(0, {line(1700000000123456789, "boom", LogChunk::Stream::Stderr)});
        QCOMPARE(model.formatEntry(model.entry(0), true, true), QStringLiteral("2023-11-14T22:13:20.123456789Z api stderr boom"));
        QCOMPARE(model.formatEntry(model.entry(0), false, false), QStringLiteral("stderr boom"));
    }

    void logModelRedactsKnownSecrets()
    {
        SecretRegistry::instance().registerSecret(QStringLiteral("hunter2-very-secret"));
        LogModel model;
        model.appendLines(0, {line(Base, "login with hunter2-very-secret ok")});
        QCOMPARE(model.entry(0).text, QStringLiteral("login with ******** ok"));
        SecretRegistry::instance().clear();
    }

    void filterProxyStreamsSourcesAndSearch()
    {
        LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LogFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSource(QStringLiteral("api"));
        model.addSource(QStringLiteral("db"));
        model.appendLines(0, {line(Base + 1, "GET /health 200"), line(Base + 3, "ERROR timeout", LogChunk::Stream::Stderr)});
        model.appendLines(1, {line(Base + 2, "checkpoint"), line(Base + 4, "error: disk", LogChunk::Stream::Stderr)});
        QCOMPARE(proxy.rowCount(), 4);

        proxy.setStderrShown(false);
        QCOMPARE(texts(proxy), (strs({"GET /health 200", "checkpoint"})));
        proxy.setStderrShown(true);
        proxy.setStdoutShown(false);
        QCOMPARE(texts(proxy), (strs({"ERROR timeout", "error: disk"})));
        proxy.setStdoutShown(true);
        proxy.setSourceShown(1, false);
        QCOMPARE(texts(proxy), (strs({"GET /health 200", "ERROR timeout"})));
        proxy.setSourceShown(0, false);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.showAllSources();
        QCOMPARE(proxy.rowCount(), 4);

        // Search: case-insensitive regex; highlight only, or filter.
        QSignalSpy changed(&proxy, &LogFilterProxyModel::searchChanged);
        proxy.setSearchPattern(QStringLiteral("err(or)?"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(proxy.rowCount(), 4);
        QCOMPARE(proxy.matchCount(), 2);
        QCOMPARE(proxy.findMatch(-1, true), 2);
        QCOMPARE(proxy.findMatch(2, true), 3);
        QCOMPARE(proxy.findMatch(3, true), 2); // wraps
        QCOMPARE(proxy.findMatch(-1, false), 3);
        QCOMPARE(proxy.findMatch(2, false), 3);
        proxy.setFilterToMatches(true);
        QCOMPARE(texts(proxy), (strs({"ERROR timeout", "error: disk"})));
        // New lines are filtered as they come.
        model.appendLines(0, {line(Base + 5, "ok"), line(Base + 6, "another error")});
        QCOMPARE(texts(proxy), (strs({"ERROR timeout", "error: disk", "another error"})));

        proxy.setSearchPattern(QStringLiteral("([unclosed"));
        QVERIFY(!proxy.isSearchValid());
        QVERIFY(!proxy.hasSearch());
        QCOMPARE(proxy.rowCount(), 0);
        QCOMPARE(proxy.findMatch(-1, true), -1);
        proxy.setSearchPattern(QString());
        QCOMPARE(proxy.rowCount(), 6);
        QCOMPARE(proxy.findMatch(-1, true), -1);
    }

    void statsHistoryKeepsTheWindowAndComputesRates()
    {
        StatsHistory history(10000, 100);
        const qint64 t0 = 1700000000000;
        QVERIFY(history.add(sample(t0, 10, 100, 1000, 500)));
        QCOMPARE(history.points().back().rxRate, 0.0); // no previous sample
        QVERIFY(history.add(sample(t0 + 2000, 20, 200, 3000, 1500)));
        QCOMPARE(history.points().back().rxRate, 1000.0); // 2000 bytes in 2 s
        QCOMPARE(history.points().back().txRate, 500.0);
        QVERIFY(!history.add(sample(t0 + 2000, 99, 0, 0, 0)));  // not newer
        QVERIFY(!history.add(StatsSample{}));                   // no read time
        QVERIFY(history.add(sample(t0 + 3000, 5, 50, 10, 10))); // counters reset: restarted
        QCOMPARE(history.points().back().rxRate, 0.0);
        QCOMPARE(history.points().back().txRate, 0.0);
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.maximumCpu(), 20.0);
        QCOMPARE(history.maximumMemory(), qint64(200));
        QCOMPARE(history.maximumNetworkRate(), 1000.0);

        QVERIFY(history.add(sample(t0 + 12500, 1, 1, 10, 10)));
        QCOMPARE(history.size(), 1 + 1); // t0 and t0+2000 are older than 10 s before t0+12500
        QCOMPARE(history.points().front().timeMs, t0 + 3000);

        StatsHistory capped(1000000, 3);
        for (int i = 0; i < 10; ++i)
            capped.add(sample(t0 + i * 1000, i, i, i, i));
        QCOMPARE(capped.size(), 3);
        QCOMPARE(capped.points().front().timeMs, t0 + 7000);
        capped.clear();
        QVERIFY(capped.isEmpty());
        QVERIFY(capped.add(sample(t0, 1, 1, 1, 1)));
    }

    void inspectMaskerMasksSecretEnvironmentAndKnownValues()
    {
        SecretRegistry::instance().registerSecret(QStringLiteral("s3cr3t-value-123"));
        const QJsonObject raw{
            {QStringLiteral("Id"), QStringLiteral("abc")},
            {QStringLiteral("Config"),
             QJsonObject{
                 {QStringLiteral("Env"),
                  QJsonArray{QStringLiteral("POSTGRES_PASSWORD=pw-in-env"), QStringLiteral("PATH=/usr/bin"),
                             QStringLiteral("DATABASE_URL=postgres://u:s3cr3t-value-123@db/x"), QStringLiteral("NOVALUE")}},
                 {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("run"), QStringLiteral("--password=s3cr3t-value-123")}}}}};
        const QJsonObject masked = InspectMasker::maskInspect(raw);
        SecretRegistry::instance().clear();
        const QJsonObject config = masked.value(QLatin1String("Config")).toObject();
        QCOMPARE(config.value(QLatin1String("Env")).toArray(),
                 (QJsonArray{QStringLiteral("POSTGRES_PASSWORD=********"), QStringLiteral("PATH=/usr/bin"),
                             QStringLiteral("DATABASE_URL=postgres://u:********@db/x"), QStringLiteral("NOVALUE")}));
        QCOMPARE(config.value(QLatin1String("Cmd")).toArray().at(1).toString(), QStringLiteral("--password=********"));
        const QByteArray json = QJsonDocument(masked).toJson();
        QVERIFY(!json.contains("pw-in-env"));
        QVERIFY(!json.contains("s3cr3t-value-123"));
        QCOMPARE(InspectMasker::maskEnvironmentEntry(QStringLiteral("API_TOKEN=abc=def")), QStringLiteral("API_TOKEN=********"));
    }

    void inspectSummarySections()
    {
        const QByteArray json = R"({
          "Id": "0123456789abcdef0123", "Name": "/demo-api-1", "Created": "2024-01-01T00:00:00Z",
          "Path": "sh", "Args": ["-c", "echo hi; sleep 1"], "Image": "sha256:feed", "RestartCount": 2,
          "State": {"Status": "running", "Running": true, "ExitCode": 0, "Pid": 42,
                    "StartedAt": "2024-01-01T00:00:01Z", "FinishedAt": "0001-01-01T00:00:00Z",
                    "Health": {"Status": "healthy"}},
          "Config": {"Image": "stagehand/base:1", "Env": ["A=1", "SECRET_KEY=********"],
                     "Labels": {"com.docker.compose.service": "api"}},
          "HostConfig": {"RestartPolicy": {"Name": "unless-stopped"}},
          "Mounts": [{"Type": "volume", "Name": "data", "Source": "/var/lib/docker/volumes/data/_data",
                      "Destination": "/data", "RW": true},
                     {"Type": "bind", "Source": "/etc/app", "Destination": "/config", "RW": false}],
          "NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}, {"HostIp": "::", "HostPort": "8080"}],
                                        "9000/tcp": null},
                              "Networks": {"demo_default": {"IPAddress": "172.20.0.5", "IPPrefixLen": 16, "Aliases": ["api"]}}}
        })";
        const QList<InspectSection> sections = InspectSummary::sections(QJsonDocument::fromJson(json).object());
        QStringList titles;
        for (const InspectSection &s : sections)
            titles.append(s.title);
        QCOMPARE(titles, (strs({"State", "General", "Ports", "Mounts", "Networks", "Labels", "Environment"})));
        auto row = [&](int section, const char *key) {
            for (const auto &[k, v] : sections[section].rows)
                if (k == QLatin1String(key))
                    return v;
            return QStringLiteral("<missing>");
        };
        QCOMPARE(row(0, "Status"), QStringLiteral("running"));
        QCOMPARE(row(0, "Health"), QStringLiteral("healthy"));
        QCOMPARE(row(0, "Finished at"), QString());
        QCOMPARE(row(1, "Name"), QStringLiteral("demo-api-1"));
        QCOMPARE(row(1, "Command"), QStringLiteral("sh -c 'echo hi; sleep 1'"));
        QCOMPARE(row(1, "Image"), QStringLiteral("stagehand/base:1"));
        QCOMPARE(row(1, "Restart policy"), QStringLiteral("unless-stopped"));
        QCOMPARE(row(2, "80/tcp"), QStringLiteral("0.0.0.0:8080, [::]:8080"));
        QCOMPARE(row(2, "9000/tcp"), QStringLiteral("not published"));
        QCOMPARE(row(3, "/data"), QStringLiteral("volume data (rw)"));
        QCOMPARE(row(3, "/config"), QStringLiteral("bind /etc/app (ro)"));
        QCOMPARE(row(4, "demo_default"), QStringLiteral("172.20.0.5/16 (aliases: api)"));
        QCOMPARE(row(5, "com.docker.compose.service"), QStringLiteral("api"));
        QCOMPARE(row(6, "A"), QStringLiteral("1"));
        QCOMPARE(row(6, "SECRET_KEY"), QStringLiteral("********"));
    }
};

QTEST_MAIN(TestDetailModels)
#include "tst_detailmodels.moc"
