#include "models/ImageModel.h"

#include "engine/EngineCall.h"

#include <QLocale>

namespace stagehand {

ImageModel::ImageModel(QObject *parent)
    : EngineListModel<ImageRow>(parent)
{
}

EngineFilters ImageModel::eventFilters() const
{
    return {{QStringLiteral("type"), {QStringLiteral("image"), QStringLiteral("container")}},
            {QStringLiteral("event"),
             {QStringLiteral("pull"), QStringLiteral("tag"), QStringLiteral("untag"), QStringLiteral("delete"),
              QStringLiteral("load"), QStringLiteral("import"), QStringLiteral("create"), QStringLiteral("destroy")}}};
}

void ImageModel::refresh(quint64 generation)
{
    whenDone(this, m_client->listContainers(true), [this, generation](const EngineResult<QList<ContainerSummary>> &containers) {
        if (!current(generation) || !m_client)
            return;
        QHash<QString, QStringList> users;
        if (containers.ok()) {
            for (const ContainerSummary &c : *containers)
                users[c.imageId].append(c.name());
        }
        whenDone(this, m_client->listImages(), [this, generation, users](const EngineResult<QList<ImageSummary>> &images) {
            if (!current(generation))
                return;
            if (!images.ok()) {
                Q_EMIT engineError(images.error.toString());
                return;
            }
            QList<ImageRow> rows;
            for (const ImageSummary &image : *images) {
                QStringList names = users.value(image.id);
                names.sort();
                rows.append({image, names});
            }
            finishRefresh(generation, rows);
        });
    });
}

int ImageModel::rowOfReference(const QString &reference) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        const ImageSummary &image = m_rows.at(i).image;
        if (image.id == reference || image.repoTags.contains(reference) || m_rows.at(i).shortId() == reference)
            return i;
    }
    return -1;
}

int ImageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Tags:
        return tr("Repository:Tag");
    case Id:
        return tr("Image ID");
    case Size:
        return tr("Size");
    case Created:
        return tr("Created");
    case UsedBy:
        return tr("Used by");
    default:
        return {};
    }
}

QVariant ImageModel::data(const QModelIndex &index, int role) const
{
    const ImageRow *row = rowAt(index.row());
    if (!row || !index.isValid())
        return {};
    const ImageSummary &image = row->image;
    switch (role) {
    case DanglingRole:
        return row->dangling();
    case IdRole:
        return image.id;
    case InUseRole:
        return !row->containers.isEmpty();
    case SizeRole:
        return image.size;
    case SortRole:
        switch (index.column()) {
        case Size:
            return image.size;
        case Created:
            return image.created;
        case UsedBy:
            return qint64(row->containers.size());
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case Qt::ToolTipRole:
        if (index.column() == UsedBy && !row->containers.isEmpty())
            return row->containers.join(u'\n');
        if (index.column() == Tags)
            return (image.repoTags + image.repoDigests).join(u'\n');
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Tags:
            return row->dangling() ? tr("<none>") : image.repoTags.join(QStringLiteral(", "));
        case Id:
            return row->shortId();
        case Size:
            return QLocale().formattedDataSize(image.size, 1);
        case Created:
            return QLocale().toString(image.created.toLocalTime(), QLocale::ShortFormat);
        case UsedBy:
            if (row->containers.isEmpty())
                return QString();
            return row->containers.size() <= 2 ? row->containers.join(QStringLiteral(", "))
                                               : tr("%1, %2 and %n more", nullptr, int(row->containers.size() - 2))
                                                     .arg(row->containers.at(0), row->containers.at(1));
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace stagehand
