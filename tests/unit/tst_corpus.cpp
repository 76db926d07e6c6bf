// Real-world Compose files must load: every compose file of the awesome-compose samples (shared/corpus)
// and the project's own examples (resources/examples/demo and piper-staging).
//
// The awesome-compose copies hold only the compose files, not the env files and secret files they
// name, so a sample may fail, but only with errors about such an absent file: the message must name
// the file as the compose file writes it, and the error must point at the place that names it.

#include "compose/ComposeJson.h"
#include "compose/ParseContext.h"
#include "compose/YamlReader.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include "DiagnosticsText.h"

using namespace stagehand;

namespace {

QString awesomeComposeDir()
{
    return QStringLiteral(STAGEHAND_SHARED_DIR "/corpus/awesome-compose");
}

QString describe(const Diagnostics &diagnostics)
{
    return test::DiagnosticsText::describe(diagnostics);
}

// The shell the samples are resolved in: nothing from the machine running the tests, except what a
// sample's README asks for. The plex sample's README says to set PLEX_MEDIA_PATH to the folder of the
// media to serve (its compose file mounts ${PLEX_MEDIA_PATH}:/media/); without it the volume reads
// ":/media/", which is rightly an error.
QProcessEnvironment sampleShell()
{
    QProcessEnvironment shell;
    shell.insert(QStringLiteral("PLEX_MEDIA_PATH"), QStringLiteral("/srv/media"));
    return shell;
}

// The scalar written at a location ("./db/password.txt" or "db/password.txt", quotes removed).
QString scalarAt(const SourceLocation &where)
{
    QFile file(where.file);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = file.readAll().split('\n');
    if (where.line < 1 || where.line > lines.size())
        return {};
    QString text = QString::fromUtf8(lines.at(where.line - 1)).mid(where.column - 1);
    if (text.startsWith(u'"') || text.startsWith(u'\'')) {
        const qsizetype end = text.indexOf(text.at(0), 1);
        return end > 0 ? text.mid(1, end - 1) : QString();
    }
    const qsizetype comment = text.indexOf(QStringLiteral(" #"));
    if (comment >= 0)
        text.truncate(comment);
    return text.trimmed();
}

void checkRoundTrip(const ComposeModel &model)
{
    // The YAML that `stagehand-cli config` prints reads back as the same document.
    const QJsonObject json = ComposeJson::toJson(model);
    Diagnostics diagnostics;
    const auto tree = YamlReader::readText(ComposeJson::toYaml(json), QStringLiteral("config.yaml"), diagnostics);
    QVERIFY2(tree, qPrintable(describe(diagnostics)));
    QCOMPARE(ParseContext::toJson(*tree).toObject(), json);
}

} // namespace

class TestCorpus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void awesomeCompose_data();
    void awesomeCompose();
    void truncatedSamplesFailCleanly();
    void demoExample_data();
    void demoExample();
    void piperStagingExample();
};

