#include "compose/DotEnv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QObject>
#include <QTemporaryDir>
#include <QtTest>

#include <initializer_list>
#include <utility>

using stagehand::Diagnostic;
using stagehand::DotEnv;
using stagehand::DotEnvResult;
using stagehand::Interpolator;

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

using Pairs = QList<std::pair<QString, QString>>;

Pairs pairs(std::initializer_list<std::pair<const char *, const char *>> list)
{
    Pairs result;
    for (const auto &[key, value] : list)
        result.append({QString::fromUtf8(key), QString::fromUtf8(value)});
    return result;
}

Pairs entriesOf(const DotEnvResult &result)
{
    Pairs out;
    for (const auto &entry : result.entries)
        out.append({entry.key, entry.value});
    return out;
}

QString describe(const stagehand::Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

// The "environment": OUTER is set, EMPTY is set but empty, nothing else is.
Interpolator::Lookup outerLookup()
{
    return [](const QString &name) -> std::optional<QString> {
        if (name == QLatin1String("OUTER"))
            return QStringLiteral("outer");
        if (name == QLatin1String("EMPTY"))
            return QString();
        return std::nullopt;
    };
}

} // namespace

Q_DECLARE_METATYPE(Pairs)

class TestDotEnv : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void errors_data();
    void errors();
    void errorRecoveryKeepsOtherLines();
    void warnsAboutUnsetVariables();
    void lineNumbers();
    void toMapLastWins();
    void withoutOuterLookup();
    void fileKeysShadowTheOuterLookup();
    void loadsFileWithBomAndCrlf();
    void loadMissingFile();
    void loadDirectory();
    void loadInvalidUtf8();
    void loadUnreadableFile();
    void manyLinesAreFast();
    void pathologicalValueGivesOneError();
};

