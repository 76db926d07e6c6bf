#pragma once

#include "views/EnvironmentView.h"

#include <memory>

namespace Ui {
class PortMapView;
}

namespace stagehand {

class PortMapFilterProxyModel;
class PortMapModel;
struct PortEdit;

// The visual port map: every host port the project's environments publish, by environment and
// against the host; conflicts in red; a conflict's suggestion applied with one click, after the
// change to the file is shown.
class PortMapView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortMapView)

public:
    explicit PortMapView(QWidget *parent = nullptr);
    ~PortMapView() override;

    QString title() const override { return tr("Ports"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;
    PortMapModel *model() const { return m_model; }

    // Shows the prepared edit and asks before writing it; replaced in tests.
    std::function<bool(QWidget *, const PortEdit &)> confirmEdit;

private:
    void updateSelection();
    void applySuggestion();

    std::unique_ptr<Ui::PortMapView> m_ui;
    PortMapModel *m_model;
    PortMapFilterProxyModel *m_proxy;
    std::shared_ptr<const PortCheckResult> m_result;
};

} // namespace stagehand
