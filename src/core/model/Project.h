#pragma once

#include "model/DeployPhase.h"
#include "model/EnvironmentSpec.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace stagehand {

// A Stagehand project: a stagehand.yaml naming environments, or a plain Compose folder
// opened as one environment called "default".
struct Project {
    QString name;
    QString directory;   // absolute
    QString projectFile; // absolute path of stagehand.yaml; empty for a plain Compose folder
    QList<EnvironmentSpec> environments;
    QStringList promotion;
    QList<DeployPhase> phases;
    QJsonObject sections; // later sections (verification, backups, rollback, monitoring), as written

    bool isPlainComposeFolder() const { return projectFile.isEmpty(); }
    const EnvironmentSpec *environment(const QString &environmentName) const;
    QStringList environmentNames() const;
};

} // namespace stagehand
