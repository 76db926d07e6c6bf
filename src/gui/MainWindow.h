#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QTreeWidgetItem;

namespace Ui {
class MainWindow;
}

namespace stagehand {

class ContainersView;
class DeployView;
class EngineSession;
class EnvironmentView;
class ProjectController;
class ReleasesView;
struct SourceLocation;

// The window a user lives in: the project's environments on the left, the selected environment's
// views as tabs on the right (services, findings; later issues add theirs with addView()).
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ProjectController *controller() const { return m_controller; }
    // The selected environment's Docker engine (its client; reconnects by itself).
    EngineSession *engine() const { return m_engine; }
    ContainersView *containersView() const { return m_containers; }
    DeployView *deployView() const { return m_deploy; }
    ReleasesView *releasesView() const { return m_releases; }
    void openProject(const QString &path);
    // Adds a page shown for the selected environment; the window takes ownership.
    void addView(EnvironmentView *view);
    QString currentEnvironment() const { return m_environment; }
    void selectEnvironment(const QString &name);

private:
    void onProjectLoaded();
    void showEnvironment(const QString &name);
    void showLocation(const SourceLocation &location);
    void chooseProject();
    void updateRecentMenu();
    void stepEnvironment(int delta);
    void showAbout();
    void updateEnvironmentActions();
    void runOnDeployPage(void (DeployView::*action)());

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProjectController *m_controller;
    EngineSession *m_engine;
    ContainersView *m_containers = nullptr;
    DeployView *m_deploy = nullptr;
    ReleasesView *m_releases = nullptr;
    QList<EnvironmentView *> m_views;
    QLabel *m_findingsLabel;
    QString m_environment;
};

} // namespace stagehand
