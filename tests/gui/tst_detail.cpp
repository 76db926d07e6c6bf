// The container detail widgets against the real engine, offscreen: a test container of the local
// base image prints to stdout and stderr; the logs tab shows both with stderr marked, search
// highlights and filters, save writes the file, pause buffers, exec shows output and exit code,
// stop/start/remove act on the container, the stats charts get points, and ProjectLogsWidget
// merges two containers' lines by time with a colour each. Screenshots go to
// /tmp/stagehand-detail-*.png.

#include "detail/ContainerActionsWidget.h"
#include "detail/ContainerDetailWidget.h"
#include "detail/InspectView.h"
#include "detail/LogDelegate.h"
#include "detail/LogFilterProxyModel.h"
#include "detail/LogModel.h"
#include "detail/LogPane.h"
#include "detail/ProjectLogsWidget.h"
#include "detail/StatsChartsWidget.h"
#include "docker/DockerClient.h"
#include "docker/LogLineAssembler.h"

#include "DockerCli.h"
#include "EngineWait.h"
#include "Requirements.h"
#include "TestRun.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace stagehand;
using stagehand::test::awaitResult;
using stagehand::test::DockerCli;
using stagehand::test::Requirements;
using stagehand::test::TestRun;

namespace {

int rowOf(const QAbstractItemModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data().toString() == text)
            return row;
    return -1;
}

// Whether any pixel of the rectangle of image has exactly this colour.
bool hasColour(const QImage &image, const QRect &rect, const QColor &colour)
{
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            if (image.pixelColor(x, y).rgb() == colour.rgb())
                return true;
    return false;
}

} // namespace

class TestDetail : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inspectMasksSecrets();
    void logsShowStdoutAndStderr();
    void searchHighlightsAndFilters();
    void saveWritesTheFile();
    void pauseBuffersLines();
    void execShowsOutputAndExitCode();
    void statsChartsGetPoints();
    void stopStartAndRemove();
    void projectLogsMergeByTime();
    void cleanupTestCase();

private:
    QString createContainer(const QString &prefix, const QString &script, const QJsonArray &env = {});

    DockerCli m_docker;
    QString m_baseImage;
    std::unique_ptr<DockerClient> m_client;
    QString m_main; // the container most tests look at
    std::unique_ptr<ContainerDetailWidget> m_widget;
};

QString TestDetail::createContainer(const QString &prefix, const QString &script, const QJsonArray &env)
{
    const QString name = TestRun::current().uniqueName(prefix);
    const QJsonObject body{{QStringLiteral("Image"), m_baseImage},
                           {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"), script}},
                           {QStringLiteral("Env"), env},
                           {QStringLiteral("Labels"), QJsonObject{{TestRun::labelKey(), TestRun::current().labelValue()},
                                                                  {QStringLiteral("com.docker.compose.service"), prefix}}},
                           {QStringLiteral("StopSignal"), QStringLiteral("SIGKILL")},
                           {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("NetworkMode"), QStringLiteral("none")}}}};
    const auto created = awaitResult(m_client->createContainer(body, name));
    if (!created.ok()) {
        qWarning("create failed: %s", qPrintable(created.error.toString()));
        return {};
    }
    const auto started = awaitResult(m_client->startContainer(*created));
    if (!started.ok()) {
        qWarning("start failed: %s", qPrintable(started.error.toString()));
        return {};
    }
    return *created;
}

void TestDetail::initTestCase()
{
    STAGEHAND_REQUIRE(Requirements::engine(m_docker));
    STAGEHAND_REQUIRE(Requirements::baseImage(m_docker, &m_baseImage));
    m_client = std::make_unique<DockerClient>();
    m_client->connectToEngine();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), DockerClient::State::Connected, 15000);

    m_main = createContainer(QStringLiteral("detail"),
                             QStringLiteral("echo alpha-out; echo beta-err >&2; echo gamma-out; echo delta-err >&2; "
                                            "echo 'a line with several words and an error in it'; "
                                            "i=0; while [ $i -lt 20 ]; do echo \"tick $i\"; i=$((i+1)); done; exec sleep 600"),
                             QJsonArray{QStringLiteral("APP_PASSWORD=topsecret-xyz"), QStringLiteral("PLAIN_SETTING=visible")});
    QVERIFY(!m_main.isEmpty());
    m_widget = std::make_unique<ContainerDetailWidget>(m_client.get());
    m_widget->resize(1100, 720);
    m_widget->show();
    m_widget->showContainer(m_main);
    QTRY_VERIFY_WITH_TIMEOUT(m_widget->hasDetails(), 15000);
    QVERIFY(m_widget->details().running);
}

