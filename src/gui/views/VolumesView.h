#pragma once

#include "views/EnvironmentView.h"

#include <memory>

class QSortFilterProxyModel;

namespace Ui {
class VolumesView;
}

namespace stagehand {

class EngineSession;
class VolumeModel;

// The engine's volumes: driver, size on disk, the containers that mount each and the Compose project
// that made it; refreshed on volume events. "This environment only" keeps the environment's project's.
class VolumesView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VolumesView)

public:
    explicit VolumesView(EngineSession *session, QWidget *parent = nullptr);
    ~VolumesView() override;

    QString title() const override { return tr("Volumes"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    VolumeModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_text; }

private:
    void applyScope();
    void updateSummary();

    std::unique_ptr<Ui::VolumesView> m_ui;
    VolumeModel *m_model;
    QSortFilterProxyModel *m_project; // the environment's Compose project, or everything
    QSortFilterProxyModel *m_text;    // the filter text, over every column
    QString m_composeProject;
};

} // namespace stagehand
