#pragma once

#include "analysis/PortCheck.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace stagehand {

// The port map: one row per host port the checked environments publish (a long range is one row),
// one column per environment plus one for the host (its listeners and other containers).
struct PortMap {
    struct Cell {
        enum class State { Free, Taken, External, Conflict };
        State state = State::Free;
        QStringList holders;                     // who holds or claims the port in this column
        SourceLocation location;                 // the port entry, for an environment's claim
        std::optional<PortSuggestion> suggestion; // where this column's claimant should move
    };
    struct Row {
        int port = 0;
        int portEnd = 0;
        QString protocol;
        QList<Cell> cells; // one per column
        bool hasConflict() const;
    };

    QStringList columns; // the environments checked, then "host"
    QList<Row> rows;     // by port, then protocol

    static constexpr int MaximumExpandedRange = 16; // longer ranges are one row

    static PortMap build(const PortCheckResult &result);
};

} // namespace stagehand