void TestDetail::inspectMasksSecrets()
{
    QVERIFY(m_widget);
    QTreeWidget *tree = m_widget->inspectView()->tree();
    QTreeWidgetItem *env = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0).startsWith(QLatin1String("Environment")))
            env = tree->topLevelItem(i);
    QVERIFY(env);
    QMap<QString, QString> values;
    for (int i = 0; i < env->childCount(); ++i)
        values.insert(env->child(i)->text(0), env->child(i)->text(1));
    QCOMPARE(values.value(QStringLiteral("APP_PASSWORD")), QStringLiteral("********"));
    QCOMPARE(values.value(QStringLiteral("PLAIN_SETTING")), QStringLiteral("visible"));
    const QString raw = m_widget->inspectView()->rawView()->toPlainText();
    QVERIFY(raw.contains(QLatin1String("APP_PASSWORD=********")));
    QVERIFY(!raw.contains(QLatin1String("topsecret-xyz")));
    QVERIFY(raw.contains(QLatin1String("PLAIN_SETTING=visible")));
    QVERIFY(m_widget->headerText().contains(m_widget->details().name));
    m_widget->tabs()->setCurrentIndex(ContainerDetailWidget::InspectTab);
    QTest::qWait(50);
    m_widget->grab().save(QStringLiteral("/tmp/stagehand-detail-inspect.png"));
}

void TestDetail::logsShowStdoutAndStderr()
{
    QVERIFY(m_widget);
    m_widget->tabs()->setCurrentIndex(ContainerDetailWidget::LogsTab);
    LogPane *pane = m_widget->logPane();
    QAbstractItemModelTester tester(pane->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(pane->model(), QStringLiteral("tick 19")) >= 0, 15000);
    const LogModel *model = pane->model();
    QCOMPARE(model->rowCount(), 25);
    for (const char *text : {"alpha-out", "gamma-out", "tick 0"}) {
        const int row = rowOf(model, QLatin1String(text));
        QVERIFY2(row >= 0, text);
        QVERIFY(!model->entry(row).isStderr());
        QVERIFY(model->entry(row).timeNanos > 0);
    }
    for (const char *text : {"beta-err", "delta-err"}) {
        const int row = rowOf(model, QLatin1String(text));
        QVERIFY2(row >= 0, text);
        QVERIFY(model->entry(row).isStderr());
    }
    // Engine order is time order (compared with `docker logs -t`).
    const auto cli = m_docker.run({QStringLiteral("logs"), QStringLiteral("-t"), m_main});
    QVERIFY(cli.ok());
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->entry(row - 1).timeNanos <= model->entry(row).timeNanos);
    QVERIFY(cli.out().contains(LogModel::formatTime(model->entry(0).timeNanos).left(19)));

    // The stderr line is painted with its red bar.
    QListView *view = pane->view();
    const QModelIndex stderrIndex = pane->proxy()->index(rowOf(pane->proxy(), QStringLiteral("beta-err")), 0);
    view->scrollTo(stderrIndex);
    QTest::qWait(50);
    const QImage image = view->viewport()->grab().toImage();
    const QRect rect = view->visualRect(stderrIndex);
    QVERIFY(image.pixelColor(1, rect.center().y()).rgb() == LogDelegate::stderrColour().rgb());
    const QModelIndex stdoutIndex = pane->proxy()->index(rowOf(pane->proxy(), QStringLiteral("alpha-out")), 0);
    QVERIFY(image.pixelColor(1, view->visualRect(stdoutIndex).center().y()).rgb() != LogDelegate::stderrColour().rgb());

    // Timestamps column toggle.
    QVERIFY(pane->delegate()->timestampsShown());
    pane->setTimestampsShown(false);
    QVERIFY(!pane->delegate()->timestampsShown());
    pane->setTimestampsShown(true);
    m_widget->grab().save(QStringLiteral("/tmp/stagehand-detail-logs.png"));
}