void TestCorpus::awesomeCompose_data()
{
    QTest::addColumn<QString>("file");
    if (!QFileInfo::exists(awesomeComposeDir()))
        return;
    QStringList files;
    QDirIterator it(awesomeComposeDir(), {QStringLiteral("compose.yaml"), QStringLiteral("compose.yml"),
                                          QStringLiteral("docker-compose.yaml"), QStringLiteral("docker-compose.yml")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    for (const QString &file : std::as_const(files))
        QTest::newRow(qPrintable(QDir(awesomeComposeDir()).relativeFilePath(file))) << file;
}

void TestCorpus::awesomeCompose()
{
    QFETCH(QString, file);
    if (!QFileInfo::exists(awesomeComposeDir()))
        QSKIP("shared/corpus/awesome-compose is not beside the checkout");

    const ProjectLoadResult loaded = ProjectLoader::load(file);
    QVERIFY2(loaded.project, qPrintable(describe(loaded.diagnostics)));
    const ResolvedEnvironment resolved = EnvironmentResolver(sampleShell()).resolve(*loaded.project, loaded.project->environments.first());
    const QString all = describe(resolved.diagnostics);

    int missingFiles = 0;
    for (const Diagnostic &d : resolved.diagnostics) {
        if (d.severity != Diagnostic::Severity::Error)
            continue;
        // The only acceptable error: a file the sample names (env_file, a secret's file) is not in the copy.
        QVERIFY2(d.message.contains(QStringLiteral("does not exist")), qPrintable(QStringLiteral("unexpected error:\n") + all));
        QCOMPARE(QFileInfo(d.location.file).canonicalFilePath(), QFileInfo(file).canonicalFilePath());
        const QString named = scalarAt(d.location);
        QVERIFY2(!named.isEmpty(), qPrintable(QStringLiteral("the location names no file: ") + d.toString()));
        QVERIFY2(!QFileInfo::exists(QFileInfo(file).dir().absoluteFilePath(named)),
                 qPrintable(QStringLiteral("the file at the location exists: ") + d.toString()));
        QVERIFY2(d.message.contains(QStringLiteral("'%1'").arg(named)),
                 qPrintable(QStringLiteral("the message does not name '%1': %2").arg(named, d.toString())));
        ++missingFiles;
    }
    if (missingFiles > 0)
        return; // failed as it may; nothing more to check
    QVERIFY2(resolved.ok(), qPrintable(all));
    const ComposeModel &model = *resolved.model;
    QVERIFY(!model.services.isEmpty());
    for (const Service &service : model.services) {
        QVERIFY2(!service.image.isEmpty() || service.build, qPrintable(service.name));
        QVERIFY(service.location.line > 0);
    }
    checkRoundTrip(model);
}

void TestCorpus::truncatedSamplesFailCleanly()
{
    // Each sample cut after every line: loads, or fails with located errors; never crashes.
    if (!QFileInfo::exists(awesomeComposeDir()))
        QSKIP("shared/corpus/awesome-compose is not beside the checkout");
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString target = scratch.filePath(QStringLiteral("compose.yaml"));
    const EnvironmentResolver resolver(sampleShell());
    QDirIterator it(awesomeComposeDir(), {QStringLiteral("compose.y*ml")}, QDir::Files, QDirIterator::Subdirectories);
    int loads = 0;
    while (it.hasNext()) {
        QFile source(it.next());
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray text = source.readAll();
        for (qsizetype end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', end + 1)) {
            QFile out(target);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(text.left(end + 1));
            out.close();
            const ProjectLoadResult loaded = ProjectLoader::load(target);
            QVERIFY(loaded.project);
            const ResolvedEnvironment resolved = resolver.resolve(*loaded.project, loaded.project->environments.first());
            ++loads;
            for (const Diagnostic &d : resolved.diagnostics) {
                if (d.severity == Diagnostic::Severity::Error)
                    QVERIFY2(d.location.line > 0, qPrintable(source.fileName() + QStringLiteral(" cut: ") + d.toString()));
            }
        }
    }
    QVERIFY(loads > 100);
}

void TestCorpus::demoExample_data()
{
    QTest::addColumn<QString>("environment");
    QTest::newRow("dev") << QStringLiteral("dev");
    QTest::newRow("staging") << QStringLiteral("staging");
    QTest::newRow("production") << QStringLiteral("production");
}

void TestCorpus::demoExample()
{
    QFETCH(QString, environment);
    const QString folder = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");
    if (!QFileInfo::exists(folder + QStringLiteral("/stagehand.yaml")))
        QSKIP("resources/examples/demo is not there yet");
    const ProjectLoadResult loaded = ProjectLoader::load(folder);
    QVERIFY2(loaded.project, qPrintable(describe(loaded.diagnostics)));
    QVERIFY2(!hasErrors(loaded.diagnostics), qPrintable(describe(loaded.diagnostics)));
    QVERIFY2(loaded.project->environment(environment), qPrintable(loaded.project->environmentNames().join(u',')));
    const ResolvedEnvironment resolved = EnvironmentResolver(QProcessEnvironment()).resolve(*loaded.project, environment);
    QVERIFY2(resolved.ok(), qPrintable(describe(resolved.diagnostics)));
    QVERIFY(!resolved.model->services.isEmpty());
    checkRoundTrip(*resolved.model);
}

void TestCorpus::piperStagingExample()
{
    const QString folder = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/piper-staging");
    if (!QFileInfo::exists(folder))
        QSKIP("resources/examples/piper-staging is not there yet");
    const ProjectLoadResult loaded = ProjectLoader::load(folder);
    QVERIFY2(loaded.project, qPrintable(describe(loaded.diagnostics)));
    QVERIFY2(!hasErrors(loaded.diagnostics), qPrintable(describe(loaded.diagnostics)));
    QVERIFY(!loaded.project->environments.isEmpty());
    for (const EnvironmentSpec &environment : loaded.project->environments) {
        const ResolvedEnvironment resolved = EnvironmentResolver(QProcessEnvironment()).resolve(*loaded.project, environment);
        QVERIFY2(resolved.ok(), qPrintable(environment.name + QStringLiteral(":\n") + describe(resolved.diagnostics)));
        QVERIFY(!resolved.model->services.isEmpty());
        checkRoundTrip(*resolved.model);
    }
}

QTEST_GUILESS_MAIN(TestCorpus)
#include "tst_corpus.moc"
