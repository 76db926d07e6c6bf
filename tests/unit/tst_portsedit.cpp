#include "analysis/EnvironmentPorts.h"
#include "analysis/PortEditor.h"
#include "project/EnvironmentResolver.h"
#include "project/ProjectLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace stagehand;

namespace {

const QString FixtureDir = QStringLiteral(STAGEHAND_TEST_DATA "/ports/edit");

QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QString::fromUtf8(file.readAll());
}

// The fixture's published ports, as the loader locates them (ranges joined into one claim).
QList<PublishedPort> fixturePorts(const QString &directory, QHash<QString, QString> *envFile = nullptr)
{
    const ProjectLoadResult loaded = ProjectLoader::load(directory);
    if (!loaded.project)
        qFatal("the edit fixture does not load");
    QProcessEnvironment shell;
    shell.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    const ResolvedEnvironment resolved = EnvironmentResolver(shell).resolve(*loaded.project, loaded.project->environments.first());
    if (!resolved.ok()) {
        for (const Diagnostic &d : resolved.diagnostics)
            qWarning("%s", qPrintable(d.toString()));
        qFatal("the edit fixture does not resolve");
    }
    if (envFile) {
        for (auto it = resolved.envFileVariables.cbegin(); it != resolved.envFileVariables.cend(); ++it)
            envFile->insert(it.key(), it.value());
    }
    return EnvironmentPorts::fromModel(QStringLiteral("default"), *resolved.model).ports;
}

PublishedPort portOf(const QList<PublishedPort> &ports, const QString &service, int index)
{
    int seen = 0;
    for (const PublishedPort &port : ports) {
        if (port.service == service && seen++ == index)
            return port;
    }
    qFatal("no port %d of service %s in the fixture", index, qPrintable(service));
}

PortSuggestion suggestion(const PublishedPort &port, int to)
{
    PortSuggestion result;
    result.environment = QStringLiteral("default");
    result.service = port.service;
    result.fromPort = port.first();
    result.fromPortEnd = port.last();
    result.port = to;
    result.portEnd = to + (port.last() - port.first());
    result.protocol = port.mapping.protocol;
    result.location = port.mapping.location;
    return result;
}

} // namespace

