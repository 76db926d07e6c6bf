#include "compose/Interpolator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QtTest>

#include <initializer_list>

using stagehand::Interpolator;

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result.append(QString::fromLatin1(name));
    return result;
}

// FOO is set, BAR is set but empty, anything else is unset.
const QHash<QString, QString> &environment()
{
    static const QHash<QString, QString> env{
        {QStringLiteral("FOO"), QStringLiteral("first")},
        {QStringLiteral("BAR"), QString()},
        {QStringLiteral("HOST"), QStringLiteral("db")},
        {QStringLiteral("PORT"), QStringLiteral("5432")},
        {QStringLiteral("DOLLAR"), QStringLiteral("$FOO ${FOO}")},
        {QStringLiteral("_x1"), QStringLiteral("under")},
        {QStringLiteral("A"), QStringLiteral("a")},
    };
    return env;
}

Interpolator makeInterpolator()
{
    return Interpolator([](const QString &name) -> std::optional<QString> {
        const auto it = environment().constFind(name);
        if (it == environment().constEnd())
            return std::nullopt;
        return *it;
    });
}

} // namespace

class TestInterpolator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void substitutes_data();
    void substitutes();
    void invalid_data();
    void invalid();
    void requiredErrorMessages_data();
    void requiredErrorMessages();
    void referencedInOrderWithoutDuplicates();
    void emptyLookupMeansEverythingUnset();
    void skippedBranchesAreNotLookedUp();
    void nestingLimit();
    void pathologicalNestingIsRejectedQuickly();
    void pathologicalInputsAreLinear();
    void longFaultyExpressionIsQuotedShort();
};