void TestDotEnv::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Pairs>("expected");

    // Lines, comments, blanks.
    QTest::newRow("empty file") << s("") << pairs({});
    QTest::newRow("only blanks") << s("\n  \n\t\n") << pairs({});
    QTest::newRow("only comments") << s("# one\n  # two\n#") << pairs({});
    QTest::newRow("simple") << s("KEY=value") << pairs({{"KEY", "value"}});
    QTest::newRow("two lines") << s("A=1\nB=2\n") << pairs({{"A", "1"}, {"B", "2"}});
    QTest::newRow("comments and blanks between") << s("# c\nA=1\n\n  # indented\n\nB=2") << pairs({{"A", "1"}, {"B", "2"}});
    QTest::newRow("export prefix") << s("export KEY=value") << pairs({{"KEY", "value"}});
    QTest::newRow("export with tabs") << s("export\t\tKEY=value") << pairs({{"KEY", "value"}});
    QTest::newRow("export as a key") << s("export=1") << pairs({{"export", "1"}});
    QTest::newRow("exported as a key") << s("exported=1") << pairs({{"exported", "1"}});
    QTest::newRow("indented") << s("\t  KEY=value") << pairs({{"KEY", "value"}});
    QTest::newRow("spaces around =") << s("KEY = value") << pairs({{"KEY", "value"}});
    QTest::newRow("yaml-like separator") << s("KEY: value") << pairs({{"KEY", "value"}});
    QTest::newRow("= in value") << s("URL=postgres://u:p@db/x?a=b") << pairs({{"URL", "postgres://u:p@db/x?a=b"}});
    QTest::newRow("dotted key") << s("spring.datasource.url=jdbc") << pairs({{"spring.datasource.url", "jdbc"}});
    QTest::newRow("dashed key") << s("my-key=x") << pairs({{"my-key", "x"}});
    QTest::newRow("underscore key") << s("_PRIVATE_1=x") << pairs({{"_PRIVATE_1", "x"}});
    QTest::newRow("unicode key") << s("CLÉ=x") << pairs({{"CLÉ", "x"}});

    // Unquoted values.
    QTest::newRow("empty value") << s("KEY=") << pairs({{"KEY", ""}});
    QTest::newRow("blank value") << s("KEY=   \t") << pairs({{"KEY", ""}});
    QTest::newRow("trimmed") << s("KEY=  value with  spaces  ") << pairs({{"KEY", "value with  spaces"}});
    QTest::newRow("inline comment") << s("KEY=value # comment") << pairs({{"KEY", "value"}});
    QTest::newRow("inline comment after tab") << s("KEY=value\t# comment") << pairs({{"KEY", "value"}});
    QTest::newRow("hash without space") << s("KEY=value#notcomment") << pairs({{"KEY", "value#notcomment"}});
    QTest::newRow("hash at value start") << s("KEY=#value") << pairs({{"KEY", "#value"}});
    QTest::newRow("hash after = and blanks") << s("KEY= # value") << pairs({{"KEY", "# value"}});
    QTest::newRow("quotes inside") << s("KEY=a\"b\"c'd'") << pairs({{"KEY", "a\"b\"c'd'"}});
    QTest::newRow("backslashes kept") << s("KEY=C:\\path\\n") << pairs({{"KEY", "C:\\path\\n"}});
    QTest::newRow("unicode value") << s("KEY=héllo wörld ✓") << pairs({{"KEY", "héllo wörld ✓"}});

    // Single quotes: literal.
    QTest::newRow("single") << s("KEY='value'") << pairs({{"KEY", "value"}});
    QTest::newRow("single empty") << s("KEY=''") << pairs({{"KEY", ""}});
    QTest::newRow("single keeps spaces") << s("KEY='  a  '") << pairs({{"KEY", "  a  "}});
    QTest::newRow("single no expansion") << s("KEY='$OUTER ${OUTER} $$'") << pairs({{"KEY", "$OUTER ${OUTER} $$"}});
    QTest::newRow("single no escapes") << s("KEY='a\\nb\\tc\\\\'") << pairs({{"KEY", "a\\nb\\tc\\\\"}});
    QTest::newRow("single escaped quote") << s("KEY='it\\'s'") << pairs({{"KEY", "it's"}});
    QTest::newRow("single hash") << s("KEY='a # b'") << pairs({{"KEY", "a # b"}});
    QTest::newRow("single then comment") << s("KEY='a' # comment") << pairs({{"KEY", "a"}});
    QTest::newRow("single multi-line") << s("KEY='line1\nline2'\nB=2") << pairs({{"KEY", "line1\nline2"}, {"B", "2"}});
    QTest::newRow("single with double inside") << s("KEY='say \"hi\"'") << pairs({{"KEY", "say \"hi\""}});

    // Double quotes: escapes, expansion, several lines.
    QTest::newRow("double") << s("KEY=\"value\"") << pairs({{"KEY", "value"}});
    QTest::newRow("double empty") << s("KEY=\"\"") << pairs({{"KEY", ""}});
    QTest::newRow("double keeps spaces") << s("KEY=\"  a  \"") << pairs({{"KEY", "  a  "}});
    QTest::newRow("double escapes") << s("KEY=\"a\\nb\\tc\\\"d\\\\e\\$f\\rg\"") << pairs({{"KEY", "a\nb\tc\"d\\e$f\rg"}});
    QTest::newRow("double rare escapes") << s("KEY=\"\\a\\b\\f\\v\"") << pairs({{"KEY", "\a\b\f\v"}});
    QTest::newRow("double unknown escape kept") << s("KEY=\"\\q\\x41\\'\"") << pairs({{"KEY", "\\q\\x41\\'"}});
    QTest::newRow("double escaped backslash before quote") << s("KEY=\"a\\\\\"") << pairs({{"KEY", "a\\"}});
    QTest::newRow("double hash") << s("KEY=\"a # b\"") << pairs({{"KEY", "a # b"}});
    QTest::newRow("double then comment") << s("KEY=\"a\" # comment") << pairs({{"KEY", "a"}});
    QTest::newRow("double then hash") << s("KEY=\"a\"#comment") << pairs({{"KEY", "a"}});
    QTest::newRow("double then blanks") << s("KEY=\"a\"   \nB=2") << pairs({{"KEY", "a"}, {"B", "2"}});
    QTest::newRow("double multi-line") << s("KEY=\"line1\nline2\"\nB=2") << pairs({{"KEY", "line1\nline2"}, {"B", "2"}});
    QTest::newRow("double multi-line pem") << s("CERT=\"-----BEGIN-----\nabc\n-----END-----\"")
                                           << pairs({{"CERT", "-----BEGIN-----\nabc\n-----END-----"}});
    QTest::newRow("double with single inside") << s("KEY=\"it's\"") << pairs({{"KEY", "it's"}});
    QTest::newRow("export double") << s("export KEY=\"v\"") << pairs({{"KEY", "v"}});

    // Inherited keys.
    QTest::newRow("inherited set") << s("OUTER") << pairs({{"OUTER", "outer"}});
    QTest::newRow("inherited empty") << s("EMPTY") << pairs({{"EMPTY", ""}});
    QTest::newRow("inherited unset") << s("MISSING") << pairs({});
    QTest::newRow("inherited with blanks") << s("  OUTER  \nA=1") << pairs({{"OUTER", "outer"}, {"A", "1"}});
    QTest::newRow("export inherited") << s("export OUTER") << pairs({{"OUTER", "outer"}});
    QTest::newRow("inherited ignores file keys") << s("MISSING=1\nMISSING") << pairs({{"MISSING", "1"}});

    // Interpolation.
    QTest::newRow("earlier key") << s("A=1\nB=${A}2") << pairs({{"A", "1"}, {"B", "12"}});
    QTest::newRow("earlier key plain") << s("A=1\nB=$A") << pairs({{"A", "1"}, {"B", "1"}});
    QTest::newRow("outer") << s("B=$OUTER/${OUTER}") << pairs({{"B", "outer/outer"}});
    QTest::newRow("file before outer") << s("OUTER=inner\nB=$OUTER") << pairs({{"OUTER", "inner"}, {"B", "inner"}});
    QTest::newRow("later key not seen") << s("B=${A:-none}\nA=1") << pairs({{"B", "none"}, {"A", "1"}});
    QTest::newRow("default") << s("B=${MISSING:-def}") << pairs({{"B", "def"}});
    QTest::newRow("default of empty outer") << s("B=${EMPTY:-def}|${EMPTY-def}") << pairs({{"B", "def|"}});
    QTest::newRow("alternative") << s("B=${OUTER:+yes}${MISSING:+no}") << pairs({{"B", "yes"}});
    QTest::newRow("nested") << s("A=a\nB=${MISSING:-pre${A}post}") << pairs({{"A", "a"}, {"B", "preapost"}});
    QTest::newRow("double quoted expands") << s("A=1\nB=\"<${A}>\"") << pairs({{"A", "1"}, {"B", "<1>"}});
    QTest::newRow("double quoted \\$") << s("A=1\nB=\"\\$A\"") << pairs({{"A", "1"}, {"B", "$A"}});
    QTest::newRow("double quoted $$") << s("B=\"$$OUTER\"") << pairs({{"B", "$OUTER"}});
    QTest::newRow("unquoted $$") << s("B=$$OUTER") << pairs({{"B", "$OUTER"}});
    QTest::newRow("unquoted backslash dollar") << s("A=1\nB=\\$A") << pairs({{"A", "1"}, {"B", "\\1"}});
    QTest::newRow("single quoted not expanded") << s("A=1\nB='${A}'") << pairs({{"A", "1"}, {"B", "${A}"}});
    QTest::newRow("self append") << s("P=a\nP=${P}:b") << pairs({{"P", "a"}, {"P", "a:b"}});
    QTest::newRow("lone dollar") << s("PRICE=5$ and $1") << pairs({{"PRICE", "5$ and $1"}});
    QTest::newRow("expansion then comment") << s("B=${OUTER} # c") << pairs({{"B", "outer"}});
    QTest::newRow("hash inside default") << s("B=${MISSING:-a#b}") << pairs({{"B", "a#b"}});
    QTest::newRow("values are not re-expanded") << s("A='$OUTER'\nB=$A") << pairs({{"A", "$OUTER"}, {"B", "$OUTER"}});

    // Encodings and line ends.
    QTest::newRow("BOM") << s("\xEF\xBB\xBF"
                              "A=1")
                         << pairs({{"A", "1"}});
    QTest::newRow("CRLF") << s("A=1\r\nB=2\r\n") << pairs({{"A", "1"}, {"B", "2"}});
    QTest::newRow("CRLF quoted") << s("A=\"x\"\r\nB='y'\r\n") << pairs({{"A", "x"}, {"B", "y"}});
    QTest::newRow("CRLF multi-line") << s("A=\"l1\r\nl2\"\r\n") << pairs({{"A", "l1\nl2"}});
    QTest::newRow("CRLF comment") << s("# c\r\nA=1 # c\r\n") << pairs({{"A", "1"}});
    QTest::newRow("CRLF inherited") << s("OUTER\r\n") << pairs({{"OUTER", "outer"}});
    QTest::newRow("no final newline") << s("A=1\nB=2") << pairs({{"A", "1"}, {"B", "2"}});
    QTest::newRow("duplicates kept in order") << s("A=1\nA=2") << pairs({{"A", "1"}, {"A", "2"}});
}

