#pragma once

#include "views/EnvironmentView.h"

#include <memory>

namespace Ui {
class ImagesView;
}

namespace stagehand {

class EngineSession;
class ImageFilterProxyModel;
class ImageModel;

// The engine's images: tags, size, which containers use each, a dangling filter, remove (after a
// confirmation; the engine refuses an image a container uses, and its message is shown) and pull
// with per-layer progress bars. Refreshed on the engine's image events.
class ImagesView final : public EnvironmentView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImagesView)

public:
    explicit ImagesView(EngineSession *session, QWidget *parent = nullptr);
    ~ImagesView() override;

    QString title() const override { return tr("Images"); }
    void showEnvironment(const EnvironmentSnapshot &snapshot) override;

    ImageModel *model() const { return m_model; }
    ImageFilterProxyModel *proxy() const { return m_proxy; }
    // The selected image's id (empty: none).
    QString selectedImage() const;
    // Asks to remove the selected image: opens the confirmation (objectName "removeImageConfirmation").
    void removeSelected();
    void pull(const QString &reference);

private:
    void removeImage(const QString &id, const QString &label);
    void updateSummary();

    std::unique_ptr<Ui::ImagesView> m_ui;
    EngineSession *m_session;
    ImageModel *m_model;
    ImageFilterProxyModel *m_proxy;
};

} // namespace stagehand