void TestDetail::searchHighlightsAndFilters()
{
    QVERIFY(m_widget);
    LogPane *pane = m_widget->logPane();
    pane->view()->setCurrentIndex({}); // search from the top
    pane->setSearchText(QStringLiteral("err"));
    QCOMPARE(pane->proxy()->matchCount(), 3); // beta-err, delta-err, "...an error in it"
    // The engine's order of stdout against stderr lines written at the same moment varies: walk the
    // matches in the order shown.
    QList<int> matches;
    for (int row = 0; row < pane->proxy()->rowCount(); ++row)
        if (pane->proxy()->index(row, 0).data().toString().contains(QLatin1String("err")))
            matches.append(row);
    QCOMPARE(matches.size(), 3);
    QCOMPARE(pane->findNext(), matches[0]);
    QCOMPARE(pane->findNext(), matches[1]);
    QCOMPARE(pane->findNext(), matches[2]);
    QCOMPARE(pane->findNext(), matches[0]); // wraps
    QCOMPARE(pane->findPrevious(), matches[2]);
    QCOMPARE(pane->currentMatchRow(), matches[2]);
    QCOMPARE(pane->view()->currentIndex().row(), matches[2]);
    QVERIFY(!pane->isFollowing()); // navigating stops following

    // The match is highlighted in the painted row.
    QListView *view = pane->view();
    const QModelIndex index =
        pane->proxy()->index(rowOf(pane->proxy(), QStringLiteral("a line with several words and an error in it")), 0);
    view->scrollTo(index);
    QTest::qWait(50);
    const QImage image = view->viewport()->grab().toImage();
    QVERIFY(hasColour(image, view->visualRect(index), LogDelegate::matchBackground()));
    const QModelIndex plain = pane->proxy()->index(rowOf(pane->proxy(), QStringLiteral("tick 3")), 0);
    view->scrollTo(plain);
    QTest::qWait(50);
    QVERIFY(!hasColour(view->viewport()->grab().toImage(), view->visualRect(plain), LogDelegate::matchBackground()));

    pane->setOnlyMatches(true);
    QCOMPARE(pane->proxy()->rowCount(), 3);
    pane->setSearchText(QStringLiteral("^(alpha|gamma)-out$"));
    QCOMPARE(pane->proxy()->rowCount(), 2);
    pane->setSearchText(QStringLiteral("[broken"));
    QVERIFY(!pane->proxy()->isSearchValid());
    QVERIFY(pane->statusText().contains(QLatin1String("invalid regular expression")));
    pane->setSearchText(QStringLiteral("err"));
    QCOMPARE(pane->proxy()->rowCount(), 3);
}

void TestDetail::saveWritesTheFile()
{
    QVERIFY(m_widget);
    LogPane *pane = m_widget->logPane();
    QTemporaryDir dir;
    QSignalSpy saved(pane, &LogPane::savedFile);
    QSignalSpy failed(pane, &LogPane::saveFailed);
    const QString shown = dir.filePath(QStringLiteral("shown.log"));
    pane->save(shown, true); // the three matching lines, with timestamps
    QTRY_VERIFY_WITH_TIMEOUT(saved.count() + failed.count() == 1, 10000);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().at(1).toInt(), 3);
    QFile file(shown);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // and the empty rest after the last newline
    for (int row = 0; row < 3; ++row) {
        const LogEntry &entry = pane->model()->entry(pane->proxy()->mapToSource(pane->proxy()->index(row, 0)).row());
        QCOMPARE(QString::fromUtf8(lines[row]), LogModel::formatTime(entry.timeNanos) +
                                                    (entry.isStderr() ? QStringLiteral(" stderr ") : QStringLiteral(" ")) +
                                                    entry.text);
    }
    QCOMPARE(std::count_if(lines.begin(), lines.end(), [](const QByteArray &l) { return l.endsWith(" stderr beta-err"); }),
             std::ptrdiff_t(1));
    QCOMPARE(std::count_if(lines.begin(), lines.end(), [](const QByteArray &l) { return l.endsWith(" stderr delta-err"); }),
             std::ptrdiff_t(1));
    QCOMPARE(std::count_if(lines.begin(), lines.end(),
                           [](const QByteArray &l) { return l.endsWith(" a line with several words and an error in it"); }),
             std::ptrdiff_t(1));

    const QString all = dir.filePath(QStringLiteral("all.log"));
    pane->save(all, false);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 10000);
    QFile allFile(all);
    QVERIFY(allFile.open(QIODevice::ReadOnly));
    const QByteArray text = allFile.readAll();
    QCOMPARE(text.count('\n'), qsizetype(pane->model()->rowCount()));
    QVERIFY(text.contains(" alpha-out\n"));
    QVERIFY(text.contains(" stderr beta-err\n"));

    pane->save(dir.filePath(QStringLiteral("no/such/dir/x.log")), true);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    pane->setSearchText(QString());
    pane->setOnlyMatches(false);
}

