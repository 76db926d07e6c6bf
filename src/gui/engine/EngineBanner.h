#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;

namespace stagehand {

class EngineSession;

// A strip at the top of an engine page that says why the Docker engine cannot be used (engine not
// running, permission denied, TLS refused, bad engine setting) and how to fix it; hidden while the
// engine is connected. The client reconnects on its own: the banner clears when it is back.
class EngineBanner final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineBanner)

public:
    explicit EngineBanner(QWidget *parent = nullptr);

    void setSession(EngineSession *session);
    QString text() const; // the reason and hint shown (empty when hidden)

private:
    void refresh();

    QPointer<EngineSession> m_session;
    QLabel *m_icon;
    QLabel *m_reason;
    QLabel *m_hint;
};

} // namespace stagehand
