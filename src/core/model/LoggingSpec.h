#pragma once

#include <QMap>
#include <QString>

namespace stagehand {

struct LoggingSpec {
    QString driver;
    QMap<QString, QString> options;
    bool isEmpty() const { return driver.isEmpty() && options.isEmpty(); }
};

} // namespace stagehand
