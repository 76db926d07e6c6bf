#include "detail/ProjectLogsWidget.h"

#include "detail/ContainerLogSource.h"
#include "detail/LogModel.h"
#include "detail/LogPane.h"
#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include <QLabel>
#include <QMap>
#include <QVBoxLayout>

namespace stagehand {

ProjectLogsWidget::ProjectLogsWidget(DockerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    m_header = new QLabel(tr("No containers"), this);
    m_header->setObjectName(QStringLiteral("projectLogsHeader"));
    m_header->setWordWrap(true);
    layout->addWidget(m_header);
    m_logs = new LogPane(this);
    layout->addWidget(m_logs, 1);
}

ProjectLogsWidget::~ProjectLogsWidget()
{
    stopAll();
}

void ProjectLogsWidget::stopAll()
{
    qDeleteAll(m_sources);
    m_sources.clear();
    if (m_events) {
        m_events->disconnect(this);
        m_events->cancel();
        m_events->deleteLater();
        m_events = nullptr;
    }
}

QStringList ProjectLogsWidget::sourceNamesFor(const QList<ContainerSummary> &containers)
{
    QMap<QString, int> perService;
    for (const ContainerSummary &c : containers)
        if (!c.composeService().isEmpty())
            ++perService[c.composeService()];
    QStringList out;
    for (const ContainerSummary &c : containers) {
        const QString service = c.composeService();
        if (service.isEmpty())
            out.append(c.name().isEmpty() ? c.id.left(12) : c.name());
        else if (perService.value(service) > 1)
            out.append(service + u'-' + c.labels.value(QStringLiteral("com.docker.compose.container-number"), c.id.left(6)));
        else
            out.append(service);
    }
    return out;
}

QStringList ProjectLogsWidget::sourceNames() const
{
    return m_logs->model()->sources();
}

void ProjectLogsWidget::setContainers(const QList<ContainerSummary> &containers)
{
    stopAll();
    const QStringList names = sourceNamesFor(containers);
    m_logs->setSources(names);
    m_header->setText(containers.isEmpty() ? tr("No containers")
                                           : tr("Logs of %n container(s), merged by time: %1", nullptr, int(containers.size()))
                                                 .arg(names.join(QStringLiteral(", "))));
    for (int i = 0; i < containers.size(); ++i) {
        auto *source = new ContainerLogSource(m_client, containers[i].id, i, this);
        connect(source, &ContainerLogSource::linesReceived, m_logs, &LogPane::appendLines);
        m_sources.append(source);
        source->start(m_tail, true);
    }
    if (containers.isEmpty() || !m_client)
        return;
    EventOptions options;
    QStringList ids;
    for (const ContainerSummary &c : containers)
        ids.append(c.id);
    options.filters = {{QStringLiteral("type"), {QStringLiteral("container")}},
                       {QStringLiteral("event"), {QStringLiteral("start")}},
                       {QStringLiteral("container"), ids}};
    m_events = m_client->events(options, this);
    connect(m_events, &EngineStream::eventReceived, this, [this](const EngineEvent &event) {
        for (ContainerLogSource *source : std::as_const(m_sources))
            if (source->containerId() == event.actorId)
                source->resume();
    });
}

} // namespace stagehand