void TestInterpolator::substitutes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("referenced");
    QTest::addColumn<QStringList>("unset");

    // Plain text and simple forms.
    QTest::newRow("empty") << s("") << s("") << names({}) << names({});
    QTest::newRow("no variables") << s("foo bar") << s("foo bar") << names({}) << names({});
    QTest::newRow("$VAR") << s("$FOO") << s("first") << names({"FOO"}) << names({});
    QTest::newRow("${VAR}") << s("${FOO}") << s("first") << names({"FOO"}) << names({});
    QTest::newRow("in text") << s("This $FOO var") << s("This first var") << names({"FOO"}) << names({});
    QTest::newRow("braced in text") << s("This ${FOO} var") << s("This first var") << names({"FOO"}) << names({});
    QTest::newRow("$VAR then dash") << s("$FOO-bar") << s("first-bar") << names({"FOO"}) << names({});
    QTest::newRow("${VAR} then text") << s("${FOO}bar") << s("firstbar") << names({"FOO"}) << names({});
    QTest::newRow("$VAR takes the longest name") << s("$FOObar") << s("") << names({"FOObar"}) << names({"FOObar"});
    QTest::newRow("two") << s("${HOST}:${PORT}") << s("db:5432") << names({"HOST", "PORT"}) << names({});
    QTest::newRow("adjacent") << s("$HOST$PORT") << s("db5432") << names({"HOST", "PORT"}) << names({});
    QTest::newRow("underscore and digits") << s("$_x1/${_x1}") << s("under/under") << names({"_x1"}) << names({});
    QTest::newRow("case sensitive") << s("$foo") << s("") << names({"foo"}) << names({"foo"});
    QTest::newRow("unicode around") << s("é$FOOé${FOO}ü") << s("éfirstéfirstü") << names({"FOO"}) << names({});
    QTest::newRow("values are not re-interpolated") << s("$DOLLAR") << s("$FOO ${FOO}") << names({"DOLLAR"}) << names({});
    QTest::newRow("stray closing brace") << s("${FOO}}") << s("first}") << names({"FOO"}) << names({});
    QTest::newRow("literal braces") << s("{FOO} }{") << s("{FOO} }{") << names({}) << names({});

    // Unset and empty without an operator.
    QTest::newRow("unset braced") << s("This ${missing} var") << s("This  var") << names({"missing"}) << names({"missing"});
    QTest::newRow("unset plain") << s("x$MISSING.y") << s("x.y") << names({"MISSING"}) << names({"MISSING"});
    QTest::newRow("empty is not unset") << s("This ${BAR} var") << s("This  var") << names({"BAR"}) << names({});
    QTest::newRow("unset listed once") << s("$MISSING ${MISSING}") << s(" ") << names({"MISSING"}) << names({"MISSING"});

    // :- and -
    QTest::newRow(":- unset") << s("ok ${MISSING:-def}") << s("ok def") << names({"MISSING"}) << names({});
    QTest::newRow(":- empty") << s("ok ${BAR:-def}") << s("ok def") << names({"BAR"}) << names({});
    QTest::newRow(":- set") << s("ok ${FOO:-def}") << s("ok first") << names({"FOO"}) << names({});
    QTest::newRow("- unset") << s("ok ${MISSING-def}") << s("ok def") << names({"MISSING"}) << names({});
    QTest::newRow("- empty") << s("ok ${BAR-def}") << s("ok ") << names({"BAR"}) << names({});
    QTest::newRow("- set") << s("ok ${FOO-def}") << s("ok first") << names({"FOO"}) << names({});
    QTest::newRow(":- empty default") << s("[${MISSING:-}]") << s("[]") << names({"MISSING"}) << names({});
    QTest::newRow("- empty default") << s("[${MISSING-}]") << s("[]") << names({"MISSING"}) << names({});

    // :+ and +
    QTest::newRow(":+ unset") << s("ok ${MISSING:+alt}") << s("ok ") << names({"MISSING"}) << names({});
    QTest::newRow(":+ empty") << s("ok ${BAR:+alt}") << s("ok ") << names({"BAR"}) << names({});
    QTest::newRow(":+ set") << s("ok ${FOO:+alt}") << s("ok alt") << names({"FOO"}) << names({});
    QTest::newRow("+ unset") << s("ok ${MISSING+alt}") << s("ok ") << names({"MISSING"}) << names({});
    QTest::newRow("+ empty") << s("ok ${BAR+alt}") << s("ok alt") << names({"BAR"}) << names({});
    QTest::newRow("+ set") << s("ok ${FOO+alt}") << s("ok alt") << names({"FOO"}) << names({});

    // :? and ? when satisfied
    QTest::newRow(":? set") << s("ok ${FOO:?err}") << s("ok first") << names({"FOO"}) << names({});
    QTest::newRow("? set") << s("ok ${FOO?err}") << s("ok first") << names({"FOO"}) << names({});
    QTest::newRow("? empty") << s("ok ${BAR?err}") << s("ok ") << names({"BAR"}) << names({});

    // $$ and lone $ (compose-go leaves a '$' that starts nothing alone).
    QTest::newRow("$$") << s("$$") << s("$") << names({}) << names({});
    QTest::newRow("$${VAR}") << s("$${foo}") << s("${foo}") << names({}) << names({});
    QTest::newRow("$$VAR") << s("$$FOO") << s("$FOO") << names({}) << names({});
    QTest::newRow("$$$VAR") << s("$$$FOO") << s("$first") << names({"FOO"}) << names({});
    QTest::newRow("$$$$") << s("$$$$") << s("$$") << names({}) << names({});
    QTest::newRow("$ space") << s("a $ string") << s("a $ string") << names({}) << names({});
    QTest::newRow("trailing $") << s("^REGEX$") << s("^REGEX$") << names({}) << names({});
    QTest::newRow("only $") << s("$") << s("$") << names({}) << names({});
    QTest::newRow("$}") << s("$}") << s("$}") << names({}) << names({});
    QTest::newRow("$1") << s("$1") << s("$1") << names({}) << names({});
    QTest::newRow("$1abc") << s("cost $1abc") << s("cost $1abc") << names({}) << names({});
    QTest::newRow("$-") << s("$-x") << s("$-x") << names({}) << names({});
    QTest::newRow("$ before unicode") << s("$é") << s("$é") << names({}) << names({});
    QTest::newRow("$ in default") << s("${MISSING:-$}") << s("$") << names({"MISSING"}) << names({});
    QTest::newRow("$$ in default") << s("${MISSING:-$$FOO}") << s("$FOO") << names({"MISSING"}) << names({});

    // Operators characters inside words.
    QTest::newRow("non-alphanumeric default")
        << s("ok ${BAR:-/non:-alphanumeric}") << s("ok /non:-alphanumeric") << names({"BAR"}) << names({});
    QTest::newRow("first operator wins") << s("${MISSING-myerror?msg}") << s("myerror?msg") << names({"MISSING"}) << names({});
    QTest::newRow("? then - in message") << s("${FOO?bar-baz}") << s("first") << names({"FOO"}) << names({});
    QTest::newRow("outer text has operators") << s(":-ok ${BAR-defaultValue} +?") << s(":-ok  +?") << names({"BAR"}) << names({});
    QTest::newRow("brace in default") << s("${MISSING:-{x}}") << s("{x}") << names({"MISSING"}) << names({});
    QTest::newRow("open brace in default") << s("${MISSING:-{x}") << s("{x") << names({"MISSING"}) << names({});

    // Nesting.
    QTest::newRow("nested braced") << s("ok ${MISSING-${FOO}}") << s("ok first") << names({"MISSING", "FOO"}) << names({});
    QTest::newRow("nested plain") << s("ok ${MISSING-$FOO}") << s("ok first") << names({"MISSING", "FOO"}) << names({});
    QTest::newRow("nested twice") << s("ok ${MISSING-${FOO} ${FOO}}") << s("ok first first") << names({"MISSING", "FOO"})
                                  << names({});
    QTest::newRow("nested default") << s("${A1:-${B1:-x}}") << s("x") << names({"A1", "B1"}) << names({});
    QTest::newRow("nested with text") << s("${MISSING:-pre${FOO}post}") << s("prefirstpost") << names({"MISSING", "FOO"})
                                      << names({});
    QTest::newRow("nested alternative") << s("ok ${BAR+$FOO ${FOO:+second}}") << s("ok first second") << names({"BAR", "FOO"})
                                        << names({});
    QTest::newRow("nested - empty") << s("+ok ${UNSET:-${BAR-defaultValue}}") << s("+ok ") << names({"UNSET", "BAR"})
                                    << names({});
    QTest::newRow("nested unset") << s("${MISSING:-${OTHER}}") << s("") << names({"MISSING", "OTHER"}) << names({"OTHER"});
    QTest::newRow("three levels") << s("${X1:-${X2:-${X3:-deep}!}?}") << s("deep!?") << names({"X1", "X2", "X3"}) << names({});
    QTest::newRow("nested then more") << s("${MISSING:-${FOO}}/${HOST}") << s("first/db") << names({"MISSING", "FOO", "HOST"})
                                      << names({});

    // Words that are not needed are not evaluated (like a shell), but still parsed.
    QTest::newRow("unused default not evaluated")
        << s("${FOO:-${NOPE:?boom}}") << s("first") << names({"FOO", "NOPE"}) << names({});
    QTest::newRow("unused default unset not listed")
        << s("${FOO:-$SKIPPED}") << s("first") << names({"FOO", "SKIPPED"}) << names({});
    QTest::newRow("unused alternative") << s("${MISSING:+$SKIPPED}") << s("") << names({"MISSING", "SKIPPED"}) << names({});
    QTest::newRow("unused message") << s("${FOO:?$SKIPPED}") << s("first") << names({"FOO", "SKIPPED"}) << names({});
}

