#pragma once

#include <QMainWindow>

#include <memory>

class QSortFilterProxyModel;
class QTreeWidgetItem;

namespace Ui {
class MainWindow;
}

namespace stagehand {

class ProjectController;
class ServiceTableModel;

// The window a user lives in: the project's environments on the left, the selected
// environment's views on the right, problems with the files in their own tab.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ProjectController *controller() const { return m_controller; }
    void openProject(const QString &path);

private:
    void onProjectLoaded();
    void onEnvironmentSelected(QTreeWidgetItem *item);
    void showEnvironment(const QString &name);
    void chooseProject();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProjectController *m_controller;
    ServiceTableModel *m_services;
    QSortFilterProxyModel *m_servicesProxy;
};

} // namespace stagehand
