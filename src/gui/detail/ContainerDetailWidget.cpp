#include "detail/ContainerDetailWidget.h"

#include "detail/ContainerActionsWidget.h"
#include "detail/ContainerLogSource.h"
#include "docker/WhenFinished.h"
#include "detail/InspectView.h"
#include "detail/LogPane.h"
#include "detail/StatsChartsWidget.h"
#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "docker/StatsCalculator.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace stagehand {

namespace {

void dropStream(QPointer<EngineStream> &stream)
{
    if (!stream)
        return;
    stream->disconnect();
    stream->cancel();
    stream->deleteLater();
    stream = nullptr;
}

} // namespace

ContainerDetailWidget::ContainerDetailWidget(DockerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("detailHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_header);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_inspect = new InspectView(m_tabs);
    m_logs = new LogPane(m_tabs);
    m_stats = new StatsChartsWidget(m_tabs);
    m_actions = new ContainerActionsWidget(client, m_tabs);
    m_tabs->addTab(m_inspect, tr("Inspect"));
    m_tabs->addTab(m_logs, tr("Logs"));
    m_tabs->addTab(m_stats, tr("Stats"));
    m_tabs->addTab(m_actions, tr("Actions / Exec"));
    layout->addWidget(m_tabs, 1);

    // The engine ends a container's stats stream when it stops; the client would take that end
    // for a lost engine (a stats stream is meant to be endless) and reconnect: drop it first.
    connect(m_actions, &ContainerActionsWidget::actionStarted, this, [this](ContainerActionsWidget::Action action) {
        using Action = ContainerActionsWidget::Action;
        if (action == Action::Stop || action == Action::Restart || action == Action::Remove)
            dropStats();
    });
    connect(m_actions, &ContainerActionsWidget::actionFinished, this,
            [this](ContainerActionsWidget::Action action, const EngineError &error) {
                if (error)
                    Q_EMIT errorOccurred(error);
                if (action == ContainerActionsWidget::Action::Remove && !error) {
                    const QString id = m_containerId;
                    stopStreams();
                    m_hasDetails = false;
                    m_actions->clear();
                    showHeader(tr("%1 was removed").arg(m_details.name.toHtmlEscaped()));
                    Q_EMIT containerRemoved(id);
                    return;
                }
                refresh();
            });
    showHeader(tr("No container selected"));

    // After the engine was away: inspect again (which resumes the logs and stats streams).
    if (client)
        connect(client, &DockerClient::stateChanged, this, [this](DockerClient::State state) {
            if (state == DockerClient::State::Connected && !m_containerId.isEmpty())
                refresh();
        });
}

ContainerDetailWidget::~ContainerDetailWidget()
{
    stopStreams();
}

QString ContainerDetailWidget::headerText() const
{
    return m_header->text();
}

void ContainerDetailWidget::showHeader(const QString &text, bool error)
{
    m_header->setText(error ? QStringLiteral("<span style='color:#b31d1d'>%1</span>").arg(text) : text);
}

void ContainerDetailWidget::stopStreams()
{
    delete m_logSource;
    m_logSource = nullptr;
    dropStream(m_statsStream);
    dropStream(m_events);
}

void ContainerDetailWidget::showContainer(const QString &containerId)
{
    ++m_generation;
    stopStreams();
    m_containerId = containerId;
    m_hasDetails = false;
    m_details = {};
    m_refreshing = m_refreshAgain = false;
    m_inspect->clear();
    m_logs->setSources({});
    m_stats->clear();
    m_stats->setMessage({});
    m_actions->clear();
    if (containerId.isEmpty() || !m_client) {
        showHeader(tr("No container selected"));
        return;
    }
    showHeader(tr("Loading %1...").arg(containerId.toHtmlEscaped()));

    // The container's own events keep the view current.
    EventOptions options;
    options.filters = {{QStringLiteral("type"), {QStringLiteral("container")}}, {QStringLiteral("container"), {containerId}}};
    m_events = m_client->events(options, this);
    connect(m_events, &EngineStream::eventReceived, this, [this](const EngineEvent &event) {
        if (event.action.startsWith(QLatin1String("exec_")))
            return;
        if (event.action == QLatin1String("kill") || event.action == QLatin1String("die") ||
            event.action == QLatin1String("stop"))
            dropStats();
        refresh();
    });
    // A reconnect may have missed a change.
    connect(m_events, &EngineStream::resumed, this, &ContainerDetailWidget::refresh);
    refresh();
}

void ContainerDetailWidget::refresh()
{
    if (!m_client || m_containerId.isEmpty())
        return;
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    const quint64 generation = m_generation;
    whenFinished(
        this, m_client->inspectContainer(m_containerId), [this, generation](const EngineResult<ContainerDetails> &result) {
            if (generation != m_generation)
                return;
            m_refreshing = false;
            if (result.ok()) {
                applyDetails(*result);
            } else if (result.error.httpStatus == 404 && m_hasDetails) {
                const QString id = m_containerId;
                stopStreams();
                m_hasDetails = false;
                m_actions->clear();
                showHeader(tr("%1 no longer exists").arg(m_details.name.toHtmlEscaped()), true);
                Q_EMIT containerRemoved(id);
                return;
            } else {
                showHeader(tr("Cannot inspect %1: %2").arg(m_containerId, result.error.toString()).toHtmlEscaped(), true);
                Q_EMIT errorOccurred(result.error);
            }
            if (std::exchange(m_refreshAgain, false))
                refresh();
        });
}

void ContainerDetailWidget::applyDetails(const ContainerDetails &details)
{
    const bool first = !m_hasDetails;
    m_details = details;
    m_hasDetails = true;

    QString state = details.paused ? tr("paused") : details.status;
    if (!details.health.isEmpty())
        state += QStringLiteral(", ") + details.health;
    const QString colour =
        details.paused ? QStringLiteral("#d98c1f") : (details.running ? QStringLiteral("#2c8c2c") : QStringLiteral("#7f7f7f"));
    QString exit;
    if (!details.running && details.status == QLatin1String("exited"))
        exit = tr(" (exit code %1)").arg(details.exitCode);
    showHeader(
        QStringLiteral(
            "<b>%1</b> &nbsp; <span style='color:%2'>&#9679; %3%4</span> &nbsp; <span style='color:#7f7f7f'>%5 · %6</span>")
            .arg(details.name.toHtmlEscaped(), colour, state.toHtmlEscaped(), exit.toHtmlEscaped(), details.image.toHtmlEscaped(),
                 details.id.left(12)));
    m_inspect->setInspect(details.raw);
    m_actions->setDetails(details);

    // A stream ends when the container stops; it opens again once per start (StartedAt changes).
    if (first) {
        m_logs->setSources({details.name});
        m_logSource = new ContainerLogSource(m_client, details.id, 0, this);
        connect(m_logSource, &ContainerLogSource::linesReceived, m_logs, &LogPane::appendLines);
        connect(m_logSource, &ContainerLogSource::ended, this, [this](const EngineError &error) {
            if (!error)
                refresh(); // restarted meanwhile?
            else if (error.isConnectionProblem())
                m_logsStartedAt = {}; // resume once the engine answers again (see the stateChanged connection)
        });
        m_logsStartedAt = details.startedAt;
        m_logSource->start(QStringLiteral("1000"), true);
    } else if (details.running && m_logSource && !m_logSource->isActive() && details.startedAt != m_logsStartedAt) {
        m_logsStartedAt = details.startedAt;
        m_logSource->resume(); // the lines since the last one
    }
    if (!details.running && m_statsStream)
        dropStats();
    if (details.running && !details.paused && !(m_statsStream && m_statsStream->isActive()) &&
        (first || details.startedAt != m_statsStartedAt || !m_statsStream)) {
        m_statsStartedAt = details.startedAt;
        openStats();
    }
    Q_EMIT detailsChanged(details);
}

void ContainerDetailWidget::dropStats()
{
    if (!m_statsStream)
        return;
    dropStream(m_statsStream);
    m_stats->setMessage(tr("The container is not running."));
}

void ContainerDetailWidget::openStats()
{
    dropStream(m_statsStream);
    m_stats->setMessage({});
    m_statsStream = m_client->stats(m_details.id, this);
    connect(m_statsStream, &EngineStream::statsReceived, this,
            [this](const QJsonObject &sample) { m_stats->addSample(StatsCalculator::fromJson(sample)); });
    connect(m_statsStream, &EngineStream::finished, this, [this](const EngineError &error) {
        m_stats->setMessage(error ? tr("Stats stream ended: %1").arg(error.toString()) : tr("The container is not running."));
        if (!error)
            refresh(); // restarted meanwhile?
    });
    connect(m_statsStream, &EngineStream::interrupted, this, [this](const EngineError &error) {
        m_stats->setMessage(tr("Engine unreachable, waiting: %1").arg(error.toString()));
    });
    connect(m_statsStream, &EngineStream::resumed, this, [this] { m_stats->setMessage({}); });
}

} // namespace stagehand
