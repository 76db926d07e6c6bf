#include "MainWindow.h"
#include "ProjectController.h"
#include "analysis/PortEditor.h"
#include "models/PortMapModel.h"
#include "lint/LintFix.h"
#include "views/FindingsView.h"
#include "views/PortMapView.h"
#include "widgets/SourceViewerDialog.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QDirIterator>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace stagehand;

// The main window opens a project off the GUI thread and shows its environments and services.
class TestMainWindow : public QObject {
    Q_OBJECT

    // Copies an example project (dot files included) so a test may edit it.
    static bool copyExample(const QString &name, const QString &target)
    {
        const QString source = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/") + name;
        QDirIterator it(source, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString copy = target + QLatin1Char('/') + file.mid(source.size() + 1);
            if (!QDir().mkpath(QFileInfo(copy).absolutePath()) || !QFile::copy(file, copy))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensTheDemoProject()
    {
        const QString demo = QStringLiteral(STAGEHAND_SOURCE_DIR "/resources/examples/demo");
        if (!QFileInfo::exists(demo + QStringLiteral("/stagehand.yaml")))
            QSKIP("the demo project is not in this tree");
        MainWindow window;
        window.resize(1200, 700);
        window.show();
        QSignalSpy loaded(window.controller(), &ProjectController::projectLoaded);
        window.openProject(demo);
        QVERIFY(loaded.wait(20000));

        auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("projectTree"));
        QVERIFY(tree);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem *project = tree->topLevelItem(0);
        QCOMPARE(project->text(0), QStringLiteral("demo"));
        QStringList environments;
        for (int i = 0; i < project->childCount(); ++i)
            environments.append(project->child(i)->text(0));
        QCOMPARE(environments, (QStringList{QStringLiteral("dev"), QStringLiteral("staging"), QStringLiteral("production")}));

        auto *services = window.findChild<QTableView *>(QStringLiteral("servicesView"));
        QVERIFY(services);
        QTRY_VERIFY(services->model()->rowCount() >= 6);
        QStringList names;
        for (int row = 0; row < services->model()->rowCount(); ++row)
            names.append(services->model()->index(row, 0).data().toString());
        for (const char *expected : {"postgres", "redis", "api", "web", "nginx", "prometheus"})
            QVERIFY2(names.contains(QLatin1String(expected)), qPrintable(names.join(QLatin1Char(','))));

        // Selecting another environment shows its services.
        tree->setCurrentItem(project->child(1));
        QTRY_VERIFY(services->model()->rowCount() >= 6);
        QVERIFY(window.windowTitle().contains(QStringLiteral("demo")));

        const QString shot = QDir::temp().filePath(QStringLiteral("stagehand-mainwindow.png"));
        QVERIFY(window.grab().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));
    }

    void showsTheSeedClashAndAppliesASuggestion()
    {
        // A copy of the seed example, so the test may edit it.
        QTemporaryDir copy;
        QVERIFY(copyExample(QStringLiteral("piper-staging"), copy.path()));

        MainWindow window;
        window.resize(1200, 700);
        window.show();
        window.controller()->setProbePorts(false); // the host's own listeners are not this test's business
        QSignalSpy loaded(window.controller(), &ProjectController::projectLoaded);
        window.openProject(copy.path());
        QVERIFY(loaded.wait(20000));

        auto *ports = window.findChild<PortMapView *>();
        QVERIFY(ports);
        window.findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(ports);
        PortMapModel *model = ports->model();
        const int conflictsBefore = model->conflictCount();
        QVERIFY(conflictsBefore >= 1);
        const QString shot = QDir::temp().filePath(QStringLiteral("stagehand-portmap.png"));
        QVERIFY(window.grab().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));

        // Select the cell that carries a suggestion and apply it, confirming the shown edit.
        auto *table = ports->findChild<QTableView *>(QStringLiteral("portMapView"));
        QModelIndex suggested;
        for (int row = 0; row < table->model()->rowCount() && !suggested.isValid(); ++row) {
            for (int column = 0; column < table->model()->columnCount(); ++column) {
                if (table->model()->index(row, column).data(PortMapModel::HasSuggestionRole).toBool()) {
                    suggested = table->model()->index(row, column);
                    break;
                }
            }
        }
        QVERIFY(suggested.isValid());
        table->setCurrentIndex(suggested);
        auto *apply = ports->findChild<QPushButton *>(QStringLiteral("applySuggestion"));
        QVERIFY(apply->isEnabled());
        PortEdit shown;
        ports->confirmEdit = [&shown](QWidget *, const PortEdit &edit) {
            shown = edit;
            return true;
        };
        QFile before(shown.file);
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(shown.ok());
        QVERIFY(!shown.before.isEmpty() && shown.before != shown.after);
        QVERIFY(loaded.wait(20000)); // the edit reloads the project