class TestPortsEdit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rewritesOnlyThePublishedPort_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("to");
        QTest::addColumn<QString>("lineBefore");
        QTest::addColumn<QString>("lineAfter");
        QTest::addColumn<QString>("variable");

        QTest::newRow("short, double-quoted") << QStringLiteral("short-quoted") << 0 << 9001
                                              << QStringLiteral(R"(      - "8001:8001"   # the API, on every interface)")
                                              << QStringLiteral(R"(      - "9001:8001"   # the API, on every interface)") << QString();
        QTest::newRow("short, plain, with host ip") << QStringLiteral("short-plain") << 0 << 9002
                                                    << QStringLiteral("      - 127.0.0.1:8002:80  # loopback only")
                                                    << QStringLiteral("      - 127.0.0.1:9002:80  # loopback only") << QString();
        QTest::newRow("short, single-quoted, protocol") << QStringLiteral("short-single-quoted") << 0 << 9003
                                                        << QStringLiteral("      - '8003:53/udp'") << QStringLiteral("      - '9003:53/udp'")
                                                        << QString();
        QTest::newRow("flow list, first") << QStringLiteral("flow-list") << 0 << 9004
                                          << QStringLiteral(R"(    ports: ["8004:80", "[::1]:8005:81"]   # two in a flow list)")
                                          << QStringLiteral(R"(    ports: ["9004:80", "[::1]:8005:81"]   # two in a flow list)") << QString();
        QTest::newRow("flow list, second, ipv6") << QStringLiteral("flow-list") << 1 << 9005
                                                 << QStringLiteral(R"(    ports: ["8004:80", "[::1]:8005:81"]   # two in a flow list)")
                                                 << QStringLiteral(R"(    ports: ["8004:80", "[::1]:9005:81"]   # two in a flow list)") << QString();
        QTest::newRow("long, published on a later line") << QStringLiteral("long-block") << 0 << 9006
                                                         << QStringLiteral("        published: 8006   # keep this comment")
                                                         << QStringLiteral("        published: 9006   # keep this comment") << QString();
        QTest::newRow("long, second entry") << QStringLiteral("long-block") << 1 << 9016 << QStringLiteral("        published: 8016")
                                            << QStringLiteral("        published: 9016") << QString();
        QTest::newRow("long, quoted value") << QStringLiteral("long-quoted") << 0 << 9007 << QStringLiteral(R"(        published: "8007")")
                                            << QStringLiteral(R"(        published: "9007")") << QString();
        QTest::newRow("long, flow mapping") << QStringLiteral("long-flow") << 0 << 9008
                                            << QStringLiteral("      - {target: 80, published: 8008, protocol: tcp}")
                                            << QStringLiteral("      - {target: 80, published: 9008, protocol: tcp}") << QString();
        QTest::newRow("range keeps its width") << QStringLiteral("range") << 0 << 9010 << QStringLiteral(R"(      - "8010-8012:8010-8012")")
                                               << QStringLiteral(R"(      - "9010-9012:8010-8012")") << QString();
        QTest::newRow("variable default, short") << QStringLiteral("variable-default") << 0 << 9020
                                                 << QStringLiteral(R"(      - "127.0.0.1:${WEB_PORT:-8020}:80"   # WEB_PORT is not set)")
                                                 << QStringLiteral(R"(      - "127.0.0.1:${WEB_PORT:-9020}:80"   # WEB_PORT is not set)")
                                                 << QStringLiteral("WEB_PORT");
        QTest::newRow("variable default, long") << QStringLiteral("variable-long") << 0 << 9022
                                                << QStringLiteral("        published: ${METRICS_PORT-8022}")
                                                << QStringLiteral("        published: ${METRICS_PORT-9022}") << QStringLiteral("METRICS_PORT");
    }
    void rewritesOnlyThePublishedPort()
    {
        QFETCH(QString, service);
        QFETCH(int, index);
        QFETCH(int, to);
        QFETCH(QString, lineBefore);
        QFETCH(QString, lineAfter);
        QFETCH(QString, variable);

        QHash<QString, QString> envFile;
        const QList<PublishedPort> ports = fixturePorts(FixtureDir, &envFile);
        const PortEdit edit = PortEditor(envFile).prepare(suggestion(portOf(ports, service, index), to));
        QVERIFY2(edit.ok(), qPrintable(edit.error));

        const QString original = readText(FixtureDir + QStringLiteral("/compose.yaml"));
        QCOMPARE(original.count(lineBefore), 1);
        QString expected = original;
        expected.replace(lineBefore, lineAfter);
        QCOMPARE(edit.originalText, original);
        QCOMPARE(edit.newText, expected); // the whole file: comments, quotes and layout kept
        QCOMPARE(edit.variable, variable);
        QVERIFY(!edit.description.isEmpty());
        // line and column name the replaced characters
        const QStringList lines = original.split(u'\n');
        QCOMPARE(lines.at(edit.line - 1), lineBefore);
        QCOMPARE(lineBefore.mid(edit.column - 1, edit.before.size()), edit.before);
        QCOMPARE(lineAfter.mid(edit.column - 1, edit.after.size()), edit.after);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<bool>("withEnvFile");
        QTest::addColumn<int>("from"); // 0: the port as loaded
        QTest::addColumn<QString>("mentions");

        QTest::newRow("variable without default") << QStringLiteral("variable-plain") << true << 0 << QStringLiteral("set ADMIN_PORT=9999");
        QTest::newRow("variable set in the env file") << QStringLiteral("variable-set") << true << 0 << QStringLiteral("SET_PORT is set");
        QTest::newRow("variable set elsewhere") << QStringLiteral("variable-set") << false << 0 << QStringLiteral("SET_PORT is set elsewhere");
        QTest::newRow("file changed since loaded") << QStringLiteral("short-quoted") << true << 7001 << QStringLiteral("has it changed");
    }
    void refuses()
    {
        QFETCH(QString, service);
        QFETCH(bool, withEnvFile);
        QFETCH(int, from);
        QFETCH(QString, mentions);
        QHash<QString, QString> envFile;
        const QList<PublishedPort> ports = fixturePorts(FixtureDir, &envFile);
        PortSuggestion s = suggestion(portOf(ports, service, 0), 9999);
        if (from)
            s.fromPort = s.fromPortEnd = from;
        const PortEdit edit = PortEditor(withEnvFile ? envFile : QHash<QString, QString>()).prepare(s);
        QVERIFY(!edit.ok());
        QVERIFY2(edit.error.contains(mentions), qPrintable(edit.error));
        QVERIFY2(edit.error.startsWith(s.location.toString()), qPrintable(edit.error));
        QVERIFY(edit.newText.isEmpty());
    }

    void emptyVariableCountsAsUnsetForColonDash()
    {
        const QList<PublishedPort> ports = fixturePorts(FixtureDir);
        const PortSuggestion s = suggestion(portOf(ports, QStringLiteral("variable-default"), 0), 9020);
        QVERIFY(PortEditor(QHash<QString, QString>{{QStringLiteral("WEB_PORT"), QString()}}).prepare(s).ok());
        QVERIFY(!PortEditor(QHash<QString, QString>{{QStringLiteral("WEB_PORT"), QStringLiteral("8020")}}).prepare(s).ok());
    }

    void pureTextEdits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("expected"); // empty: refused

        QTest::newRow("flow mapping over lines")
            << QStringLiteral("ports:\n  - {target: 80,\n     # host\n     \"published\": \"8001\"}\n") << 2 << 5
            << QStringLiteral("ports:\n  - {target: 80,\n     # host\n     \"published\": \"9001\"}\n");
        QTest::newRow("published first in block") << QStringLiteral("ports:\n  - published: 8001\n    target: 80\n") << 2 << 5
                                                  << QStringLiteral("ports:\n  - published: 9001\n    target: 80\n");
        QTest::newRow("crlf kept") << QStringLiteral("ports:\r\n  - \"8001:80\"\r\n") << 2 << 5 << QStringLiteral("ports:\r\n  - \"9001:80\"\r\n");
        QTest::newRow("utf-8 before, columns in bytes") << QStringLiteral("é: [\"8001:80\"]\n") << 1 << 6 << QStringLiteral("é: [\"9001:80\"]\n");
        QTest::newRow("plain variable in a block list") << QStringLiteral("ports:\n  - ${P:-8001}:80   # c\n") << 2 << 5
                                                        << QStringLiteral("ports:\n  - ${P:-9001}:80   # c\n");
        QTest::newRow("plain in a flow list") << QStringLiteral("ports: [8001:80, 8002:81]\n") << 1 << 9
                                              << QStringLiteral("ports: [9001:80, 8002:81]\n");
        QTest::newRow("no published key") << QStringLiteral("ports:\n  - target: 80\n    protocol: tcp\nother: 8001\n") << 2 << 5 << QString();
        QTest::newRow("mapping ends before published") << QStringLiteral("ports:\n  - target: 80\n  - published: 8001\n") << 2 << 5
                                                       << QString();
        QTest::newRow("container port only") << QStringLiteral("ports:\n  - \"8001\"\n") << 2 << 5 << QString();
        QTest::newRow("line past the end") << QStringLiteral("ports:\n  - \"8001:80\"\n") << 9 << 5 << QString();
        QTest::newRow("escapes") << QStringLiteral("ports:\n  - \"80\\x301:80\"\n") << 2 << 5 << QString();
        QTest::newRow("whole entry is a variable") << QStringLiteral("ports:\n  - \"${PORTS}\"\n") << 2 << 5 << QString();
    }
    void pureTextEdits()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, expected);
        const PortEdit edit = PortEditor().prepare(text, {QStringLiteral("compose.yaml"), line, column}, 8001, 8001, 9001);
        if (expected.isEmpty()) {
            QVERIFY2(!edit.ok(), qPrintable(edit.newText));
            QVERIFY(edit.error.startsWith(QStringLiteral("compose.yaml:")));
        } else {
            QVERIFY2(edit.ok(), qPrintable(edit.error));
            QCOMPARE(edit.newText, expected);
        }
    }

    void writesAtomicallyWhenAsked()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString &name : {QStringLiteral("compose.yaml"), QStringLiteral(".env")})
            QVERIFY(QFile::copy(FixtureDir + u'/' + name, dir.filePath(name)));
        const QString file = dir.filePath(QStringLiteral("compose.yaml"));
        const QString original = readText(file);
        const PortSuggestion s = suggestion(portOf(fixturePorts(dir.path()), QStringLiteral("long-block"), 0), 9006);

        const PortEdit preview = PortEditor().apply(s, false);
        QVERIFY2(preview.ok(), qPrintable(preview.error));
        QCOMPARE(readText(file), original); // not asked to write

        const PortEdit written = PortEditor().apply(s, true);
        QVERIFY2(written.ok(), qPrintable(written.error));
        QCOMPARE(readText(file), written.newText);
        QCOMPARE(written.newText, preview.newText);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2); // no temporary left behind

        // The file moved on: the old edit is refused, and so is the old suggestion.
        QString error;
        QVERIFY(!PortEditor::write(preview, &error));
        QVERIFY2(error.contains(QStringLiteral("changed")), qPrintable(error));
        const PortEdit again = PortEditor().apply(s, true);
        QVERIFY(!again.ok());
        QCOMPARE(readText(file), written.newText);

        // And the edited file still loads, with the new port.
        QCOMPARE(portOf(fixturePorts(dir.path()), QStringLiteral("long-block"), 0).first(), 9006);
    }
};

QTEST_GUILESS_MAIN(TestPortsEdit)
#include "tst_portsedit.moc"
