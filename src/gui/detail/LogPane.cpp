#include "detail/LogPane.h"

#include "detail/LogDelegate.h"
#include "detail/LogFilterProxyModel.h"
#include "detail/LogModel.h"
#include "util/AsyncTask.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSaveFile>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace stagehand {

namespace {

struct SaveOutcome {
    bool ok = false;
    QString error;
};

SaveOutcome writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {false, file.errorString()};
    if (file.write(data) != data.size())
        return {false, file.errorString()};
    if (!file.commit())
        return {false, file.errorString()};
    return {true, {}};
}

} // namespace

LogPane::LogPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new LogModel(this))
    , m_proxy(new LogFilterProxyModel(this))
    , m_delegate(new LogDelegate(this))
{
    m_proxy->setSourceModel(m_model);
    buildUi();
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        scheduleScroll();
        updateStatus();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
        if (m_currentMatch >= 0)
            m_currentMatch =
                m_currentMatch > last ? m_currentMatch - (last - first + 1) : (m_currentMatch >= first ? -1 : m_currentMatch);
        updateStatus();
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_currentMatch = -1;
        updateStatus();
    });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, [this] {
        m_currentMatch = -1;
        scheduleScroll();
        updateStatus();
    });
    updateStatus();
}

LogPane::~LogPane() = default;

void LogPane::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setObjectName(QStringLiteral("followCheck"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest line in view"));
    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the view; new lines are buffered and added when you resume"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search (regular expression)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(180);
    m_previous = new QToolButton(this);
    m_previous->setText(tr("Previous"));
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next = new QToolButton(this);
    m_next->setText(tr("Next"));
    m_next->setToolTip(tr("Next match (Enter, F3)"));
    m_onlyMatches = new QCheckBox(tr("Only matches"), this);
    m_onlyMatches->setObjectName(QStringLiteral("onlyMatchesCheck"));
    m_stdout = new QCheckBox(tr("stdout"), this);
    m_stdout->setChecked(true);
    m_stderr = new QCheckBox(tr("stderr"), this);
    m_stderr->setChecked(true);
    m_sourcesButton = new QToolButton(this);
    m_sourcesButton->setText(tr("Services"));
    m_sourcesButton->setPopupMode(QToolButton::InstantPopup);
    m_sourcesMenu = new QMenu(m_sourcesButton);
    m_sourcesButton->setMenu(m_sourcesMenu);
    m_sourcesButton->setVisible(false);
    m_timestamps = new QCheckBox(tr("Timestamps"), this);
    m_timestamps->setObjectName(QStringLiteral("timestampsCheck"));
    m_timestamps->setChecked(true);
    m_save = new QToolButton(this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setText(tr("Save"));
    m_save->setPopupMode(QToolButton::InstantPopup);
    auto *saveMenu = new QMenu(m_save);
    saveMenu->addAction(tr("Save shown lines..."), this, [this] { chooseFileAndSave(true); });
    saveMenu->addAction(tr("Save all lines..."), this, [this] { chooseFileAndSave(false); });
    m_save->setMenu(saveMenu);

    bar->addWidget(m_follow);
    bar->addWidget(m_pause);
    bar->addSpacing(8);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addWidget(m_onlyMatches);
    bar->addSpacing(8);
    bar->addWidget(m_stdout);
    bar->addWidget(m_stderr);
    bar->addWidget(m_sourcesButton);
    bar->addWidget(m_timestamps);
    bar->addWidget(m_save);
    layout->addLayout(bar);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(m_delegate);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setFont(m_delegate->font());
    layout->addWidget(m_view, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("logStatus"));
    layout->addWidget(m_status);

    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            scheduleScroll();
    });
    connect(m_pause, &QToolButton::toggled, this, &LogPane::setPaused);
    connect(m_search, &QLineEdit::textChanged, this, &LogPane::setSearchText);
    connect(m_search, &QLineEdit::returnPressed, this, &LogPane::findNext);
    connect(m_next, &QToolButton::clicked, this, &LogPane::findNext);
    connect(m_previous, &QToolButton::clicked, this, &LogPane::findPrevious);
    auto *nextKey = new QShortcut(QKeySequence::FindNext, this);
    connect(nextKey, &QShortcut::activated, this, &LogPane::findNext);
    auto *previousKey = new QShortcut(QKeySequence::FindPrevious, this);
    connect(previousKey, &QShortcut::activated, this, &LogPane::findPrevious);
    connect(m_onlyMatches, &QCheckBox::toggled, this, &LogPane::setOnlyMatches);
    connect(m_stdout, &QCheckBox::toggled, m_proxy, &LogFilterProxyModel::setStdoutShown);
    connect(m_stderr, &QCheckBox::toggled, m_proxy, &LogFilterProxyModel::setStderrShown);
    connect(m_timestamps, &QCheckBox::toggled, this, &LogPane::setTimestampsShown);

    // Scrolling away from the end stops following; back at the end, it follows again.
    QScrollBar *scroll = m_view->verticalScrollBar();
    connect(scroll, &QScrollBar::actionTriggered, this, [this, scroll] {
        QTimer::singleShot(0, this, [this, scroll] { m_follow->setChecked(scroll->value() >= scroll->maximum()); });
    });
}