void TestDotEnv::parses()
{
    QFETCH(QString, text);
    QFETCH(Pairs, expected);

    const DotEnvResult result = DotEnv::parse(text, QStringLiteral("test.env"), outerLookup());
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(describe(result.diagnostics)));
    QCOMPARE(entriesOf(result), expected);
}

void TestDotEnv::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("key starts with a digit")
        << s("1KEY=x") << 1 << 1 << s("invalid variable name \"1KEY\": it must start with a letter or '_'");
    QTest::newRow("key with spaces") << s("KEY WITH SPACE=x") << 1 << 4
                                     << s("invalid variable name \"KEY WITH SPACE\": it cannot contain whitespace");
    QTest::newRow("key with spaces, second line")
        << s("A=1\n  MY KEY=x") << 2 << 5 << s("invalid variable name \"MY KEY\": it cannot contain whitespace");
    QTest::newRow("bad character") << s("KE!Y=x") << 1 << 3 << s("invalid character '!' in variable name \"KE!Y\"");
    QTest::newRow("dollar in key") << s("$KEY=x") << 1 << 1
                                   << s("invalid variable name \"$KEY\": it must start with a letter or '_'");
    QTest::newRow("missing key") << s("=x") << 1 << 1 << s("missing variable name before '='");
    QTest::newRow("missing key colon") << s("  : x") << 1 << 3 << s("missing variable name before ':'");
    QTest::newRow("no = after key") << s("KEY ! x") << 1 << 5 << s("expected '=' after the variable name \"KEY\"");
    QTest::newRow("comment after bare key") << s("KEY # c") << 1 << 5 << s("expected '=' after the variable name \"KEY\"");
    QTest::newRow("unterminated double") << s("KEY=\"unterminated") << 1 << 5
                                         << s("unterminated quoted value: the \" opened here is never closed");
    QTest::newRow("unterminated single") << s("A=1\nB='open\nC=3") << 2 << 3
                                         << s("unterminated quoted value: the ' opened here is never closed");
    QTest::newRow("escaped closing quote") << s("KEY=\"abc\\\"") << 1 << 5 << s("unterminated quoted value");
    QTest::newRow("text after closing quote")
        << s("KEY=\"a\" b") << 1 << 9 << s("unexpected text after the closing \" of the value of KEY");
    QTest::newRow("text after single quote")
        << s("KEY='a'b") << 1 << 8 << s("unexpected text after the closing ' of the value of KEY");
    QTest::newRow("bad interpolation") << s("KEY=${") << 1 << 5
                                       << s("invalid interpolation \"${\": missing variable name "
                                            "and closing '}' (write \"$$\" for a literal \"$\")");
    QTest::newRow("bad interpolation mid-value") << s("KEY=abc ${B:x}") << 1 << 9
                                                 << s("invalid interpolation \"${B:x}\": unexpected ':x' after the "
                                                      "variable name B (expected '}', ':-', '-', ':?', '?', ':+' or '+') "
                                                      "(write \"$$\" for a literal \"$\")");
    QTest::newRow("bad interpolation in double quotes")
        << s("KEY=\"abc ${B:x}\"") << 1 << 10 << s("invalid interpolation \"${B:x}\"");
    QTest::newRow("bad interpolation after escapes") << s("KEY=\"\\t\\$${\"") << 1 << 10 << s("invalid interpolation \"${\"");
    QTest::newRow("bad interpolation on a later line")
        << s("KEY=\"line1\nxx ${\"") << 2 << 4 << s("invalid interpolation \"${\"");
    QTest::newRow("bad interpolation after CRLF")
        << s("A=1\r\nKEY=\"l1\r\nxx ${\"") << 3 << 4 << s("invalid interpolation \"${\"");
    QTest::newRow("required variable") << s("KEY=${MISSING:?need it}") << 1 << 5
                                       << s("required variable MISSING is missing a value: need it");
    QTest::newRow("required, empty outer") << s("# c\nKEY=x${EMPTY:?}") << 2 << 6
                                           << s("required variable EMPTY is missing a value");
    QTest::newRow("BOM does not shift columns")
        << s("\xEF\xBB\xBF"
             "1A=x")
        << 1 << 1 << s("invalid variable name \"1A\": it must start with a letter or '_'");
}

