#pragma once

#include "analysis/PublishedPort.h"
#include "model/ComposeModel.h"
#include "model/EnvironmentSpec.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace stagehand {

// The host ports one environment publishes, in declaration order (compose file merge order, then
// line and column), with what the analysis needs to know about where the environment runs.
struct EnvironmentPorts {
    QString environment;
    QString projectName;        // the Compose project name: its containers carry it as a label
    QStringList sharesHostWith; // as the project declares it (PortAnalyzer reads it both ways)
    QString engine;             // the engine endpoint, normalized; containers are matched by it
    bool localEngine = true;    // the engine runs on this host: its listeners count
    QList<PublishedPort> ports;

    // Published ports only (`expose` and ports without a host port publish nothing); services with
    // network_mode: host are skipped (the engine discards their ports).
    static EnvironmentPorts fromModel(const EnvironmentSpec &spec, const ComposeModel &model, const QString &engine = {});
    // The same from a bare model (tests, plain Compose folders).
    static EnvironmentPorts fromModel(const QString &environment, const ComposeModel &model);
};

} // namespace stagehand
