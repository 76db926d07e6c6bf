#pragma once

#include <QtGlobal>

#include <optional>

namespace stagehand {

// deploy.resources.limits or .reservations.
struct ResourceSpec {
    std::optional<double> cpus;
    std::optional<qint64> memoryBytes;
    std::optional<qint64> pids;

    bool isEmpty() const { return !cpus && !memoryBytes && !pids; }
};

} // namespace stagehand