void TestInterpolator::substitutes()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(QStringList, referenced);
    QFETCH(QStringList, unset);

    const Interpolator::Result result = makeInterpolator().interpolate(input);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.value, expected);
    QCOMPARE(result.referenced, referenced);
    QCOMPARE(result.unset, unset);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.errorOffset, qsizetype(-1));
}

void TestInterpolator::invalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("quoted"); // the expression the message must name
    QTest::addColumn<QString>("reason"); // a part of the message
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow("${") << s("${") << s("\"${\"") << s("missing variable name") << qsizetype(0);
    QTest::newRow("${}") << s("${}") << s("\"${}\"") << s("empty variable name") << qsizetype(0);
    QTest::newRow("${ }") << s("${ }") << s("\"${ }\"") << s("must start with a letter or '_', not ' '") << qsizetype(0);
    QTest::newRow("${ foo}") << s("${ foo}") << s("\"${ foo}\"") << s("must start with a letter") << qsizetype(0);
    QTest::newRow("${foo }") << s("${foo }") << s("\"${foo }\"") << s("unexpected ' ' after the variable name foo")
                             << qsizetype(0);
    QTest::newRow("${foo!}") << s("${foo!}") << s("\"${foo!}\"") << s("unexpected '!'") << qsizetype(0);
    QTest::newRow("${VAR") << s("${VAR") << s("\"${VAR\"") << s("missing closing '}'") << qsizetype(0);
    QTest::newRow("${VAR:") << s("${VAR:") << s("\"${VAR:\"") << s("missing closing '}'") << qsizetype(0);
    QTest::newRow("${VAR:x}") << s("${VAR:x}") << s("\"${VAR:x}\"") << s("unexpected ':x' after the variable name VAR")
                              << qsizetype(0);
    QTest::newRow("${VAR:}") << s("${VAR:}") << s("\"${VAR:}\"") << s("unexpected ':}'") << qsizetype(0);
    QTest::newRow("${VAR:=x}") << s("${VAR:=x}") << s("\"${VAR:=x}\"") << s("unexpected ':='") << qsizetype(0);
    QTest::newRow("${1ABC}") << s("${1ABC}") << s("\"${1ABC}\"") << s("must start with a letter or '_', not '1'") << qsizetype(0);
    QTest::newRow("${$}") << s("${$}") << s("\"${$}\"") << s("not '$'") << qsizetype(0);
    QTest::newRow("${A[0]}") << s("${A[0]}") << s("\"${A[0]}\"") << s("unexpected '['") << qsizetype(0);
    QTest::newRow("after text") << s("abc ${VAR") << s("\"${VAR\"") << s("missing closing") << qsizetype(4);
    QTest::newRow("after a variable") << s("ok $FOO ${") << s("\"${\"") << s("missing variable name") << qsizetype(8);
    QTest::newRow("unterminated default") << s("${A:-x") << s("\"${A:-x\"") << s("missing closing") << qsizetype(0);
    QTest::newRow("inner invalid") << s("${A:-${B:x}}") << s("\"${B:x}\"") << s("unexpected ':x'") << qsizetype(5);
    QTest::newRow("inner unterminated") << s("${A:-${B") << s("\"${B\"") << s("missing closing") << qsizetype(5);
    QTest::newRow("invalid in an unused default") << s("${FOO:-${}}") << s("\"${}\"") << s("empty variable name") << qsizetype(7);
    QTest::newRow("second of two") << s("${FOO} ${BAR:x}") << s("\"${BAR:x}\"") << s("unexpected ':x'") << qsizetype(7);
    QTest::newRow("offset counts UTF-16 units") << s("é ${") << s("\"${\"") << s("missing") << qsizetype(2);
}

