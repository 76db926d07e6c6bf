// DockerClient's image work against the real engine, with local images only: build from a context
// directory (FROM the local base image, build args, labels, .dockerignore), a failed build's error,
// save to a file / remove / load back / inspect, and prune previews against the prunes themselves
// (narrowed by a label to what this test made).

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include "DockerCli.h"
#include "EngineWait.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace stagehand;
using namespace stagehand::test;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

QMap<QString, QString> testLabel()
{
    return {{TestRun::labelKey(), TestRun::current().labelValue()}};
}

} // namespace

class TestEngineImages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void buildFromBase();
    void failedBuildIsTheError();
    void saveRemoveLoad();
    void prunePreviewMatchesPrune();
    void cleanupTestCase();

private:
    // Builds an image of one file on top of from ("scratch": the file alone); its id.
    QString buildTiny(const QString &tag, const QByteArray &content, const QMap<QString, QString> &labels,
                      const QString &from = QStringLiteral("scratch"));

    DockerCli m_docker;
    QString m_baseImage;
    std::unique_ptr<DockerClient> m_client;
    QStringList m_images; // tags to remove at the end
};

void TestEngineImages::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    m_client = std::make_unique<DockerClient>();
    m_client->connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), DockerClient::State::Connected, 15000);
}

QString TestEngineImages::buildTiny(const QString &tag, const QByteArray &content, const QMap<QString, QString> &labels,
                                    const QString &from)
{
    QTemporaryDir context;
    writeFile(context.filePath(QStringLiteral("Dockerfile")),
              QStringLiteral("FROM %1\nCOPY hello.txt /hello.txt\n").arg(from).toUtf8());
    writeFile(context.filePath(QStringLiteral("hello.txt")), content);
    BuildOptions options;
    options.contextDirectory = context.path();
    options.tags = {tag};
    options.labels = labels;
    options.forceRemoveIntermediate = true;
    std::unique_ptr<EngineStream> build(m_client->buildImage(options));
    if (!awaitFinished(build.get()) || build->error().isError()) {
        qWarning("build of %s failed: %s", qPrintable(tag), qPrintable(build->error().toString()));
        return {};
    }
    m_images.append(tag);
    return build->imageId();
}

