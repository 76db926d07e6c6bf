#pragma once

#include "docker/ContainerSummary.h"
#include "views/EnvironmentView.h"

#include <memory>

namespace Ui {
class ContainersView;
}

namespace stagehand {

class ContainerDetailWidget;
class ContainerFilterProxyModel;
class ContainerModel;
class DockerClient;
class EngineSession;

// The selected environment's containers on its engine, matched by Compose labels
// (com.docker.compose.project == the environment's Compose project name, whoever started them),
// grouped by service, with live state, health, ports, uptime, CPU and memory; a toggle shows every
// container of the engine. A banner says when the engine cannot be reached and clears when it is back.
//
// The lower pane (detailPane()) shows the selected container's detail (ContainerDetailWidget):
// containerSelected() says which container is current, containerActivated() that one was
// double-clicked or Enter was pressed.
class ContainersView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainersView)

public:
    explicit ContainersView(EngineSession *session, QWidget *parent = nullptr);
    ~ContainersView() override;

    QString title() const override { return tr("Containers"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    ContainerModel *model() const { return m_model; }
    ContainerFilterProxyModel *proxy() const { return m_proxy; }
    EngineSession *session() const { return m_session; }
    // An empty pane below the list, with a vertical layout, for the container detail widget.
    QWidget *detailPane() const;
    // The selected container's detail (inspect, logs, stats, actions); null without an engine client.
    ContainerDetailWidget *detail() const { return m_detail; }
    QString composeProject() const { return m_project; }
    // The environment's containers (its Compose project's), as the list shows them.
    QList<ContainerSummary> environmentContainers() const;
    QString selectedContainer() const;
    bool showsAllContainers() const;
    void setShowAllContainers(bool all);

Q_SIGNALS:
    void containerSelected(const QString &containerId); // empty: none
    void containerActivated(const QString &containerId);
    void environmentContainersChanged(const QList<stagehand::ContainerSummary> &containers);
    void clientChanged(stagehand::DockerClient *client); // the engine changed: rebuild the detail

private:
    void applyScope();
    void rebuildDetail(DockerClient *client);
    void showDetail(const QString &containerId);
    void updateSummary();
    void fitColumns();

    std::unique_ptr<Ui::ContainersView> m_ui;
    EngineSession *m_session;
    ContainerModel *m_model;
    ContainerFilterProxyModel *m_proxy;
    ContainerDetailWidget *m_detail = nullptr;
    QString m_project;
    bool m_fitted = false;
    bool m_splitPlaced = false;
};

} // namespace stagehand
