#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace stagehand {

// One group of an inspect summary ("State", "Ports", ...): key/value rows, in display order.
struct InspectSection {
    QString title;
    QList<QPair<QString, QString>> rows;
};

// The readable parts of a container's inspect answer (give it the masked answer, see
// InspectMasker): state, general (image, command, ...), ports, mounts, networks, labels,
// environment. Empty sections are kept, with no rows.
class InspectSummary {
    Q_DECLARE_TR_FUNCTIONS(InspectSummary)

public:
    static QList<InspectSection> sections(const QJsonObject &inspect);

    // "0.0.0.0:8080 -> 80/tcp" style: the bindings of one container port, or "not published".
    static QString portBindings(const QJsonValue &bindings);
    // Path and Args (or Config.Entrypoint + Config.Cmd) as one shell-like line.
    static QString command(const QJsonObject &inspect);
};

} // namespace stagehand
