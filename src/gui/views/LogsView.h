#pragma once

#include "docker/ContainerSummary.h"
#include "views/EnvironmentView.h"

#include <QStringList>

namespace stagehand {

class ContainersView;
class DockerClient;
class ProjectLogsWidget;

// The selected environment's logs: every container of its Compose project merged in one stream,
// a colour per service (ProjectLogsWidget). Follows the containers view: the same engine client and
// the same set of containers; the streams are replaced only when that set changes.
class LogsView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsView)

public:
    explicit LogsView(ContainersView *containers, QWidget *parent = nullptr);

    QString title() const override { return tr("Logs"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    ProjectLogsWidget *logs() const { return m_logs; }

private:
    void rebuild(DockerClient *client);
    void follow(const QList<ContainerSummary> &containers);

    ContainersView *m_containers;
    ProjectLogsWidget *m_logs = nullptr;
    QStringList m_followed; // container ids, sorted
};

} // namespace stagehand
