#include "views/ImagesPullPanel.h"

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"

#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stagehand {
namespace {
enum LayerColumn { LayerId, LayerStatus, LayerProgress };
}

ImagesPullPanel::ImagesPullPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_layers(new QTreeWidget(this))
    , m_outcome(new QLabel(this))
{
    m_title->setObjectName(QStringLiteral("pullTitle"));
    m_layers->setObjectName(QStringLiteral("pullLayers"));
    m_outcome->setObjectName(QStringLiteral("pullOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layers->setHeaderLabels({tr("Layer"), tr("Status"), tr("Progress")});
    m_layers->setRootIsDecorated(false);
    m_layers->setUniformRowHeights(true);
    m_layers->setMaximumHeight(180);
    m_layers->header()->setStretchLastSection(true);
    m_layers->setColumnWidth(LayerId, 130);
    m_layers->setColumnWidth(LayerStatus, 160);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_layers);
    layout->addWidget(m_outcome);
    hide();
}

ImagesPullPanel::~ImagesPullPanel()
{
    delete m_stream;
}

void ImagesPullPanel::pull(DockerClient *client, const QString &reference)
{
    cancel();
    m_layers->clear();
    m_items.clear();
    m_reference = reference;
    m_title->setText(tr("Pulling %1…").arg(reference));
    m_outcome->clear();
    show();
    if (!client) {
        onFinished(EngineError{EngineError::Kind::Unreachable, 0, tr("not connected to a Docker engine"), {}});
        return;
    }
    m_stream = client->pullImage(reference, nullptr);
    connect(m_stream, &EngineStream::progressReceived, this, &ImagesPullPanel::onProgress);
    connect(m_stream, &EngineStream::finished, this, &ImagesPullPanel::onFinished);
}

void ImagesPullPanel::cancel()
{
    if (m_stream) {
        m_stream->deleteLater();
        m_stream->disconnect(this);
        m_stream = nullptr;
    }
}

QStringList ImagesPullPanel::layers() const
{
    QStringList out;
    for (int i = 0; i < m_layers->topLevelItemCount(); ++i)
        out.append(m_layers->topLevelItem(i)->text(LayerId));
    return out;
}

QProgressBar *ImagesPullPanel::progressBar(const QString &layer) const
{
    QTreeWidgetItem *item = m_items.value(layer);
    return item ? qobject_cast<QProgressBar *>(m_layers->itemWidget(item, LayerProgress)) : nullptr;
}

QString ImagesPullPanel::outcome() const
{
    return m_outcome->text();
}

QTreeWidgetItem *ImagesPullPanel::layerItem(const QString &id)
{
    if (QTreeWidgetItem *item = m_items.value(id))
        return item;
    auto *item = new QTreeWidgetItem(m_layers, {id});
    auto *bar = new QProgressBar(m_layers);
    bar->setObjectName(QStringLiteral("layerProgress_") + id);
    bar->setRange(0, 0); // busy until the engine says how much
    bar->setMaximumHeight(m_layers->fontMetrics().height() + 4);
    bar->setTextVisible(true);
    m_layers->setItemWidget(item, LayerProgress, bar);
    m_items.insert(id, item);
    return item;
}

void ImagesPullPanel::onProgress(const QJsonObject &progress)
{
    const QString status = progress.value(QLatin1String("status")).toString();
    const QString id = progress.value(QLatin1String("id")).toString();
    const QString error = progress.value(QLatin1String("error")).toString();
    if (!error.isEmpty()) {
        m_outcome->setText(error);
        return;
    }
    // Lines about the image, not a layer: "Pulling from library/x" (id = the tag), "Digest: ...",
    // "Status: Downloaded newer image for ...".
    if (id.isEmpty() || status.startsWith(QLatin1String("Pulling from"))) {
        m_outcome->setText(id.isEmpty() ? status : status + QStringLiteral(" (") + id + u')');
        return;
    }
    QTreeWidgetItem *item = layerItem(id);
    item->setText(LayerStatus, status);
    QProgressBar *bar = progressBar(id);
    const QJsonObject detail = progress.value(QLatin1String("progressDetail")).toObject();
    const qint64 current = detail.value(QLatin1String("current")).toInteger();
    const qint64 total = detail.value(QLatin1String("total")).toInteger();
    if (total > 0) {
        // QProgressBar counts in int: scale bytes to KiB.
        bar->setRange(0, int(std::max<qint64>(1, total / 1024)));
        bar->setValue(int(std::min(current, total) / 1024));
        const QLocale locale;
        bar->setFormat(QStringLiteral("%1 / %2").arg(locale.formattedDataSize(current, 1), locale.formattedDataSize(total, 1)));
    } else if (status == u"Pull complete" || status == u"Already exists" || status == u"Download complete" ||
               status.startsWith(QLatin1String("Verifying"))) {
        bar->setRange(0, 100);
        bar->setValue(status == u"Download complete" ? 50 : 100);
        bar->setFormat(status == u"Download complete" ? tr("downloaded") : tr("done"));
    }
}

void ImagesPullPanel::onFinished(const EngineError &error)
{
    if (m_stream) {
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    if (error.isError()) {
        m_title->setText(tr("Pulling %1 failed").arg(m_reference));
        m_outcome->setText(error.toString());
    } else {
        m_title->setText(tr("Pulled %1").arg(m_reference));
        for (QTreeWidgetItem *item : std::as_const(m_items)) {
            if (auto *bar = qobject_cast<QProgressBar *>(m_layers->itemWidget(item, LayerProgress)); bar && bar->maximum() == 0) {
                bar->setRange(0, 100);
                bar->setValue(100);
            }
        }
    }
    Q_EMIT pullFinished(m_reference, error);
}

} // namespace stagehand
