#include "widgets/TeardownDialog.h"

#include "docker/ComposeMatcher.h"
#include "docker/DockerClient.h"
#include "engine/EngineCall.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace stagehand {

TeardownDialog::TeardownDialog(DockerClient *client, const QString &composeProject, const QString &environment, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_project(composeProject)
    , m_removeVolumes(new QCheckBox(tr("Also remove the volumes (their data is lost)"), this))
    , m_volumesLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("teardownDialog"));
    setWindowTitle(tr("Take Down %1").arg(environment));
    auto *layout = new QVBoxLayout(this);
    // As big as its text needs, also when the list of volumes appears (word-wrapped labels).
    layout->setSizeConstraint(QLayout::SetFixedSize);
    auto *text = new QLabel(tr("<p><b>Take down environment %1?</b></p><p>Every container of Compose project <b>%2</b> "
                               "(its services, orphans and one-offs) is stopped, in reverse dependency order, and removed; "
                               "then the project's networks. Its volumes are kept unless you tick the box below.</p>")
                                .arg(environment.toHtmlEscaped(), composeProject.toHtmlEscaped()),
                            this);
    text->setWordWrap(true);
    text->setMinimumWidth(fontMetrics().horizontalAdvance(u'M') * 34);
    layout->addWidget(text);
    m_removeVolumes->setObjectName(QStringLiteral("removeVolumesCheck"));
    layout->addWidget(m_removeVolumes);
    m_volumesLabel->setObjectName(QStringLiteral("volumesLabel"));
    m_volumesLabel->setWordWrap(true);
    m_volumesLabel->setTextFormat(Qt::PlainText);
    m_volumesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_volumesLabel->setIndent(20);
    layout->addWidget(m_volumesLabel);
    layout->addStretch();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(tr("Take Down"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmTeardownButton"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_removeVolumes, &QCheckBox::toggled, this, &TeardownDialog::refresh);
    listVolumes();
    refresh();
}

bool TeardownDialog::removeVolumes() const
{
    return m_removeVolumes->isChecked();
}

void TeardownDialog::listVolumes()
{
    if (!m_client) {
        m_listed = true;
        m_listError = tr("no engine");
        return;
    }
    whenDone(this, m_client->listVolumes(ComposeMatcher::filters(m_project)), [this](const EngineResult<QList<VolumeSummary>> &result) {
        m_listed = true;
        if (result.ok()) {
            for (const VolumeSummary &volume : *result)
                m_volumes.append(volume.name);
            m_volumes.sort();
        } else {
            m_listError = result.error.toString();
        }
        refresh();
        Q_EMIT volumesListed(m_volumes);
    });
}

void TeardownDialog::refresh()
{
    const bool ticked = m_removeVolumes->isChecked();
    m_volumesLabel->setVisible(ticked);
    if (!m_listed)
        m_volumesLabel->setText(tr("Listing the project's volumes…"));
    else if (!m_listError.isEmpty())
        m_volumesLabel->setText(tr("The volumes could not be listed: %1").arg(m_listError));
    else if (m_volumes.isEmpty())
        m_volumesLabel->setText(tr("The project has no volumes: nothing more is deleted."));
    else
        m_volumesLabel->setText(tr("These volumes will be deleted, with their data:\n%1").arg(m_volumes.join(u'\n')));
    // Volumes go only once their names have been shown.
    m_confirm->setEnabled(!ticked || (m_listed && m_listError.isEmpty()));
    m_confirm->setText(ticked && !m_volumes.isEmpty() ? tr("Take Down and Delete the Volumes") : tr("Take Down"));
}

} // namespace stagehand