        QFile edited(shown.file);
        QVERIFY(edited.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(edited.readAll());
        QCOMPARE(text, shown.newText);
        // Only the port changed: every other line, comments included, is as it was.
        const QStringList oldLines = shown.originalText.split(QLatin1Char('\n'));
        const QStringList newLines = text.split(QLatin1Char('\n'));
        QCOMPARE(newLines.size(), oldLines.size());
        for (int i = 0; i < oldLines.size(); ++i) {
            if (i + 1 != shown.line)
                QCOMPARE(newLines.at(i), oldLines.at(i));
        }
        QVERIFY(newLines.at(shown.line - 1).contains(shown.after));
        QTRY_VERIFY(ports->model()->conflictCount() < conflictsBefore);
    }

    void reloadsWhenAFileChangesAndOpensFindingsAtTheirLine()
    {
        QTemporaryDir dir;
        const QString compose = dir.filePath(QStringLiteral("compose.yaml"));
        auto write = [&](const QByteArray &text) {
            QFile file(compose);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(text);
        };
        write("services:\n  web:\n    image: nginx:1.25\n");
        MainWindow window;
        window.show();
        window.controller()->setProbePorts(false);
        window.controller()->setWatchFiles(true);
        QSignalSpy loaded(window.controller(), &ProjectController::projectLoaded);
        window.openProject(dir.path());
        QVERIFY(loaded.wait(10000));
        auto *services = window.findChild<QTableView *>(QStringLiteral("servicesView"));
        QCOMPARE(services->model()->rowCount(), 1);

        // A second service and a mistake on line 6, column 5: the window reloads by itself.
        write("services:\n  web:\n    image: nginx:1.25\n  db:\n    image: postgres:15\n    restart: sometimes\n");
        QVERIFY(loaded.wait(10000));
        auto *findings = window.findChild<QTableView *>(QStringLiteral("findingsView"));
        QModelIndex restart;
        QTRY_VERIFY(findings->model()->rowCount() >= 1);
        for (int row = 0; row < findings->model()->rowCount(); ++row) {
            if (findings->model()->index(row, 1).data().toString().contains(QStringLiteral("restart policy")))
                restart = findings->model()->index(row, 1);
        }
        QVERIFY(restart.isValid());
        QCOMPARE(restart.siblingAtColumn(0).data().toString(), QStringLiteral("Error"));

        // Activating the finding shows the file with the cursor on its line.
        findings->setCurrentIndex(restart);
        QTest::keyClick(findings, Qt::Key_Return);
        auto *viewer = window.findChild<SourceViewerDialog *>(QStringLiteral("sourceViewer"));
        QVERIFY(viewer);
        QTRY_VERIFY(viewer->isVisible());
        QCOMPARE(viewer->currentLine(), 6);
    }

    void findsTheSeedsSecretsAndAppliesALintFix()
    {
        QTemporaryDir copy;
        QVERIFY(copyExample(QStringLiteral("piper-staging"), copy.path()));
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.controller()->setProbePorts(false);
        QSignalSpy loaded(window.controller(), &ProjectController::projectLoaded);
        window.openProject(copy.path());
        QVERIFY(loaded.wait(20000));
        window.selectEnvironment(QStringLiteral("staging"));

        auto *findings = window.findChild<QTableView *>(QStringLiteral("findingsView"));
        window.findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentWidget(findings->parentWidget());
        int secrets = 0;
        QModelIndex publicDatabase;
        for (int row = 0; row < findings->model()->rowCount(); ++row) {
            const QString rule = findings->model()->index(row, 4).data().toString();
            secrets += rule == QLatin1String("plaintext-secret");
            if (rule == QLatin1String("database-port-public") && !publicDatabase.isValid())
                publicDatabase = findings->model()->index(row, 1);
        }
        QCOMPARE(secrets, 6); // five in .env.staging, the Grafana admin password in the compose file
        QVERIFY(publicDatabase.isValid());
        const QString shot = QDir::temp().filePath(QStringLiteral("stagehand-findings.png"));
        QVERIFY(window.grab().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));

        findings->setCurrentIndex(publicDatabase);
        auto *apply = window.findChild<QPushButton *>(QStringLiteral("applyFix"));
        QVERIFY(apply->isEnabled());
        auto *view = qobject_cast<FindingsView *>(findings->parentWidget());
        QVERIFY(view);
        LintFix shown;
        view->confirmFix = [&shown](QWidget *, const LintFix &fix) {
            shown = fix;
            return true;
        };
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(shown.newText.startsWith(QStringLiteral("127.0.0.1:")));
        QVERIFY(loaded.wait(20000));
        QFile fixed(shown.file);
        QVERIFY(fixed.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(fixed.readAll()).contains(shown.newText));
    }

    void showsWhyAProjectCannotOpen()
    {
        MainWindow window;
        QSignalSpy loaded(window.controller(), &ProjectController::projectLoaded);
        window.openProject(QStringLiteral(STAGEHAND_TEST_DATA "/no-such-project"));
        QVERIFY(loaded.wait(10000));
        auto *findings = window.findChild<QTableView *>(QStringLiteral("findingsView"));
        QVERIFY(findings);
        QCOMPARE(findings->model()->rowCount(), 1);
        QVERIFY(findings->model()->index(0, 1).data().toString().contains(QStringLiteral("no such file or folder")));
        QVERIFY(findings->isVisible() || findings->window() == &window);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