void TestInterpolator::invalid()
{
    QFETCH(QString, input);
    QFETCH(QString, quoted);
    QFETCH(QString, reason);
    QFETCH(qsizetype, offset);

    const Interpolator::Result result = makeInterpolator().interpolate(input);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith(QStringLiteral("invalid interpolation ") + quoted + QStringLiteral(": ")),
             qPrintable(result.error));
    QVERIFY2(result.error.contains(reason), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("\"$$\" for a literal \"$\"")), qPrintable(result.error));
    QCOMPARE(result.errorOffset, offset);
    QCOMPARE(result.value, QString());
}

void TestInterpolator::requiredErrorMessages_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("error");
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow(":? unset") << s("not ok ${UNSET_VAR:?Mandatory Variable Unset}")
                              << s("required variable UNSET_VAR is missing a value: Mandatory Variable Unset") << qsizetype(7);
    QTest::newRow(":? empty") << s("not ok ${BAR:?Mandatory Variable Empty}")
                              << s("required variable BAR is missing a value: Mandatory Variable Empty") << qsizetype(7);
    QTest::newRow(":? no message") << s("${UNSET_VAR:?}") << s("required variable UNSET_VAR is missing a value") << qsizetype(0);
    QTest::newRow("? unset") << s("${UNSET_VAR?Mandatory Variable Unset}")
                             << s("required variable UNSET_VAR is missing a value: Mandatory Variable Unset") << qsizetype(0);
    QTest::newRow("? no message") << s("${UNSET_VAR?}") << s("required variable UNSET_VAR is missing a value") << qsizetype(0);
    QTest::newRow("? with dash") << s("${UNSET_VAR?bar-baz}") << s("required variable UNSET_VAR is missing a value: bar-baz")
                                 << qsizetype(0);
    QTest::newRow("nested message") << s("${UNSET_VAR:?Mandatory Variable ${FOO}}")
                                    << s("required variable UNSET_VAR is missing a value: Mandatory Variable first")
                                    << qsizetype(0);
    QTest::newRow("nested message ?") << s("${UNSET_VAR?Mandatory Variable ${FOO}}")
                                      << s("required variable UNSET_VAR is missing a value: Mandatory Variable first")
                                      << qsizetype(0);
    QTest::newRow("required inside default")
        << s("${MISSING:-${NOPE:?inner}}") << s("required variable NOPE is missing a value: inner") << qsizetype(11);
    QTest::newRow("db password") << s("postgres://u:${DB_PASSWORD:?set it}@db")
                                 << s("required variable DB_PASSWORD is missing a value: set it") << qsizetype(13);
}

