#include "views/LogsView.h"

#include "detail/ProjectLogsWidget.h"
#include "engine/EngineSession.h"
#include "views/ContainersView.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace stagehand {

LogsView::LogsView(ContainersView *containers, QWidget *parent)
    : EnvironmentView(parent)
    , m_containers(containers)
{
    setObjectName(QStringLiteral("logsView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    connect(containers, &ContainersView::clientChanged, this, &LogsView::rebuild);
    connect(containers, &ContainersView::environmentContainersChanged, this, &LogsView::follow);
    rebuild(containers->session()->client());
}

void LogsView::showEnvironment(const EnvironmentSnapshot &)
{
    // The containers view decides which containers belong to the environment; it tells us.
    follow(m_containers->environmentContainers());
}

void LogsView::rebuild(DockerClient *client)
{
    delete m_logs;
    m_logs = nullptr;
    m_followed.clear();
    if (!client)
        return;
    m_logs = new ProjectLogsWidget(client, this);
    m_logs->setObjectName(QStringLiteral("projectLogs"));
    layout()->addWidget(m_logs);
    follow(m_containers->environmentContainers());
}

void LogsView::follow(const QList<ContainerSummary> &containers)
{
    QStringList ids;
    ids.reserve(containers.size());
    for (const ContainerSummary &container : containers)
        ids.append(container.id);
    std::sort(ids.begin(), ids.end());
    // State and health changes come often; only a changed set of containers restarts the streams.
    if (!m_logs || ids == m_followed)
        return;
    m_followed = ids;
    m_logs->setContainers(containers);
}

} // namespace stagehand
