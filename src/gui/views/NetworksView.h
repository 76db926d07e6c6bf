#pragma once

#include "views/EnvironmentView.h"

#include <memory>

class QSortFilterProxyModel;

namespace Ui {
class NetworksView;
}

namespace stagehand {

class EngineSession;
class NetworkModel;

// The engine's networks: driver, IPAM subnets and gateways, the attached containers and the Compose
// project that made it; refreshed on network events. "This environment only" keeps the environment's project's.
class NetworksView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworksView)

public:
    explicit NetworksView(EngineSession *session, QWidget *parent = nullptr);
    ~NetworksView() override;

    QString title() const override { return tr("Networks"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    NetworkModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_text; }

private:
    void applyScope();
    void updateSummary();

    std::unique_ptr<Ui::NetworksView> m_ui;
    NetworkModel *m_model;
    QSortFilterProxyModel *m_project; // the environment's Compose project, or everything
    QSortFilterProxyModel *m_text;    // the filter text, over every column
    QString m_composeProject;
};

} // namespace stagehand
