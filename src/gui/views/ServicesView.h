#pragma once

#include "views/EnvironmentView.h"

#include <memory>

namespace Ui {
class ServicesView;
}

namespace stagehand {

class ServiceFilterProxyModel;
class ServiceTableModel;

// The selected environment's services: image, ports, health check, limits, dependencies.
class ServicesView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServicesView)

public:
    explicit ServicesView(QWidget *parent = nullptr);
    ~ServicesView() override;

    QString title() const override { return tr("Services"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    ServiceTableModel *model() const { return m_model; }

private:
    std::unique_ptr<Ui::ServicesView> m_ui;
    ServiceTableModel *m_model;
    ServiceFilterProxyModel *m_proxy;
};

} // namespace stagehand
