// The malformed corpus: tests/data/malformed/<NN-name>/ is a small project with one mistake, and
// expected.json says where the loader must report it ({"file", "line", "column", "message"}: the
// file's name, the 1-based line and column, and a substring of the message).
//
// For each folder: the project loads (ProjectLoader) and every environment resolves
// (EnvironmentResolver) without crashing; among the errors is one at exactly that place whose
// message holds the substring; every error has a location; and the message is written for a
// person: it says what was expected or what to do, not just what the parser tripped over.

#include "compose/ComposeParser.h"
#include "compose/OverrideMerger.h"
#include "compose/TreeInterpolation.h"
#include "compose/YamlReader.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include "DiagnosticsText.h"

using namespace stagehand;

namespace {

QString corpusDir()
{
    return QStringLiteral(STAGEHAND_TEST_DATA "/malformed");
}

QString describe(const Diagnostics &diagnostics)
{
    return test::DiagnosticsText::describe(diagnostics);
}

// Everything loading the folder reports: the project file's problems, then each environment's.
Diagnostics loadAll(const QString &folder)
{
    const ProjectLoadResult loaded = ProjectLoader::load(folder);
    Diagnostics all = loaded.diagnostics;
    if (!loaded.project)
        return all;
    // An empty shell environment, so that no variable of the machine running the tests leaks in.
    const EnvironmentResolver resolver{QProcessEnvironment()};
    for (const EnvironmentSpec &environment : loaded.project->environments)
        all.append(resolver.resolve(*loaded.project, environment).diagnostics);
    return all;
}

// What makes an error message useful: it says what was expected, suggests a fix, or names what
// is missing, in words (not only "invalid YAML: end of map not found").
bool saysWhatWasExpected(const QString &message)
{
    static const QStringList cues{
        QStringLiteral("expected"), QStringLiteral("must"), QStringLiteral("e.g."), QStringLiteral("did you mean"),
        QStringLiteral("add "), QStringLiteral("needs"), QStringLiteral("use "), QStringLiteral("does not exist"),
        QStringLiteral("not defined"), QStringLiteral("not declared"), QStringLiteral("remove"), QStringLiteral("indent"),
        QStringLiteral("write "), QStringLiteral("set "), QStringLiteral("the services are"), QStringLiteral("the environments are"),
        QStringLiteral("first defined at"), QStringLiteral("takes a mapping"), QStringLiteral("not closed"),
        QStringLiteral("is not a valid"), QStringLiteral("must be"), QStringLiteral("no closing")};
    return std::any_of(cues.cbegin(), cues.cend(), [&](const QString &cue) { return message.contains(cue, Qt::CaseInsensitive); });
}

} // namespace

class TestMalformed : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void corpusIsComplete();
    void reportsTheMistake_data();
    void reportsTheMistake();
    void everyTruncationLoadsOrFailsCleanly();
    void mutationsReadOrFailCleanly();
};