void TestDetail::pauseBuffersLines()
{
    QVERIFY(m_widget);
    LogPane *pane = m_widget->logPane();
    const int before = pane->model()->rowCount();
    pane->setPaused(true);
    const auto exec =
        awaitResult(m_client->exec(m_main, {QStringLiteral("sh"), QStringLiteral("-c"),
                                            QStringLiteral("echo late-out > /proc/1/fd/1; echo late-err > /proc/1/fd/2")}));
    QVERIFY2(exec.ok(), qPrintable(exec.error.toString()));
    QCOMPARE(exec->exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(pane->pendingCount(), 2, 15000);
    QCOMPARE(pane->model()->rowCount(), before);
    QVERIFY(pane->statusText().contains(QLatin1String("paused")));
    pane->setPaused(false);
    QCOMPARE(pane->pendingCount(), 0);
    QCOMPARE(pane->model()->rowCount(), before + 2);
    QVERIFY(pane->model()->entry(rowOf(pane->model(), QStringLiteral("late-err"))).isStderr());

    // Following keeps the newest line in view; scrolling up stops it, back at the end resumes it.
    pane->setFollowing(true);
    const auto many = awaitResult(
        m_client->exec(m_main, {QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("i=0; while [ $i -lt 100 ]; do echo more-$i; i=$((i+1)); done > /proc/1/fd/1")}));
    QVERIFY2(many.ok(), qPrintable(many.error.toString()));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(pane->model(), QStringLiteral("more-99")) >= 0, 15000);
    QScrollBar *scroll = pane->view()->verticalScrollBar();
    QTRY_VERIFY(scroll->maximum() > 0 && scroll->value() == scroll->maximum());
    scroll->triggerAction(QAbstractSlider::SliderToMinimum);
    QTRY_VERIFY(!pane->isFollowing());
    scroll->triggerAction(QAbstractSlider::SliderToMaximum);
    QTRY_VERIFY(pane->isFollowing());
}

void TestDetail::execShowsOutputAndExitCode()
{
    QVERIFY(m_widget);
    m_widget->tabs()->setCurrentIndex(ContainerDetailWidget::ActionsTab);
    ContainerActionsWidget *actions = m_widget->actions();
    QVERIFY(actions->commandEdit()->isEnabled());
    QSignalSpy finished(actions, &ContainerActionsWidget::execFinished);
    actions->commandEdit()->setText(QStringLiteral("sh -c 'echo hi; echo oops >&2; exit 3'"));
    QTest::keyClick(actions->commandEdit(), Qt::Key_Return);
    QVERIFY(finished.wait(20000));
    QVERIFY(!finished.first().first().value<EngineError>().isError());
    QCOMPARE(actions->lastExecResult().exitCode, 3);
    QCOMPARE(actions->lastExecResult().standardOutput, QByteArrayLiteral("hi\n"));
    QVERIFY(actions->output()->toPlainText().contains(QLatin1String("hi")));
    QVERIFY(actions->output()->toHtml().contains(QLatin1String("oops")));
    QCOMPARE(actions->exitCodeLabel()->text(), QStringLiteral("Exit code: 3"));

    // A command that cannot run: the engine's message.
    actions->runCommand(QStringLiteral("/no/such/program"));
    QVERIFY(finished.wait(20000));
    QVERIFY(actions->exitCodeLabel()->text().contains(QLatin1String("no/such/program")) ||
            actions->lastExecResult().exitCode != 0);
    m_widget->grab().save(QStringLiteral("/tmp/stagehand-detail-actions.png"));
}