void TestEngineImages::buildFromBase()
{
    QTemporaryDir context;
    QVERIFY(context.isValid());
    // RUN checks, inside the engine, that the build arg arrived and .dockerignore kept the secret out.
    writeFile(context.filePath(QStringLiteral("docker/app.Dockerfile")),
              QStringLiteral("FROM %1\nARG GREETING=unset\nCOPY . /ctx/\n"
                             "RUN test \"$GREETING\" = hello && test -f /ctx/app.txt && test ! -e /ctx/secret.txt "
                             "&& test ! -e /ctx/logs && echo checked-$GREETING\n")
                  .arg(m_baseImage)
                  .toUtf8());
    writeFile(context.filePath(QStringLiteral(".dockerignore")), "secret.txt\nlogs/\n");
    writeFile(context.filePath(QStringLiteral("app.txt")), "app\n");
    writeFile(context.filePath(QStringLiteral("secret.txt")), "do not send\n");
    writeFile(context.filePath(QStringLiteral("logs/a.log")), "log\n");

    const QString tag = TestRun::current().uniqueName(QStringLiteral("built")) + QStringLiteral(":1");
    BuildOptions options;
    options.contextDirectory = context.path();
    options.dockerfile = QStringLiteral("docker/app.Dockerfile");
    options.tags = {tag};
    options.buildArgs = {{QStringLiteral("GREETING"), QStringLiteral("hello")}};
    options.labels = testLabel();
    options.labels.insert(QStringLiteral("io.stagehand.purpose"), QStringLiteral("build test"));
    options.forceRemoveIntermediate = true;
    options.networkMode = QStringLiteral("none"); // the engine here may have no default bridge
    std::unique_ptr<EngineStream> build(m_client->buildImage(options));
    QString output;
    connect(build.get(), &EngineStream::outputReceived, this, [&output](const QString &text) { output += text; });
    QVERIFY(awaitFinished(build.get()));
    m_images.append(tag);
    QVERIFY2(!build->error().isError(), qPrintable(build->error().toString() + u'\n' + output));
    QCOMPARE(build->kind(), EngineStream::Kind::Build);
    QVERIFY2(output.contains(QStringLiteral("checked-hello")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Successfully tagged ") + tag), qPrintable(output));
    QVERIFY2(build->imageId().startsWith(QStringLiteral("sha256:")), qPrintable(build->imageId()));

    const auto image = awaitResult(m_client->inspectImage(tag));
    QVERIFY2(image.ok(), qPrintable(image.error.toString()));
    QCOMPARE(image->id, build->imageId());
    QCOMPARE(image->labels.value(TestRun::labelKey()), TestRun::current().labelValue());
    QCOMPARE(image->labels.value(QStringLiteral("io.stagehand.purpose")), QStringLiteral("build test"));
}

void TestEngineImages::failedBuildIsTheError()
{
    QTemporaryDir context;
    writeFile(context.filePath(QStringLiteral("Dockerfile")), QStringLiteral("FROM %1\nRUN exit 3\n").arg(m_baseImage).toUtf8());
    BuildOptions options;
    options.contextDirectory = context.path();
    options.labels = testLabel();
    options.forceRemoveIntermediate = true;
    options.networkMode = QStringLiteral("none");
    std::unique_ptr<EngineStream> build(m_client->buildImage(options));
    QVERIFY(awaitFinished(build.get()));
    QVERIFY(build->error().isError());
    QVERIFY2(build->error().message.contains(QStringLiteral("returned a non-zero code: 3")),
             qPrintable(build->error().toString()));
    QVERIFY(build->imageId().isEmpty());

    // A context that cannot be sent: the archive's reason, not a bare "aborted".
    BuildOptions missing;
    missing.contextDirectory = context.filePath(QStringLiteral("nowhere"));
    std::unique_ptr<EngineStream> none(m_client->buildImage(missing));
    QVERIFY(awaitFinished(none.get()));
    QVERIFY2(none->error().message.contains(QStringLiteral("not a directory")), qPrintable(none->error().toString()));
}

void TestEngineImages::saveRemoveLoad()
{
    const QString tag = TestRun::current().uniqueName(QStringLiteral("saved")) + QStringLiteral(":1");
    // On the base image: the saved tar holds its ~400 MB too, streamed to the file as it comes.
    const QString id = buildTiny(tag, "round trip\n", testLabel(), m_baseImage);
    QVERIFY(!id.isEmpty());

    QTemporaryDir dir;
    const QString tarPath = dir.filePath(QStringLiteral("image.tar"));
    const auto saved = awaitResult(m_client->saveImagesToFile({tag}, tarPath));
    QVERIFY2(saved.ok(), qPrintable(saved.error.toString()));
    QVERIFY(*saved > 1024 * 1024);
    QCOMPARE(QFileInfo(tarPath).size(), *saved);
    // A failed save leaves no file behind.
    const QString badPath = dir.filePath(QStringLiteral("bad.tar"));
    const auto bad = awaitResult(m_client->saveImagesToFile({QStringLiteral("stagehand-test/no-such-image:none")}, badPath));
    QVERIFY(!bad.ok());
    QVERIFY(!QFileInfo::exists(badPath));

    const auto removed = awaitResult(m_client->removeImage(tag));
    QVERIFY2(removed.ok(), qPrintable(removed.error.toString()));
    QCOMPARE(awaitResult(m_client->inspectImage(tag)).error.httpStatus, 404);

    std::unique_ptr<EngineStream> load(m_client->loadImages(tarPath));
    QVERIFY(awaitFinished(load.get()));
    QVERIFY2(!load->error().isError(), qPrintable(load->error().toString()));
    QCOMPARE(load->loadedImages(), QStringList{tag});
    const auto image = awaitResult(m_client->inspectImage(tag));
    QVERIFY2(image.ok(), qPrintable(image.error.toString()));
    QCOMPARE(image->id, id);
    QCOMPARE(image->labels.value(TestRun::labelKey()), TestRun::current().labelValue());

    // Not a tar: the engine's refusal is the stream's error.
    const QString junk = dir.filePath(QStringLiteral("junk.tar"));
    writeFile(junk, QByteArray(4096, 'j'));
    std::unique_ptr<EngineStream> refused(m_client->loadImages(junk));
    QVERIFY(awaitFinished(refused.get()));
    QVERIFY(refused->error().isError());
    std::unique_ptr<EngineStream> absent(m_client->loadImages(dir.filePath(QStringLiteral("absent.tar"))));
    QVERIFY(awaitFinished(absent.get()));
    QVERIFY2(absent->error().message.contains(QStringLiteral("absent.tar")), qPrintable(absent->error().toString()));
}

void TestEngineImages::prunePreviewMatchesPrune()
{
    // Everything here carries a label of its own, and every preview and prune is narrowed to it.
    const QString mark = QStringLiteral("io.stagehand.prune=") + TestRun::current().uniqueName(QStringLiteral("prune"));
    const EngineFilters only{{QStringLiteral("label"), {mark}}};
    QMap<QString, QString> labels = testLabel();
    labels.insert(mark.section(u'=', 0, 0), mark.section(u'=', 1));
    QJsonObject labelObject;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        labelObject.insert(it.key(), it.value());

    // A created (never started) container, an unused volume and network, a dangling image.
    const auto container = awaitResult(m_client->createContainer(
        {{QStringLiteral("Image"), m_baseImage},
         {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("true")}},
         {QStringLiteral("Labels"), labelObject},
         {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}},
        TestRun::current().uniqueName(QStringLiteral("prunable"))));
    QVERIFY2(container.ok(), qPrintable(container.error.toString()));
    auto removeContainer = qScopeGuard([&] { m_docker.run({QStringLiteral("rm"), QStringLiteral("-f"), *container}); });
    const QString volumeName = TestRun::current().uniqueName(QStringLiteral("prunable"));
    const auto volume = awaitResult(m_client->createVolume(volumeName, labels));
    QVERIFY2(volume.ok(), qPrintable(volume.error.toString()));
    auto removeVolume = qScopeGuard([&] { m_docker.run({QStringLiteral("volume"), QStringLiteral("rm"), volumeName}); });
    const QString networkName = TestRun::current().uniqueName(QStringLiteral("prunable"));
    const auto network = awaitResult(m_client->createNetwork(
        {{QStringLiteral("Name"), networkName}, {QStringLiteral("Internal"), true}, {QStringLiteral("Labels"), labelObject}}));
    QVERIFY2(network.ok(), qPrintable(network.error.toString()));
    auto removeNetwork = qScopeGuard([&] { m_docker.run({QStringLiteral("network"), QStringLiteral("rm"), networkName}); });
    const QString tag = TestRun::current().uniqueName(QStringLiteral("dangling")) + QStringLiteral(":1");
    const QString first = buildTiny(tag, "first\n", labels);
    const QString second = buildTiny(tag, "second\n", labels); // takes the tag: first dangles
    QVERIFY(!first.isEmpty() && !second.isEmpty() && first != second);
    auto removeFirst = qScopeGuard([&] { m_docker.run({QStringLiteral("rmi"), first}); });

    struct Case {
        PruneReport::Target target;
        QString expected;
    };
    const QList<Case> cases{{PruneReport::Target::Containers, *container},
                            {PruneReport::Target::Volumes, volumeName},
                            {PruneReport::Target::Networks, networkName},
                            {PruneReport::Target::DanglingImages, first}};
    for (const Case &c : cases) {
        const auto preview = awaitResult(m_client->previewPrune(c.target, only));
        QVERIFY2(preview.ok(), qPrintable(preview.error.toString()));
        QVERIFY(preview->preview);
        QCOMPARE(preview->removed, QStringList{c.expected});
        const auto pruned = awaitResult(m_client->prune(c.target, only), 120000);
        QVERIFY2(pruned.ok(), qPrintable(pruned.error.toString()));
        QVERIFY(!pruned->preview);
        QVERIFY2(pruned->removed.contains(c.expected), qPrintable(pruned->removed.join(u' ')));
        if (c.target == PruneReport::Target::DanglingImages) {
            QVERIFY(pruned->spaceReclaimed > 0);
            QVERIFY(preview->spaceReclaimed > 0);
        }
        const auto after = awaitResult(m_client->previewPrune(c.target, only));
        QVERIFY2(after.ok(), qPrintable(after.error.toString()));
        QVERIFY2(after->removed.isEmpty(), qPrintable(after->removed.join(u' ')));
    }
    // The tagged image is not dangling, and stays.
    QVERIFY(awaitResult(m_client->inspectImage(tag)).ok());
}

void TestEngineImages::cleanupTestCase()
{
    for (const QString &image : std::as_const(m_images))
        m_docker.run({QStringLiteral("rmi"), QStringLiteral("-f"), image});
}

QTEST_GUILESS_MAIN(TestEngineImages)
#include "tst_engine_images.moc"
