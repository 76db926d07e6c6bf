// DockerIgnore (the docker CLI's .dockerignore matching) and BuildContextArchive (the build
// context as a tar, less what .dockerignore excludes; listed back with tar).

#include "docker/BuildContextArchive.h"
#include "docker/DockerIgnore.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using stagehand::BuildContextArchive;
using stagehand::DockerIgnore;

namespace {

void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class TestDockerIgnore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void parsesFile();
    void archiveHonoursDockerIgnore();
    void archiveErrors();
};

void TestDockerIgnore::matches_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("excluded");
    const auto p = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *s : list)
            out.append(QString::fromUtf8(s));
        return out;
    };
    QTest::newRow("plain") << p({"secret.txt"}) << QStringLiteral("secret.txt") << true;
    QTest::newRow("plain other") << p({"secret.txt"}) << QStringLiteral("public.txt") << false;
    QTest::newRow("not in subdir") << p({"secret.txt"}) << QStringLiteral("sub/secret.txt") << false;
    QTest::newRow("star") << p({"*.log"}) << QStringLiteral("a.log") << true;
    QTest::newRow("star stays in component") << p({"*.log"}) << QStringLiteral("dir/a.log") << false;
    QTest::newRow("star dir") << p({"*/a.log"}) << QStringLiteral("dir/a.log") << true;
    QTest::newRow("double star") << p({"**/*.log"}) << QStringLiteral("x/y/a.log") << true;
    QTest::newRow("double star top") << p({"**/*.log"}) << QStringLiteral("a.log") << true;
    QTest::newRow("question") << p({"file?.txt"}) << QStringLiteral("file1.txt") << true;
    QTest::newRow("question not slash") << p({"a?b"}) << QStringLiteral("a/b") << false;
    QTest::newRow("class") << p({"file[0-9].txt"}) << QStringLiteral("file7.txt") << true;
    QTest::newRow("class miss") << p({"file[0-9].txt"}) << QStringLiteral("filex.txt") << false;
    QTest::newRow("directory covers its files") << p({"node_modules"}) << QStringLiteral("node_modules/x/y.js") << true;
    QTest::newRow("leading slash and dot") << p({"/build/", "./tmp"}) << QStringLiteral("build/out.o") << true;
    QTest::newRow("exception") << p({"*.md", "!README.md"}) << QStringLiteral("README.md") << false;
    QTest::newRow("exception other") << p({"*.md", "!README.md"}) << QStringLiteral("NOTES.md") << true;
    QTest::newRow("last wins") << p({"!keep", "keep"}) << QStringLiteral("keep") << true;
    QTest::newRow("comment") << p({"# secret.txt", "", "  "}) << QStringLiteral("# secret.txt") << false;
    QTest::newRow("escape") << p({"\\*.txt"}) << QStringLiteral("*.txt") << true;
    QTest::newRow("escape literal") << p({"\\*.txt"}) << QStringLiteral("a.txt") << false;
}

void TestDockerIgnore::matches()
{
    QFETCH(QStringList, patterns);
    QFETCH(QString, path);
    QFETCH(bool, excluded);
    QCOMPARE(DockerIgnore(patterns).isExcluded(path), excluded);
}

void TestDockerIgnore::parsesFile()
{
    const DockerIgnore ignore = DockerIgnore::parse("# comment\n*.tmp\r\n\n  !keep.tmp  \n");
    QCOMPARE(ignore.patterns(), (QStringList{QStringLiteral("*.tmp"), QStringLiteral("!keep.tmp")}));
    QVERIFY(ignore.hasExceptions());
    QVERIFY(ignore.isExcluded(QStringLiteral("a.tmp")));
    QVERIFY(!ignore.isExcluded(QStringLiteral("keep.tmp")));
}

void TestDockerIgnore::archiveHonoursDockerIgnore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(dir.filePath(QStringLiteral("Dockerfile")), "FROM scratch\nCOPY . /\n");
    write(dir.filePath(QStringLiteral(".dockerignore")), "Dockerfile\n*.log\nsecrets\n!secrets/public.txt\n");
    write(dir.filePath(QStringLiteral("app.txt")), "app\n");
    write(dir.filePath(QStringLiteral("debug.log")), "log\n");
    write(dir.filePath(QStringLiteral("secrets/key.pem")), "key\n");
    write(dir.filePath(QStringLiteral("secrets/public.txt")), "public\n");
    write(dir.filePath(QStringLiteral("src/main.c")), QByteArray(200000, 'x')); // more than one read
    QVERIFY(QFile::link(QStringLiteral("app.txt"), dir.filePath(QStringLiteral("link.txt"))));

    BuildContextArchive archive(dir.path());
    QVERIFY2(archive.prepare(), qPrintable(archive.errorString()));
    QStringList entries = archive.entries();
    entries.sort();
    // The Dockerfile and .dockerignore go along even when excluded.
    QCOMPARE(entries, (QStringList{QStringLiteral(".dockerignore"), QStringLiteral("Dockerfile"), QStringLiteral("app.txt"),
                                   QStringLiteral("link.txt"), QStringLiteral("secrets/public.txt"), QStringLiteral("src/"),
                                   QStringLiteral("src/main.c")}));

    QString error;
    const QByteArray tar = BuildContextArchive::readAll(dir.path(), QStringLiteral("Dockerfile"), &error);
    QVERIFY2(!tar.isEmpty(), qPrintable(error));
    QCOMPARE(tar.size() % 512, 0);
    QProcess list;
    list.start(QStringLiteral("tar"), {QStringLiteral("-tvf"), QStringLiteral("-")});
    list.write(tar);
    list.closeWriteChannel();
    QVERIFY(list.waitForFinished(30000));
    QCOMPARE(list.exitCode(), 0);
    const QString listing = QString::fromUtf8(list.readAllStandardOutput());
    QVERIFY2(listing.contains(QStringLiteral("root/root")) || listing.contains(QStringLiteral("0/0")), qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("link.txt -> app.txt")), qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("200000")), qPrintable(listing));
    QVERIFY(!listing.contains(QStringLiteral("debug.log")));
    QVERIFY(!listing.contains(QStringLiteral("key.pem")));

    QProcess extract;
    extract.start(QStringLiteral("tar"), {QStringLiteral("-xOf"), QStringLiteral("-"), QStringLiteral("src/main.c")});
    extract.write(tar);
    extract.closeWriteChannel();
    QVERIFY(extract.waitForFinished(30000));
    QCOMPARE(extract.readAllStandardOutput(), QByteArray(200000, 'x'));
}

void TestDockerIgnore::archiveErrors()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(BuildContextArchive::readAll(dir.path(), QStringLiteral("Dockerfile"), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("no Dockerfile")), qPrintable(error));
    QVERIFY(
        BuildContextArchive::readAll(dir.filePath(QStringLiteral("missing")), QStringLiteral("Dockerfile"), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("not a directory")), qPrintable(error));
    QVERIFY(BuildContextArchive::readAll(dir.path(), QStringLiteral("../Dockerfile"), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("inside the build context")), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestDockerIgnore)
#include "tst_dockerignore.moc"
