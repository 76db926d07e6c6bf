// PullProgress: per-layer status and byte counts, and the overall fraction, from the progress lines
// of a pull and of a push as the engine 20.10 writes them.

#include "docker/PullProgress.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QtTest>

using stagehand::PullProgress;

namespace {

QJsonObject line(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

void feed(PullProgress &progress, std::initializer_list<const char *> lines)
{
    for (const char *l : lines)
        progress.feed(line(l));
}

} // namespace

class TestPullProgress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pullPerLayer();
    void weightsBySize();
    void alreadyExists();
    void push();
    void errorLine();
    void nonLayerIdsAreStatus();
};

void TestPullProgress::pullPerLayer()
{
    PullProgress p;
    feed(p, {R"({"status":"Pulling from team/app","id":"1.0"})",
             R"({"status":"Pulling fs layer","progressDetail":{},"id":"aaaaaaaaaaaa"})",
             R"({"status":"Pulling fs layer","progressDetail":{},"id":"bbbbbbbbbbbb"})"});
    QCOMPARE(p.layerCount(), 2);
    QCOMPARE(p.fraction(), 0.0);
    QCOMPARE(p.status(), QStringLiteral("1.0: Pulling from team/app"));

    p.feed(
        line(R"({"status":"Downloading","progressDetail":{"current":50,"total":100},"progress":"[==>  ]","id":"aaaaaaaaaaaa"})"));
    auto a = p.layer(QStringLiteral("aaaaaaaaaaaa"));
    QVERIFY(a);
    QCOMPARE(a->status, QStringLiteral("Downloading"));
    QCOMPARE(a->current, 50);
    QCOMPARE(a->total, 100);
    QCOMPARE(a->fraction, 0.25); // half of the download half
    QVERIFY(!a->done);

    feed(p, {R"({"status":"Verifying Checksum","progressDetail":{},"id":"aaaaaaaaaaaa"})",
             R"({"status":"Download complete","progressDetail":{},"id":"aaaaaaaaaaaa"})",
             R"({"status":"Extracting","progressDetail":{"current":100,"total":100},"id":"aaaaaaaaaaaa"})"});
    a = p.layer(QStringLiteral("aaaaaaaaaaaa"));
    QCOMPARE(a->fraction, 1.0);
    QCOMPARE(a->size, 100);
    p.feed(line(R"({"status":"Pull complete","progressDetail":{},"id":"aaaaaaaaaaaa"})"));
    QVERIFY(p.layer(QStringLiteral("aaaaaaaaaaaa"))->done);
    QCOMPARE(p.completedLayers(), 1);
    // b has no size yet: it weighs as much as a
    QCOMPARE(p.fraction(), 0.5);

    feed(p, {R"({"status":"Downloading","progressDetail":{"current":100,"total":100},"id":"bbbbbbbbbbbb"})",
             R"({"status":"Pull complete","progressDetail":{},"id":"bbbbbbbbbbbb"})"});
    QCOMPARE(p.fraction(), 1.0);
    QVERIFY(!p.isFinished());
    feed(p, {R"({"status":"Digest: sha256:0123456789012345678901234567890123456789012345678901234567890123"})",
             R"({"status":"Status: Downloaded newer image for team/app:1.0"})"});
    QVERIFY(p.isFinished());
    QCOMPARE(p.digest(), QStringLiteral("sha256:0123456789012345678901234567890123456789012345678901234567890123"));
    QCOMPARE(p.status(), QStringLiteral("Status: Downloaded newer image for team/app:1.0"));
    QVERIFY(p.error().isEmpty());
}

void TestPullProgress::weightsBySize()
{
    PullProgress p;
    feed(p, {R"({"status":"Downloading","progressDetail":{"current":300,"total":300},"id":"aaaaaaaaaaaa"})",
             R"({"status":"Downloading","progressDetail":{"current":0,"total":100},"id":"bbbbbbbbbbbb"})"});
    // a: 0.5 (downloaded, not extracted) * 300; b: 0 * 100
    QCOMPARE(p.fraction(), 0.375);
}

void TestPullProgress::alreadyExists()
{
    PullProgress p;
    feed(p, {R"({"status":"Already exists","progressDetail":{},"id":"aaaaaaaaaaaa"})",
             R"({"status":"Waiting","progressDetail":{},"id":"bbbbbbbbbbbb"})"});
    QCOMPARE(p.completedLayers(), 1);
    QCOMPARE(p.fraction(), 0.5);
    QCOMPARE(p.layers().at(1).status, QStringLiteral("Waiting"));
}

void TestPullProgress::push()
{
    PullProgress p;
    feed(p, {R"({"status":"The push refers to repository [127.0.0.1:5000/team/app]"})",
             R"({"status":"Preparing","progressDetail":{},"id":"aaaaaaaaaaaa"})",
             R"({"status":"Preparing","progressDetail":{},"id":"bbbbbbbbbbbb"})",
             R"({"status":"Pushing","progressDetail":{"current":512,"total":1024},"progress":"[=>  ]","id":"aaaaaaaaaaaa"})",
             R"({"status":"Layer already exists","progressDetail":{},"id":"bbbbbbbbbbbb"})"});
    QCOMPARE(p.layer(QStringLiteral("aaaaaaaaaaaa"))->fraction, 0.5);
    QCOMPARE(p.fraction(), 0.75);
    feed(
        p,
        {R"({"status":"Pushed","progressDetail":{},"id":"aaaaaaaaaaaa"})",
         R"({"status":"1.0: digest: sha256:abababababababababababababababababababababababababababababababab size: 735"})",
         R"({"progressDetail":{},"aux":{"Tag":"1.0","Digest":"sha256:abababababababababababababababababababababababababababababababab","Size":735}})"});
    QVERIFY(p.isFinished());
    QCOMPARE(p.completedLayers(), 2);
    QCOMPARE(p.digest(), QStringLiteral("sha256:abababababababababababababababababababababababababababababababab"));
}

void TestPullProgress::errorLine()
{
    PullProgress p;
    feed(
        p,
        {R"({"status":"Preparing","progressDetail":{},"id":"aaaaaaaaaaaa"})",
         R"({"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"})"});
    QCOMPARE(p.error(), QStringLiteral("unauthorized: authentication required"));
    QVERIFY(!p.isFinished());
    PullProgress q;
    q.feed(line(R"({"errorDetail":{"message":"only the detail"}})"));
    QCOMPARE(q.error(), QStringLiteral("only the detail"));
}

void TestPullProgress::nonLayerIdsAreStatus()
{
    PullProgress p;
    p.feed(line(R"({"status":"Pulling from library/x","id":"latest"})"));
    QCOMPARE(p.layerCount(), 0);
    p.reset();
    QVERIFY(p.status().isEmpty());
}

QTEST_APPLESS_MAIN(TestPullProgress)
#include "tst_pullprogress.moc"