void TestDetail::statsChartsGetPoints()
{
    QVERIFY(m_widget);
    m_widget->tabs()->setCurrentIndex(ContainerDetailWidget::StatsTab);
    StatsChartsWidget *stats = m_widget->statsCharts();
    QTRY_VERIFY_WITH_TIMEOUT(stats->history().size() >= 3, 30000);
    QVERIFY(stats->cpuSeries()->count() >= 3);
    QCOMPARE(stats->memorySeries()->count(), stats->cpuSeries()->count());
    QCOMPARE(stats->rxSeries()->count(), stats->cpuSeries()->count());
    QVERIFY(stats->history().points().back().memoryUsage > 0);
    QVERIFY(stats->history().points().back().memoryLimit > 0);
    QTest::qWait(100);
    m_widget->grab().save(QStringLiteral("/tmp/stagehand-detail-stats.png"));
}

void TestDetail::stopStartAndRemove()
{
    QVERIFY(m_widget);
    ContainerActionsWidget *actions = m_widget->actions();
    using Action = ContainerActionsWidget::Action;
    QVERIFY(actions->button(Action::Stop)->isEnabled());
    QVERIFY(!actions->button(Action::Start)->isEnabled());
    QSignalSpy done(actions, &ContainerActionsWidget::actionFinished);

    actions->button(Action::Stop)->click();
    QVERIFY(done.wait(30000));
    QVERIFY2(!done.last().at(1).value<EngineError>().isError(), qPrintable(done.last().at(1).value<EngineError>().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_widget->details().running, 15000);
    QCOMPARE(m_docker.inspect({m_main})
                 .at(0)
                 .toObject()
                 .value(QLatin1String("State"))
                 .toObject()
                 .value(QLatin1String("Running"))
                 .toBool(),
             false);
    QTRY_VERIFY_WITH_TIMEOUT(actions->button(Action::Start)->isEnabled(), 15000);
    QVERIFY(!actions->button(Action::Stop)->isEnabled());
    QVERIFY(!actions->commandEdit()->isEnabled());

    // Started again: the logs continue with the new run's lines (the script prints them again).
    const int before = m_widget->logPane()->model()->rowCount();
    actions->button(Action::Start)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_widget->details().running, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_widget->logPane()->model()->rowCount() >= before + 25, 15000);
    QCOMPARE(m_widget->logPane()->model()->rowCount(), before + 25); // nothing repeated

    // Restart: a new run, its lines follow too.
    const QDateTime firstStart = m_widget->details().startedAt;
    QTRY_VERIFY_WITH_TIMEOUT(actions->button(Action::Restart)->isEnabled(), 15000);
    actions->button(Action::Restart)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_widget->details().running && m_widget->details().startedAt != firstStart, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_widget->logPane()->model()->rowCount() >= before + 50, 15000);
    QCOMPARE(m_widget->logPane()->model()->rowCount(), before + 50);

    // Pause and unpause: the buttons follow the state.
    QTRY_VERIFY_WITH_TIMEOUT(actions->button(Action::Pause)->isEnabled(), 15000);
    QVERIFY(!actions->button(Action::Unpause)->isEnabled());
    actions->button(Action::Pause)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_widget->details().paused, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(actions->button(Action::Unpause)->isEnabled(), 15000);
    QVERIFY(!actions->button(Action::Pause)->isEnabled());
    QVERIFY(!actions->commandEdit()->isEnabled()); // no exec in a paused container
    actions->button(Action::Unpause)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_widget->details().paused, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(actions->button(Action::Pause)->isEnabled(), 15000);

    // A failing action carries the engine's message: unpause a container that is not paused.
    QSignalSpy errors(m_widget.get(), &ContainerDetailWidget::errorOccurred);
    actions->trigger(Action::Unpause);
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() == 1, 15000);
    QVERIFY(actions->messageLabel()->text().contains(QLatin1String("not paused"), Qt::CaseInsensitive));

    // Remove asks first, naming the container; cancelling keeps it.
    QSignalSpy removed(m_widget.get(), &ContainerDetailWidget::containerRemoved);
    const QString name = m_widget->details().name;
    QTRY_VERIFY_WITH_TIMEOUT(actions->button(Action::Remove)->isEnabled(), 15000);
    actions->button(Action::Remove)->click();
    QMessageBox *box = actions->removeConfirmation();
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY(box->text().contains(name));
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(m_docker.inspect({m_main}).size(), 1);
    actions->button(Action::Remove)->click();
    box = actions->removeConfirmation();
    QVERIFY(box && box->isVisible());
    box->button(QMessageBox::Yes)->click();
    QVERIFY(removed.wait(30000));
    QCOMPARE(removed.first().first().toString(), m_main);
    QVERIFY(m_docker.inspect({m_main}).isEmpty());
    QVERIFY(!actions->button(Action::Start)->isEnabled());
}

