#include "views/ImagesView.h"

#include "engine/EngineCall.h"
#include "engine/EngineSession.h"
#include "models/ImageDelegate.h"
#include "models/ImageFilterProxyModel.h"
#include "models/ImageModel.h"
#include "ui_ImagesView.h"

#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>

namespace stagehand {

ImagesView::ImagesView(EngineSession *session, QWidget *parent)
    : EnvironmentView(parent)
    , m_ui(std::make_unique<Ui::ImagesView>())
    , m_session(session)
    , m_model(new ImageModel(this))
    , m_proxy(new ImageFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_ui->engineBanner->setSession(session);
    m_proxy->setSourceModel(m_model);
    QTableView *table = m_ui->imagesTable;
    table->setModel(m_proxy);
    table->setItemDelegate(new ImageDelegate(this));
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->sortByColumn(ImageModel::Tags, Qt::AscendingOrder);
    table->setWordWrap(false);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    const int em = fontMetrics().horizontalAdvance(u'M');
    table->setColumnWidth(ImageModel::Tags, 28 * em);
    table->setColumnWidth(ImageModel::Id, fontMetrics().horizontalAdvance(QStringLiteral("0123456789abcd")) + em);
    table->setColumnWidth(ImageModel::Size, 8 * em);
    table->setColumnWidth(ImageModel::Created, fontMetrics().horizontalAdvance(QStringLiteral("04/12/2026 19:18 PM")) + 2 * em);

    connect(m_ui->imageFilter, &QLineEdit::textChanged, m_proxy, &ImageFilterProxyModel::setFilterText);
    connect(m_ui->danglingOnly, &QCheckBox::toggled, m_proxy, &ImageFilterProxyModel::setDanglingOnly);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_ui->removeImage->setEnabled(current.isValid()); });
    connect(m_ui->removeImage, &QPushButton::clicked, this, &ImagesView::removeSelected);
    connect(m_ui->pullReference, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_ui->pullImage->setEnabled(!text.trimmed().isEmpty() && !m_ui->pullPanel->isPulling());
    });
    connect(m_ui->pullReference, &QLineEdit::returnPressed, m_ui->pullImage, &QPushButton::click);
    connect(m_ui->pullImage, &QPushButton::clicked, this, [this] { pull(m_ui->pullReference->text().trimmed()); });
    connect(m_ui->pullPanel, &ImagesPullPanel::pullFinished, this, [this](const QString &reference, const EngineError &error) {
        m_ui->pullImage->setEnabled(!m_ui->pullReference->text().trimmed().isEmpty());
        Q_EMIT statusMessage(error.isError() ? tr("Pulling %1 failed: %2").arg(reference, error.toString())
                                             : tr("Pulled %1").arg(reference));
    });
    connect(m_model, &ImageModel::loaded, this, &ImagesView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ImagesView::updateSummary);
    connect(m_model, &ImageModel::engineError, this, &EnvironmentView::statusMessage);
    connect(session, &EngineSession::clientChanged, m_model, &ImageModel::setClient);
    m_model->setClient(session->client());
}

ImagesView::~ImagesView() = default;

void ImagesView::showEnvironment(const EnvironmentSnapshot &)
{
    // Images belong to the engine, not to an environment: the engine follows the environment.
}

QString ImagesView::selectedImage() const
{
    return m_ui->imagesTable->currentIndex().data(ImageModel::IdRole).toString();
}

void ImagesView::removeSelected()
{
    const QModelIndex current = m_ui->imagesTable->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex source = m_proxy->mapToSource(current);
    const ImageRow *row = m_model->rowAt(source.row());
    if (!row)
        return;
    const QString id = row->image.id;
    const QString label = row->dangling() ? row->shortId() : row->image.repoTags.join(QStringLiteral(", "));
    QString text = tr("Remove the image %1?").arg(label);
    if (!row->containers.isEmpty())
        text += u'\n' + tr("It is used by %1; the engine refuses to remove it while they exist.")
                            .arg(row->containers.join(QStringLiteral(", ")));
    // Not exec(): the window keeps running while the question is open.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Image"), text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeImageConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, id, label](int result) {
        if (result == QMessageBox::Yes)
            removeImage(id, label);
    });
    box->open();
}

void ImagesView::removeImage(const QString &id, const QString &label)
{
    DockerClient *client = m_session->client();
    if (!client)
        return;
    whenDone(this, client->removeImage(id), [this, label](const EngineStatus &status) {
        if (status.ok()) {
            Q_EMIT statusMessage(tr("Removed %1").arg(label));
            return;
        }
        Q_EMIT statusMessage(tr("Removing %1 failed: %2").arg(label, status.error.toString()));
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Remove Image"),
                            tr("The engine did not remove %1:\n%2").arg(label, status.error.toString()), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("removeImageError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void ImagesView::pull(const QString &reference)
{
    if (reference.isEmpty())
        return;
    m_ui->pullImage->setEnabled(false);
    m_ui->pullPanel->pull(m_session->client(), reference);
}

void ImagesView::updateSummary()
{
    qint64 total = 0;
    int dangling = 0;
    for (const ImageRow &row : m_model->rows()) {
        total += row.image.size;
        dangling += row.dangling();
    }
    m_ui->imagesSummary->setText(
        tr("%1 images, %2, %3 dangling").arg(m_model->rowCount()).arg(QLocale().formattedDataSize(total, 1)).arg(dangling));
}

} // namespace stagehand
