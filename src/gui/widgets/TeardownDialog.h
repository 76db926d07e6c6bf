#pragma once

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QCheckBox;
class QLabel;
class QPushButton;

namespace stagehand {

class DockerClient;

// Asks before `down`: what goes (every container of the Compose project, its networks) and,
// with "Also remove volumes" ticked, the project's volumes by name (listed from the engine by the
// Compose project label when the dialog opens; the confirm button waits for the list while the box
// is ticked, so nobody deletes volumes they have not seen named). Shown with open(): accepted()
// means go ahead, with removeVolumes().
class TeardownDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeardownDialog)

public:
    TeardownDialog(DockerClient *client, const QString &composeProject, const QString &environment, QWidget *parent = nullptr);

    bool removeVolumes() const;
    // The project's volumes, once listed.
    QStringList volumes() const { return m_volumes; }
    bool hasListedVolumes() const { return m_listed; }

Q_SIGNALS:
    void volumesListed(const QStringList &volumes);

private:
    void listVolumes();
    void refresh();

    QPointer<DockerClient> m_client;
    QString m_project;
    QCheckBox *m_removeVolumes;
    QLabel *m_volumesLabel;
    QPushButton *m_confirm;
    QStringList m_volumes;
    QString m_listError;
    bool m_listed = false;
};

} // namespace stagehand