void TestDotEnv::errors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);

    const DotEnvResult result = DotEnv::parse(text, QStringLiteral("dir/.env"), outerLookup());
    QCOMPARE(result.diagnostics.size(), 1);
    const Diagnostic &d = result.diagnostics.first();
    QCOMPARE(d.severity, Diagnostic::Severity::Error);
    QCOMPARE(d.location.file, QStringLiteral("dir/.env"));
    QCOMPARE(d.location.line, line);
    QCOMPARE(d.location.column, column);
    QVERIFY2(d.message.startsWith(message), qPrintable(d.message));
}

void TestDotEnv::errorRecoveryKeepsOtherLines()
{
    const DotEnvResult result =
        DotEnv::parse(s("A=1\n1B=2\nC=3\nD E=4\nF=${\nG=\"x\" y\nH=${A}${C}\nI='never\nJ=5"), QStringLiteral(".env"));
    QCOMPARE(entriesOf(result), pairs({{"A", "1"}, {"C", "3"}, {"H", "13"}}));
    QCOMPARE(result.diagnostics.size(), 5);
    QList<int> lines;
    for (const Diagnostic &d : result.diagnostics) {
        QCOMPARE(d.severity, Diagnostic::Severity::Error);
        lines.append(d.location.line);
    }
    QCOMPARE(lines, (QList<int>{2, 4, 5, 6, 8}));
    QVERIFY(stagehand::hasErrors(result.diagnostics));
}