void TestMalformed::corpusIsComplete()
{
    const QStringList folders = QDir(corpusDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(folders.size() >= 32, qPrintable(QStringLiteral("only %1 malformed cases").arg(folders.size())));
    for (const QString &folder : folders) {
        QVERIFY2(QFileInfo::exists(corpusDir() + u'/' + folder + QStringLiteral("/expected.json")),
                 qPrintable(folder + QStringLiteral(" has no expected.json")));
    }
}

void TestMalformed::reportsTheMistake_data()
{
    QTest::addColumn<QString>("folder");
    for (const QString &folder : QDir(corpusDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        QTest::newRow(qPrintable(folder)) << corpusDir() + u'/' + folder;
}

void TestMalformed::reportsTheMistake()
{
    QFETCH(QString, folder);
    QFile file(folder + QStringLiteral("/expected.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QJsonParseError parseError;
    const QJsonObject expected = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QString expectedFile = expected.value(QStringLiteral("file")).toString();
    const int expectedLine = expected.value(QStringLiteral("line")).toInt();
    const int expectedColumn = expected.value(QStringLiteral("column")).toInt();
    const QString expectedMessage = expected.value(QStringLiteral("message")).toString();
    QVERIFY(!expectedFile.isEmpty() && expectedLine > 0 && expectedColumn > 0 && !expectedMessage.isEmpty());

    const Diagnostics diagnostics = loadAll(folder);
    const QString all = describe(diagnostics);
    QVERIFY2(hasErrors(diagnostics), qPrintable(QStringLiteral("accepted, but it is invalid:\n") + all));

    const Diagnostic *match = nullptr;
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Diagnostic::Severity::Error && QFileInfo(d.location.file).fileName() == expectedFile
            && d.location.line == expectedLine && d.location.column == expectedColumn && d.message.contains(expectedMessage)) {
            match = &d;
            break;
        }
    }
    QVERIFY2(match, qPrintable(QStringLiteral("no error at %1:%2:%3 containing \"%4\"; got:\n%5")
                                   .arg(expectedFile)
                                   .arg(expectedLine)
                                   .arg(expectedColumn)
                                   .arg(expectedMessage, all)));
    QVERIFY2(saysWhatWasExpected(match->message), qPrintable(QStringLiteral("not helpful enough: ") + match->message));

    // Every error says where it is, so a person (or an editor) can go there.
    for (const Diagnostic &d : diagnostics) {
        if (d.severity != Diagnostic::Severity::Error)
            continue;
        QVERIFY2(!d.location.file.isEmpty() && d.location.line > 0, qPrintable(QStringLiteral("no location: ") + d.toString()));
        QVERIFY2(d.message.size() >= 20, qPrintable(QStringLiteral("too terse: ") + d.toString()));
    }
}

// Every prefix of every file of the corpus (a file cut anywhere: inside a quote, a key, an
// expression) must load or fail with located errors, never crash or hang: the syntax hints read
// arbitrary broken text.
void TestMalformed::everyTruncationLoadsOrFailsCleanly()
{
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString target = scratch.filePath(QStringLiteral("compose.yaml"));
    const EnvironmentResolver resolver{QProcessEnvironment()};
    int loads = 0;
    for (const QString &folder : QDir(corpusDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile source(corpusDir() + u'/' + folder + QStringLiteral("/compose.yaml"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray text = source.readAll();
        for (qsizetype size = 0; size <= text.size(); ++size) {
            QFile out(target);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(text.left(size));
            out.close();
            const ProjectLoadResult loaded = ProjectLoader::load(target);
            QVERIFY(loaded.project);
            const ResolvedEnvironment resolved = resolver.resolve(*loaded.project, loaded.project->environments.first());
            ++loads;
            for (const Diagnostic &d : resolved.diagnostics) {
                if (d.severity == Diagnostic::Severity::Error)
                    QVERIFY2(d.location.line > 0, qPrintable(folder + QStringLiteral(" cut at %1: ").arg(size) + d.toString()));
            }
        }
    }
    QVERIFY(loads > 1000);
}

// Random edits (seeded, so reproducible) with the characters that matter to YAML: the reader
// either reads the text or reports a located, explained error; it never crashes or hangs.
void TestMalformed::mutationsReadOrFailCleanly()
{
    QTemporaryDir scratch; // the working folder: relative paths name nothing there
    QVERIFY(scratch.isValid());
    static const char significant[] = "\"'[]{}:-#\t\n &*!|>,?%@`\\$ ";
    QRandomGenerator random(20251204);
    // STAGEHAND_FUZZ_ROUNDS=20000 for a longer search; the default keeps the test under a second.
    const int rounds = qEnvironmentVariableIsSet("STAGEHAND_FUZZ_ROUNDS") ? qEnvironmentVariableIntValue("STAGEHAND_FUZZ_ROUNDS") : 300;
    int failures = 0;
    int reads = 0;
    for (const QString &folder : QDir(corpusDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile source(corpusDir() + u'/' + folder + QStringLiteral("/compose.yaml"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray original = source.readAll();
        for (int round = 0; round < rounds; ++round) {
            QByteArray text = original;
            const int edits = 1 + int(random.bounded(3));
            for (int e = 0; e < edits && !text.isEmpty(); ++e) {
                const qsizetype at = qsizetype(random.bounded(int(text.size())));
                const char c = significant[random.bounded(int(sizeof(significant) - 1))];
                switch (random.bounded(3)) {
                case 0: text.insert(at, c); break;
                case 1: text[at] = c; break;
                default: text.remove(at, 1); break;
                }
            }
            Diagnostics diagnostics;
            auto tree = YamlReader::readText(text, QStringLiteral("compose.yaml"), diagnostics);
            ++reads;
            if (tree) {
                // The rest of the pipeline, in memory: interpolate, normalize, parse and check.
                TreeInterpolation(Interpolator([](const QString &) { return std::optional<QString>(); })).apply(*tree, diagnostics);
                OverrideMerger::normalize(*tree);
                ComposeParser(diagnostics, scratch.path(), {}).parse(*tree, QStringLiteral("fuzz"), {});
                for (const Diagnostic &d : std::as_const(diagnostics)) {
                    if (d.severity == Diagnostic::Severity::Error)
                        QVERIFY2(d.location.line > 0, qPrintable(d.toString() + QStringLiteral("\n") + QString::fromUtf8(text)));
                }
                continue;
            }
            ++failures;
            QVERIFY(!diagnostics.isEmpty());
            const Diagnostic &d = diagnostics.first();
            QVERIFY2(d.message.size() >= 20, qPrintable(d.toString()));
            QVERIFY2(d.location.line > 0 && d.location.line <= text.count('\n') + 1,
                     qPrintable(d.toString() + QStringLiteral("\n") + QString::fromUtf8(text)));
        }
    }
    QVERIFY(reads >= 32 * rounds);
    QVERIFY(failures > reads / 20); // the edits do break things
}

QTEST_GUILESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
