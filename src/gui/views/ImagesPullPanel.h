#pragma once

#include "docker/EngineError.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QJsonObject;
class QLabel;
class QProgressBar;
class QTreeWidget;
class QTreeWidgetItem;

namespace stagehand {

class DockerClient;
class EngineStream;

// A pull in progress: one row per layer with its status ("Downloading", "Extracting", "Pull
// complete", "Already exists") and a progress bar fed by the engine's progress lines
// (DockerClient::pullImage's progressReceived); the outcome (or the registry's refusal) below.
// Hidden until the first pull.
class ImagesPullPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImagesPullPanel)

public:
    explicit ImagesPullPanel(QWidget *parent = nullptr);
    ~ImagesPullPanel() override;

    // Starts pulling (a pull already running is cancelled).
    void pull(DockerClient *client, const QString &reference);
    void cancel();
    bool isPulling() const { return m_stream != nullptr; }
    QString reference() const { return m_reference; }
    QStringList layers() const;
    QProgressBar *progressBar(const QString &layer) const;
    QString outcome() const; // the last line shown under the layers

Q_SIGNALS:
    void pullFinished(const QString &reference, const stagehand::EngineError &error);

private:
    void onProgress(const QJsonObject &progress);
    void onFinished(const EngineError &error);
    QTreeWidgetItem *layerItem(const QString &id);

    QLabel *m_title;
    QTreeWidget *m_layers;
    QLabel *m_outcome;
    EngineStream *m_stream = nullptr;
    QString m_reference;
    QHash<QString, QTreeWidgetItem *> m_items;
};

} // namespace stagehand