void LogPane::setSources(const QStringList &names)
{
    m_pending.clear();
    m_model->clearAll();
    m_proxy->showAllSources();
    for (const QString &name : names)
        m_model->addSource(name);
    qsizetype widest = 4;
    for (const QString &name : names)
        widest = std::max(widest, name.size());
    m_delegate->setSourceColumnCharacters(int(std::min<qsizetype>(widest, 24)));
    m_delegate->setSourcesShown(names.size() > 1);
    rebuildSourceMenu();
    m_view->viewport()->update();
    updateStatus();
}

void LogPane::rebuildSourceMenu()
{
    m_sourcesMenu->clear();
    const QStringList names = m_model->sources();
    for (int i = 0; i < names.size(); ++i) {
        QPixmap swatch(12, 12);
        swatch.fill(LogDelegate::sourceColour(i));
        QAction *action = m_sourcesMenu->addAction(QIcon(swatch), names[i]);
        action->setCheckable(true);
        action->setChecked(m_proxy->isSourceShown(i));
        connect(action, &QAction::toggled, this, [this, i](bool on) { m_proxy->setSourceShown(i, on); });
    }
    m_sourcesButton->setVisible(names.size() > 1);
}

void LogPane::appendLines(int source, const QList<LogLine> &lines)
{
    if (lines.isEmpty())
        return;
    if (!m_paused) {
        m_model->appendLines(source, lines);
        return;
    }
    m_pending.append(LogModel::entriesFrom(source, lines));
    if (m_pending.size() > m_model->capacity())
        m_pending.remove(0, m_pending.size() - m_model->capacity());
    updateStatus();
}

void LogPane::clear()
{
    m_pending.clear();
    m_model->clear();
}

bool LogPane::isFollowing() const
{
    return m_follow->isChecked();
}

void LogPane::setFollowing(bool follow)
{
    m_follow->setChecked(follow);
}

void LogPane::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused && !m_pending.isEmpty()) {
        const QList<LogEntry> pending = std::exchange(m_pending, {});
        m_model->appendEntries(pending);
    }
    updateStatus();
}

void LogPane::setSearchText(const QString &pattern)
{
    if (m_search->text() != pattern)
        m_search->setText(pattern); // comes back here through textChanged
    if (m_proxy->searchPattern() == pattern)
        return;
    m_proxy->setSearchPattern(pattern);
    m_delegate->setSearchExpression(m_proxy->hasSearch() ? m_proxy->searchExpression() : QRegularExpression());
    m_search->setStyleSheet(m_proxy->isSearchValid() ? QString() : QStringLiteral("QLineEdit { background: #fde2e2; }"));
    m_currentMatch = -1;
    m_view->viewport()->update();
    updateStatus();
}

