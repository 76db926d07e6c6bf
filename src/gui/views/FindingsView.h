#pragma once

#include "views/EnvironmentView.h"

#include <functional>
#include <memory>

namespace Ui {
class FindingsView;
}

namespace stagehand {

class FindingsFilterProxyModel;
class FindingsModel;
struct LintFix;

// Problems in the environment's files and what the analyses found; activating one opens the file at its line.
class FindingsView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsView)

public:
    explicit FindingsView(QWidget *parent = nullptr);
    ~FindingsView() override;

    QString title() const override { return tr("Findings"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;
    int count() const;

    // Shows a fix and asks before writing it; replaced in tests.
    std::function<bool(QWidget *, const LintFix &)> confirmFix;

private:
    void updateSelection();
    void applyFix();
    const Diagnostic *currentFinding() const;

    std::unique_ptr<Ui::FindingsView> m_ui;
    FindingsModel *m_model;
    FindingsFilterProxyModel *m_proxy;
    const ComposeModel *m_composeModel = nullptr;
};

} // namespace stagehand
