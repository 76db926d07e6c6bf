#include "engine/EngineBanner.h"

#include "engine/EngineSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace stagehand {

EngineBanner::EngineBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_hint(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xc8));
    p.setColor(QPalette::WindowText, QColor(0x4a, 0x32, 0x00));
    setPalette(p);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    m_icon->setAlignment(Qt::AlignTop);
    m_reason->setObjectName(QStringLiteral("engineBannerReason"));
    m_hint->setObjectName(QStringLiteral("engineBannerHint"));
    QFont bold = m_reason->font();
    bold.setBold(true);
    m_reason->setFont(bold);
    m_reason->setWordWrap(true);
    m_hint->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_reason);
    text->addWidget(m_hint);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon);
    layout->addLayout(text, 1);
    hide();
}

void EngineBanner::setSession(EngineSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &EngineSession::stateChanged, this, &EngineBanner::refresh);
        connect(session, &EngineSession::clientChanged, this, &EngineBanner::refresh);
    }
    refresh();
}

QString EngineBanner::text() const
{
    if (isHidden())
        return {};
    return m_hint->text().isEmpty() ? m_reason->text() : m_reason->text() + u'\n' + m_hint->text();
}

void EngineBanner::refresh()
{
    const DockerClient::State state = m_session ? m_session->state() : DockerClient::State::Disconnected;
    if (state != DockerClient::State::Unreachable) {
        // Connecting after a failure keeps the last reason up until the engine answers.
        if (state == DockerClient::State::Connected || state == DockerClient::State::Disconnected)
            hide();
        return;
    }
    QString reason = m_session->reason();
    if (reason.isEmpty())
        reason = tr("The Docker engine cannot be reached.");
    QString hint = m_session->hint();
    if (hint.isEmpty())
        hint = tr("Start the engine (sudo systemctl start docker); Stagehand reconnects by itself.");
    auto sentence = [](QString text) {
        text = text.trimmed();
        if (!text.isEmpty()) {
            text[0] = text.at(0).toUpper();
            if (!text.endsWith(u'.'))
                text += u'.';
        }
        return text;
    };
    m_reason->setText(sentence(reason));
    m_hint->setText(sentence(hint) + u' ' + tr("Stagehand retries by itself (%1).").arg(m_session->endpoint().toString()));
    show();
}

} // namespace stagehand