void TestInterpolator::requiredErrorMessages()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    QFETCH(qsizetype, offset);

    const Interpolator::Result result = makeInterpolator().interpolate(input);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, error);
    QCOMPARE(result.errorOffset, offset);
}

void TestInterpolator::referencedInOrderWithoutDuplicates()
{
    const Interpolator::Result result = makeInterpolator().interpolate(QStringLiteral("${B1} $A ${B1:-$C1} $A $$D1"));
    QVERIFY(result.ok);
    QCOMPARE(result.referenced, names({"B1", "A", "C1"}));
    QCOMPARE(result.unset, names({"B1", "C1"}));
    QCOMPARE(result.value, QStringLiteral(" a  a $D1"));
}

void TestInterpolator::emptyLookupMeansEverythingUnset()
{
    const Interpolator interpolator{Interpolator::Lookup()};
    const Interpolator::Result result = interpolator.interpolate(QStringLiteral("$X-${Y:-d}-${Z+alt}"));
    QVERIFY(result.ok);
    QCOMPARE(result.value, QStringLiteral("-d-"));
    QCOMPARE(result.unset, names({"X"}));
}

void TestInterpolator::skippedBranchesAreNotLookedUp()
{
    QStringList asked;
    const Interpolator interpolator([&asked](const QString &name) -> std::optional<QString> {
        asked.append(name);
        if (name == QLatin1String("SET"))
            return QStringLiteral("v");
        return std::nullopt;
    });
    const Interpolator::Result result =
        interpolator.interpolate(QStringLiteral("${SET:-$SKIP1}${UNSET:+$SKIP2}${SET:?$SKIP3}${UNSET:-$USED}"));
    QVERIFY(result.ok);
    QCOMPARE(result.value, QStringLiteral("vv"));
    QCOMPARE(asked, names({"SET", "UNSET", "SET", "UNSET", "USED"}));
    QCOMPARE(result.referenced, names({"SET", "SKIP1", "UNSET", "SKIP2", "SKIP3", "USED"}));
    QCOMPARE(result.unset, names({"USED"}));
}