void TestDotEnv::warnsAboutUnsetVariables()
{
    const DotEnvResult result =
        DotEnv::parse(s("A=1\nB=x$NOPE${NOPE}${ALSO}\nC=\"${NOPE:-d}\"\nD='$NOPE'"), QStringLiteral("w.env"), outerLookup());
    QCOMPARE(entriesOf(result), pairs({{"A", "1"}, {"B", "x"}, {"C", "d"}, {"D", "$NOPE"}}));
    QCOMPARE(result.diagnostics.size(), 2);
    for (const Diagnostic &d : result.diagnostics) {
        QCOMPARE(d.severity, Diagnostic::Severity::Warning);
        QCOMPARE(d.location, (stagehand::SourceLocation{QStringLiteral("w.env"), 2, 3}));
    }
    QCOMPARE(result.diagnostics[0].message, QStringLiteral("the \"NOPE\" variable is not set, defaulting to a blank string"));
    QVERIFY(result.diagnostics[1].message.contains(QStringLiteral("\"ALSO\"")));
    QVERIFY(!stagehand::hasErrors(result.diagnostics));
}

void TestDotEnv::lineNumbers()
{
    const DotEnvResult result =
        DotEnv::parse(s("\n\nA=1\n# c\nB=\"x\ny\"\nC=3\n  export D='\n\n'\nE"), QStringLiteral(".env"), outerLookup());
    QVERIFY(result.diagnostics.isEmpty());
    QCOMPARE(result.entries.size(), 4);
    QCOMPARE(result.entries[0].line, 3);
    QCOMPARE(result.entries[1].line, 5);
    QCOMPARE(result.entries[2].line, 7);
    QCOMPARE(result.entries[3].key, QStringLiteral("D"));
    QCOMPARE(result.entries[3].value, QStringLiteral("\n\n"));
    QCOMPARE(result.entries[3].line, 8);
}

void TestDotEnv::toMapLastWins()
{
    const DotEnvResult result = DotEnv::parse(s("A=1\nB=2\nA=3"), QStringLiteral(".env"));
    const QMap<QString, QString> map = result.toMap();
    QCOMPARE(map.size(), 2);
    QCOMPARE(map.value(QStringLiteral("A")), QStringLiteral("3"));
    QCOMPARE(map.value(QStringLiteral("B")), QStringLiteral("2"));
    QCOMPARE(DotEnvResult().toMap(), (QMap<QString, QString>()));
}

