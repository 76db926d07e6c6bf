#include "deploy/ServiceRollout.h"

namespace stagehand {

QString ServiceRollout::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Waiting:
        return QStringLiteral("waiting");
    case State::Creating:
        return QStringLiteral("creating");
    case State::Starting:
        return QStringLiteral("starting");
    case State::Probing:
        return QStringLiteral("probing");
    case State::Ready:
        return QStringLiteral("ready");
    case State::Failed:
        return QStringLiteral("failed");
    case State::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QString DeployOutcome::resultName(Result result)
{
    switch (result) {
    case Result::Succeeded:
        return QStringLiteral("succeeded");
    case Result::Failed:
        return QStringLiteral("failed");
    case Result::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace stagehand
