#pragma once

#include "docker/ContainerDetails.h"
#include "docker/EngineError.h"

#include <QDateTime>
#include <QPointer>
#include <QString>
#include <QWidget>

class QLabel;
class QTabWidget;

namespace stagehand {

class ContainerActionsWidget;
class ContainerLogSource;
class DockerClient;
class EngineStream;
class InspectView;
class LogPane;
class StatsChartsWidget;

// Everything about one container, in tabs: Inspect (masked), Logs (followed), Stats (history
// charts), Actions/Exec. The container's events (an events stream filtered to it) keep the state
// current: after a start the logs and stats streams open again (logs from where they stopped).
class ContainerDetailWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerDetailWidget)

public:
    enum Tab { InspectTab, LogsTab, StatsTab, ActionsTab };

    explicit ContainerDetailWidget(DockerClient *client, QWidget *parent = nullptr);
    ~ContainerDetailWidget() override;

    // Shows the container (id or name); an empty id shows nothing.
    void showContainer(const QString &containerId);
    QString containerId() const { return m_containerId; }
    // The last inspect; hasDetails() is false until it arrives (or when it failed).
    bool hasDetails() const { return m_hasDetails; }
    ContainerDetails details() const { return m_details; }

    QTabWidget *tabs() const { return m_tabs; }
    InspectView *inspectView() const { return m_inspect; }
    LogPane *logPane() const { return m_logs; }
    StatsChartsWidget *statsCharts() const { return m_stats; }
    ContainerActionsWidget *actions() const { return m_actions; }
    QString headerText() const;

Q_SIGNALS:
    void detailsChanged(const stagehand::ContainerDetails &details);
    void containerRemoved(const QString &containerId);
    void errorOccurred(const stagehand::EngineError &error);

private:
    void stopStreams();
    void refresh();
    void applyDetails(const ContainerDetails &details);
    void openStats();
    void dropStats();
    void showHeader(const QString &text, bool error = false);

    QPointer<DockerClient> m_client;
    QString m_containerId;
    quint64 m_generation = 0;
    bool m_hasDetails = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    ContainerDetails m_details;
    QDateTime m_logsStartedAt;  // the run whose logs are (or were last) followed
    QDateTime m_statsStartedAt; // the run whose stats are (or were last) streamed

    QLabel *m_header = nullptr;
    QTabWidget *m_tabs = nullptr;
    InspectView *m_inspect = nullptr;
    LogPane *m_logs = nullptr;
    StatsChartsWidget *m_stats = nullptr;
    ContainerActionsWidget *m_actions = nullptr;

    ContainerLogSource *m_logSource = nullptr;
    QPointer<EngineStream> m_statsStream;
    QPointer<EngineStream> m_events;
};

} // namespace stagehand
