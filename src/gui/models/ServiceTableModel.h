#pragma once

#include "model/ComposeModel.h"

#include <QAbstractTableModel>

namespace stagehand {

// The services of one resolved environment: image, published ports, healthcheck, limits, dependencies.
class ServiceTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceTableModel)

public:
    enum Column { Name, Image, Ports, Health, Limits, DependsOn, ColumnCount };

    explicit ServiceTableModel(QObject *parent = nullptr);

    void setEnvironment(const ComposeModel &model);
    void clear();
    const Service *serviceAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString portsText(const Service &service);
    static QString healthText(const Service &service);
    static QString limitsText(const Service &service);

private:
    QList<Service> m_services;
};

} // namespace stagehand
