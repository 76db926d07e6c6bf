#pragma once

#include "docker/NetworkSummary.h"

#include <QStringList>

namespace stagehand {

// One network of the networks list, with the containers (names) attached to it.
struct NetworkRow {
    NetworkSummary network;
    QStringList containers;
};

} // namespace stagehand