void TestDetail::projectLogsMergeByTime()
{
    QVERIFY(m_client);
    auto script = [](const QString &service) {
        return QStringLiteral(
                   "for i in 1 2 3 4; do echo \"@-$i\"; case $i in 2|4) echo \"@-err-$i\" >&2;; esac; sleep 0.3; done; "
                   "exec sleep 600")
            .replace(u'@', service);
    };
    const QString b = createContainer(QStringLiteral("web"), script(QStringLiteral("web")));
    const QString c = createContainer(QStringLiteral("worker"), script(QStringLiteral("worker")));
    QVERIFY(!b.isEmpty() && !c.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_docker.run({QStringLiteral("logs"), c}).err().contains(QLatin1String("worker-err-4")), 20000);

    const auto listed = awaitResult(m_client->listContainers(
        true, {{QStringLiteral("label"), {TestRun::current().label()}}, {QStringLiteral("id"), {b, c}}}));
    QVERIFY2(listed.ok(), qPrintable(listed.error.toString()));
    QCOMPARE(listed->size(), 2);
    // Worker first, so that web's older lines arrive later and must be merged in before them.
    QList<ContainerSummary> containers = *listed;
    std::sort(containers.begin(), containers.end(),
              [](const ContainerSummary &x, const ContainerSummary &y) { return x.composeService() > y.composeService(); });

    ProjectLogsWidget widget(m_client.get());
    widget.resize(1000, 500);
    widget.show();
    LogPane *pane = widget.logPane();
    QAbstractItemModelTester tester(pane->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    widget.setContainers(containers);
    QCOMPARE(widget.sourceNames(), (QStringList{QStringLiteral("worker"), QStringLiteral("web")}));
    QTRY_COMPARE_WITH_TIMEOUT(pane->model()->rowCount(), 12, 20000);
    const LogModel *model = pane->model();
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->entry(row - 1).timeNanos <= model->entry(row).timeNanos);
    // The same lines in the same order as both `docker logs -t` outputs sorted by their times.
    QList<QPair<qint64, QString>> expected;
    for (const QString &id : {b, c}) {
        const auto out = m_docker.run({QStringLiteral("logs"), QStringLiteral("-t"), id});
        QVERIFY(out.ok());
        for (const QString &l : QString(out.out() + out.err()).split(u'\n', Qt::SkipEmptyParts)) {
            const qsizetype space = l.indexOf(u' ');
            const std::optional<qint64> nanos = LogLineAssembler::parseTimestamp(l.left(space).toUtf8());
            QVERIFY2(nanos, qPrintable(l));
            expected.append({*nanos, l.mid(space + 1)});
        }
    }
    std::stable_sort(expected.begin(), expected.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
    QList<QPair<qint64, QString>> merged;
    for (int row = 0; row < model->rowCount(); ++row)
        merged.append({model->entry(row).timeNanos, model->entry(row).text});
    QCOMPARE(merged, expected);
    // A colour per service, the source column shown; per-service filter.
    QVERIFY(pane->delegate()->sourcesShown());
    QVERIFY(LogDelegate::sourceColour(0) != LogDelegate::sourceColour(1));
    pane->proxy()->setSourceShown(0, false);
    QCOMPARE(pane->proxy()->rowCount(), 6);
    pane->proxy()->setSourceShown(0, true);
    QTest::qWait(50);
    widget.grab().save(QStringLiteral("/tmp/stagehand-detail-project.png"));

    // A restarted service's stream resumes (its start event), with the new run's lines only.
    QVERIFY(m_docker.run({QStringLiteral("restart"), QStringLiteral("-t"), QStringLiteral("0"), b}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(pane->model()->rowCount(), 18, 20000);
    QTest::qWait(500);
    QCOMPARE(pane->model()->rowCount(), 18);
}

void TestDetail::cleanupTestCase()
{
    m_widget.reset();
    const QStringList ids = m_docker.containerIds({QStringLiteral("label=") + TestRun::current().label()});
    if (!ids.isEmpty())
        m_docker.run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + ids);
}

QTEST_MAIN(TestDetail)
#include "tst_detail.moc"