void TestDotEnv::withoutOuterLookup()
{
    const DotEnvResult result = DotEnv::parse(s("A=1\nOUTER\nB=${A}${OUTER:-x}"), QStringLiteral(".env"));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(describe(result.diagnostics)));
    QCOMPARE(entriesOf(result), pairs({{"A", "1"}, {"B", "1x"}}));
}

void TestDotEnv::fileKeysShadowTheOuterLookup()
{
    QStringList asked;
    const Interpolator::Lookup lookup = [&asked](const QString &name) -> std::optional<QString> {
        asked.append(name);
        return QStringLiteral("from-outer");
    };
    const DotEnvResult result = DotEnv::parse(s("A=file\nB=$A-$C"), QStringLiteral(".env"), lookup);
    QCOMPARE(entriesOf(result), pairs({{"A", "file"}, {"B", "file-from-outer"}}));
    QCOMPARE(asked, QStringList{QStringLiteral("C")});
}

void TestDotEnv::loadsFileWithBomAndCrlf()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("app.env"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBF# settings\r\nexport NAME=caf\xC3\xA9\r\nGREETING=\"hello\r\n$NAME\"\r\nBAD KEY=1\r\n");
    file.close();

    const DotEnvResult result = DotEnv::load(path, outerLookup());
    QCOMPARE(entriesOf(result), pairs({{"NAME", "café"}, {"GREETING", "hello\ncafé"}}));
    QCOMPARE(result.entries[1].line, 3);
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics[0].location, (stagehand::SourceLocation{path, 5, 4}));
}

void TestDotEnv::loadMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nope.env"));
    const DotEnvResult result = DotEnv::load(path);
    QVERIFY(result.entries.isEmpty());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics[0].severity, Diagnostic::Severity::Error);
    QCOMPARE(result.diagnostics[0].location.file, path);
    QCOMPARE(result.diagnostics[0].message, QStringLiteral("env file %1 not found").arg(path));
}

void TestDotEnv::loadDirectory()
{
    QTemporaryDir dir;
    const DotEnvResult result = DotEnv::load(dir.path());
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY(result.diagnostics[0].message.contains(dir.path()));
    QVERIFY(result.diagnostics[0].message.contains(QStringLiteral("directory")));
}

void TestDotEnv::loadInvalidUtf8()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("latin1.env"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("NAME=caf\xE9\n");
    file.close();
    const DotEnvResult result = DotEnv::load(path);
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics[0].message, QStringLiteral("env file %1 is not valid UTF-8").arg(path));
}

void TestDotEnv::loadUnreadableFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.env"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("A=1\n");
    file.close();
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
    if (QFile probe(path); probe.open(QIODevice::ReadOnly))
        QSKIP("this user can read a file without read permission (root?)");
    const DotEnvResult result = DotEnv::load(path);
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY2(result.diagnostics[0].message.startsWith(QStringLiteral("cannot read env file %1: ").arg(path)),
             qPrintable(result.diagnostics[0].message));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TestDotEnv::manyLinesAreFast()
{
    QString text;
    for (int i = 0; i < 50000; ++i)
        text += QStringLiteral("KEY_%1=\"value ${KEY_%2:+x} %1\" # c\n").arg(i).arg(i > 0 ? i - 1 : 0);
    QElapsedTimer timer;
    timer.start();
    const DotEnvResult result = DotEnv::parse(text, QStringLiteral("big.env"));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(describe(result.diagnostics.mid(0, 3))));
    QCOMPARE(result.entries.size(), 50000);
    QCOMPARE(result.entries.last().line, 50000);
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

void TestDotEnv::pathologicalValueGivesOneError()
{
    const QString text = QStringLiteral("A=1\nDEEP=") + QStringLiteral("${A:-").repeated(100000) + QStringLiteral("\nB=2");
    const DotEnvResult result = DotEnv::parse(text, QStringLiteral(".env"));
    QCOMPARE(entriesOf(result), pairs({{"A", "1"}, {"B", "2"}}));
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics[0].location.line, 2);
    QCOMPARE(result.diagnostics[0].location.column, 6 + 64 * 5);
    QVERIFY(result.diagnostics[0].message.contains(QStringLiteral("nested more than 64 levels")));
}

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"
