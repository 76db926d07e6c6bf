#pragma once

#include "docker/ContainerSummary.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;

namespace stagehand {

class ContainerLogSource;
class DockerClient;
class EngineStream;
class LogPane;

// The logs of all services of a project in one stream: a followed log stream per container, merged
// by the engine's timestamps into one LogModel, a colour per service (LogDelegate::sourceColour of
// its index), filterable per service. The containers' start events (an events stream filtered to
// them) resume a stopped container's stream from its last line. A source is named by its Compose service (with the
// container's number when a service has several containers), else by the container's name.
class ProjectLogsWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectLogsWidget)

public:
    explicit ProjectLogsWidget(DockerClient *client, QWidget *parent = nullptr);
    ~ProjectLogsWidget() override;

    // Replaces the containers followed (and clears the lines). tail: the lines of each to start with.
    void setContainers(const QList<ContainerSummary> &containers);
    void setTail(const QString &tail) { m_tail = tail; }

    LogPane *logPane() const { return m_logs; }
    QStringList sourceNames() const;

    // The name a container gets as a source among containers.
    static QStringList sourceNamesFor(const QList<ContainerSummary> &containers);

private:
    void stopAll();

    QPointer<DockerClient> m_client;
    QString m_tail = QStringLiteral("500");
    QLabel *m_header = nullptr;
    LogPane *m_logs = nullptr;
    QList<ContainerLogSource *> m_sources;
    QPointer<EngineStream> m_events;
};

} // namespace stagehand