void TestInterpolator::nestingLimit()
{
    // 64 levels are fine, 65 are not.
    const auto nested = [](int levels) {
        return QString(QStringLiteral("${N:-").repeated(levels) + QStringLiteral("x") + QStringLiteral("}").repeated(levels));
    };
    const Interpolator::Result ok = makeInterpolator().interpolate(nested(64));
    QVERIFY2(ok.ok, qPrintable(ok.error));
    QCOMPARE(ok.value, QStringLiteral("x"));

    const Interpolator::Result tooDeep = makeInterpolator().interpolate(nested(65));
    QVERIFY(!tooDeep.ok);
    QVERIFY2(tooDeep.error.contains(QStringLiteral("nested more than 64 levels")), qPrintable(tooDeep.error));
    QCOMPARE(tooDeep.errorOffset, qsizetype(64 * 5));
}

void TestInterpolator::pathologicalNestingIsRejectedQuickly()
{
    QElapsedTimer timer;
    timer.start();
    const QString input = QStringLiteral("${A:-").repeated(100000);
    const Interpolator::Result result = makeInterpolator().interpolate(input);
    QVERIFY(!result.ok);
    QVERIFY(result.error.contains(QStringLiteral("nested more than")));
    QVERIFY2(result.error.size() < 300, qPrintable(result.error));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));

    // Closed, the same depth is still rejected, and so is a nested required error that deep.
    const QString closed = input + QStringLiteral("}").repeated(100000);
    QVERIFY(!makeInterpolator().interpolate(closed).ok);
}

void TestInterpolator::pathologicalInputsAreLinear()
{
    QElapsedTimer timer;
    timer.start();

    const Interpolator::Result dollars = makeInterpolator().interpolate(QStringLiteral("$$").repeated(500000));
    QVERIFY(dollars.ok);
    QCOMPARE(dollars.value, QStringLiteral("$").repeated(500000));

    const Interpolator::Result lone = makeInterpolator().interpolate(QStringLiteral("$ ").repeated(500000));
    QVERIFY(lone.ok);
    QCOMPARE(lone.value.size(), qsizetype(1000000));

    const Interpolator::Result opens = makeInterpolator().interpolate(QStringLiteral("${").repeated(500000));
    QVERIFY(!opens.ok);
    QCOMPARE(opens.errorOffset, qsizetype(0));

    const Interpolator::Result many = makeInterpolator().interpolate(QStringLiteral("${FOO:-x}$A").repeated(100000));
    QVERIFY(many.ok);
    QCOMPARE(many.value.size(), qsizetype(600000));
    QCOMPARE(many.referenced, names({"FOO", "A"}));

    const Interpolator::Result sequential =
        makeInterpolator().interpolate(QStringLiteral("${M:-${N:-${O:-x}}}").repeated(100000));
    QVERIFY(sequential.ok);
    QCOMPARE(sequential.value, QStringLiteral("x").repeated(100000));

    const Interpolator::Result braces = makeInterpolator().interpolate(QStringLiteral("{}}{").repeated(250000));
    QVERIFY(braces.ok);

    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

void TestInterpolator::longFaultyExpressionIsQuotedShort()
{
    const QString input = QStringLiteral("${A:-") + QStringLiteral("x").repeated(1000000);
    const Interpolator::Result result = makeInterpolator().interpolate(input);
    QVERIFY(!result.ok);
    QCOMPARE(result.errorOffset, qsizetype(0));
    QVERIFY2(result.error.size() < 300, qPrintable(result.error));
    QVERIFY(result.error.contains(QStringLiteral("${A:-xxx")));
    QVERIFY(result.error.contains(QStringLiteral("...\"")));
}

QTEST_GUILESS_MAIN(TestInterpolator)
#include "tst_interpolator.moc"
