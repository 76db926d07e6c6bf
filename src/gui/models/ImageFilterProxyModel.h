#pragma once

#include <QSortFilterProxyModel>

namespace stagehand {

// Filters the images list by free text (tags, id, the containers using it) and to the dangling
// (untagged) images, and sorts it.
class ImageFilterProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageFilterProxyModel)

public:
    explicit ImageFilterProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setDanglingOnly(bool danglingOnly);
    bool danglingOnly() const { return m_danglingOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_danglingOnly = false;
};

} // namespace stagehand
