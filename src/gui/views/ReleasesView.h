#pragma once

#include "deploy/Release.h"
#include "views/EnvironmentView.h"

#include <memory>

namespace Ui {
class ReleasesView;
}

class QSortFilterProxyModel;

namespace stagehand {

class ReleaseFilterProxyModel;
class ReleaseModel;
class ReleaseServiceModel;

// The selected environment's releases (the deploys that changed something, as `stagehand-cli
// releases` lists them), newest first: number, start, duration, outcome, services changed and the
// failure's message; the selected release's services below (image, image id, release tag, action,
// duration, outcome). The list is read from the Stagehand store off the GUI thread (runAsync; the
// Database is opened in the worker) when an environment is shown and on reload(): after each
// deploy, and with the Refresh button for the command line's.
class ReleasesView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleasesView)

public:
    explicit ReleasesView(QWidget *parent = nullptr);
    ~ReleasesView() override;

    QString title() const override { return tr("Releases"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    // Reads the list again; loaded() when it is in.
    void reload();
    bool isLoading() const { return m_loading; }
    ReleaseModel *model() const { return m_model; }
    ReleaseFilterProxyModel *proxy() const { return m_proxy; }
    ReleaseServiceModel *servicesModel() const { return m_services; }
    // The release selected (0: none); selectRelease() selects one by number.
    int selectedRelease() const;
    void selectRelease(int number);
    // The store path read (empty: Database::defaultPath()); for tests.
    void setDatabasePath(const QString &path) { m_databasePath = path; }

Q_SIGNALS:
    void loaded();

private:
    struct Loaded {
        QList<Release> releases;
        QString error;
        QString path;
    };
    static Loaded load(const QString &databasePath, const QString &project, const QString &environment);
    void showLoaded(const Loaded &loaded);
    void showSelected();
    void updateSummary();

    std::unique_ptr<Ui::ReleasesView> m_ui;
    ReleaseModel *m_model;
    ReleaseFilterProxyModel *m_proxy;
    ReleaseServiceModel *m_services;
    QSortFilterProxyModel *m_servicesProxy;
    QString m_project;
    QString m_environment;
    QString m_databasePath;
    QString m_storePath;
    QString m_error;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_fitted = false;
};

} // namespace stagehand
