#include "analysis/PortMap.h"

#include <QFileInfo>
#include <QMap>

#include <algorithm>

namespace stagehand {
namespace {

bool covers(int first, int last, int port, int portEnd)
{
    return first <= portEnd && port <= std::max(first, last);
}

QString where(const SourceLocation &location)
{
    SourceLocation shown = location;
    shown.file = QFileInfo(shown.file).fileName();
    return shown.toString();
}

} // namespace

bool PortMap::Row::hasConflict() const
{
    return std::any_of(cells.cbegin(), cells.cend(), [](const Cell &c) { return c.state == Cell::State::Conflict; });
}

PortMap PortMap::build(const PortCheckResult &result)
{
    PortMap map;
    const PortAnalysisInput &input = result.input;
    for (const EnvironmentPorts &env : input.environments)
        map.columns.append(env.environment);
    const int hostColumn = int(map.columns.size());
    map.columns.append(QStringLiteral("host"));

    // Rows: every port an environment publishes.
    QMap<std::tuple<int, int, QString>, Row> rows;
    auto rowFor = [&](int port, int portEnd, const QString &protocol) -> Row & {
        auto key = std::make_tuple(port, portEnd, protocol);
        auto it = rows.find(key);
        if (it == rows.end()) {
            Row row;
            row.port = port;
            row.portEnd = portEnd;
            row.protocol = protocol;
            row.cells.resize(map.columns.size());
            it = rows.insert(key, row);
        }
        return *it;
    };
    for (qsizetype column = 0; column < input.environments.size(); ++column) {
        for (const PublishedPort &published : input.environments.at(column).ports) {
            const int first = published.first();
            const int last = published.last();
            const bool expand = last - first < MaximumExpandedRange;
            for (int port = first; port <= (expand ? last : first); ++port) {
                Row &row = rowFor(port, expand ? port : last, published.mapping.protocol);
                Cell &cell = row.cells[column];
                cell.state = Cell::State::Taken;
                cell.holders.append(QStringLiteral("%1 (%2)").arg(published.service, where(published.mapping.location)));
                cell.location = published.mapping.location;
            }
        }
    }
    // The host column: listeners and containers outside the environments, on the rows' ports.
    for (Row &row : rows) {
        Cell &host = row.cells[hostColumn];
        for (const HostListener &listener : input.listeners) {
            if (listener.protocol == row.protocol && covers(row.port, row.portEnd, listener.port, listener.port)) {
                host.state = Cell::State::External;
                host.holders.append(listener.pid ? QStringLiteral("pid %1 (%2)").arg(listener.pid).arg(listener.process)
                                                 : QStringLiteral("a process this user cannot see"));
            }
        }
        for (const ContainerPublication &container : input.containers) {
            if (container.protocol == row.protocol && covers(row.port, row.portEnd, container.port, container.port)) {
                host.state = Cell::State::External;
                host.holders.append(QStringLiteral("container %1").arg(container.name));
            }
        }
        host.holders.removeDuplicates();
    }
    // Conflicts: mark every claimant's cell, and hang the suggestion on the one that should move.
    for (const PortConflict &conflict : result.conflicts) {
        for (Row &row : rows) {
            if (row.protocol != conflict.protocol)
                continue;
            for (const PortClaimant &claimant : conflict.claimants) {
                if (!covers(row.port, row.portEnd, claimant.port, std::max(claimant.port, claimant.portEnd)))
                    continue;
                int column = hostColumn;
                if (claimant.kind == PortClaimant::Kind::Service)
                    column = int(map.columns.indexOf(claimant.environment));
                if (column < 0)
                    continue;
                Cell &cell = row.cells[column];
                cell.state = Cell::State::Conflict;
                if (claimant.kind != PortClaimant::Kind::Service && !cell.holders.contains(claimant.describe()))
                    cell.holders.append(claimant.describe());
                if (conflict.suggestion && claimant.kind == PortClaimant::Kind::Service
                    && claimant.environment == conflict.suggestion->environment && claimant.service == conflict.suggestion->service
                    && claimant.location == conflict.suggestion->location)
                    cell.suggestion = conflict.suggestion;
            }
        }
    }
    map.rows = rows.values();
    return map;
}

} // namespace stagehand