void LogPane::setOnlyMatches(bool only)
{
    if (m_onlyMatches->isChecked() != only)
        m_onlyMatches->setChecked(only);
    m_proxy->setFilterToMatches(only);
    updateStatus();
}

int LogPane::selectMatch(int row)
{
    m_currentMatch = row;
    if (row >= 0) {
        m_follow->setChecked(false);
        const QModelIndex index = m_proxy->index(row, 0);
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    }
    updateStatus();
    return row;
}

int LogPane::findNext()
{
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : m_currentMatch;
    return selectMatch(m_proxy->findMatch(from, true));
}

int LogPane::findPrevious()
{
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : m_currentMatch;
    return selectMatch(m_proxy->findMatch(from, false));
}

void LogPane::setTimestampsShown(bool shown)
{
    if (m_timestamps->isChecked() != shown)
        m_timestamps->setChecked(shown);
    m_delegate->setTimestampsShown(shown);
    m_view->viewport()->update();
}

bool LogPane::timestampsShown() const
{
    return m_timestamps->isChecked();
}

void LogPane::scheduleScroll()
{
    if (m_scrollPending || !m_follow->isChecked())
        return;
    m_scrollPending = true;
    QTimer::singleShot(0, this, [this] {
        m_scrollPending = false;
        if (m_follow->isChecked())
            m_view->scrollToBottom();
    });
}

QString LogPane::statusText() const
{
    return m_status->text();
}

void LogPane::updateStatus()
{
    QStringList parts;
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    parts.append(shown == total ? tr("%n line(s)", nullptr, total) : tr("%1 of %n line(s) shown", nullptr, total).arg(shown));
    if (m_model->droppedCount() > 0)
        parts.append(tr("%1 older dropped").arg(m_model->droppedCount()));
    if (!m_proxy->isSearchValid())
        parts.append(tr("invalid regular expression: %1").arg(m_proxy->searchExpression().errorString()));
    else if (m_proxy->hasSearch())
        parts.append(m_currentMatch >= 0 ? tr("match at line %1").arg(m_currentMatch + 1) : tr("search active"));
    if (m_paused)
        parts.append(tr("paused: %n new line(s) buffered", nullptr, int(m_pending.size())));
    if (!m_lastMessage.isEmpty())
        parts.append(m_lastMessage);
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

QByteArray LogPane::textFor(bool shownOnly) const
{
    QByteArray out;
    if (shownOnly) {
        const bool withTime = m_delegate->timestampsShown();
        const bool withSource = m_delegate->sourcesShown();
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const int sourceRow = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
            out += m_model->formatEntry(m_model->entry(sourceRow), withTime, withSource).toUtf8() + '\n';
        }
    } else {
        const bool withSource = m_model->sources().size() > 1;
        for (int row = 0; row < m_model->rowCount(); ++row)
            out += m_model->formatEntry(m_model->entry(row), true, withSource).toUtf8() + '\n';
    }
    return out;
}

void LogPane::save(const QString &path, bool shownOnly)
{
    const QByteArray text = textFor(shownOnly);
    const int lines = int(text.count('\n'));
    runAsync(
        this, [path, text] { return writeAtomically(path, text); },
        [this, path, lines](const SaveOutcome &outcome) {
            m_lastMessage = outcome.ok ? tr("saved %n line(s) to %1", nullptr, lines).arg(path)
                                       : tr("could not save %1: %2").arg(path, outcome.error);
            updateStatus();
            if (outcome.ok)
                Q_EMIT savedFile(path, lines);
            else
                Q_EMIT saveFailed(path, outcome.error);
        });
}

void LogPane::chooseFileAndSave(bool shownOnly)
{
    auto *dialog = new QFileDialog(this, shownOnly ? tr("Save shown log lines") : tr("Save all log lines"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("log"));
    dialog->setNameFilter(tr("Log files (*.log *.txt);;All files (*)"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, shownOnly](const QString &path) { save(path, shownOnly); });
    dialog->open();
}

} // namespace stagehand
