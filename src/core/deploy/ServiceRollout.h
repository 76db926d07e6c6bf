#pragma once

#include "deploy/DependencyGraph.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace stagehand {

// Where one service is in a deploy, as the deploy view and `up` show it.
struct ServiceRollout {
    enum class State {
        Pending,   // not looked at yet
        Waiting,   // on the services it needs (detail names them)
        Creating,  // its containers are being (re)created
        Starting,
        Probing,   // started; waiting for its gate (health, completion)
        Ready,     // its gate opened (detail: running, healthy (probe), healthy, completed)
        Failed,
        Skipped,   // not reached: something it needs failed, or the deploy was cancelled
    };

    QString service;
    int phase = 0;
    DependencyGraph::Readiness readiness = DependencyGraph::Readiness::Running;
    State state = State::Pending;
    QString detail;
    QString action;             // created, recreated, started, restarted, unchanged, removed
    QStringList containerIds;   // the service's containers after the deploy
    qint64 startedMs = -1;      // since the deploy began, when its work began
    qint64 durationMs = 0;      // from its work beginning to its gate opening
    int probeAttempts = 0;
    QString lastProbeOutput;
    int lastProbeExitCode = 0;

    bool isDone() const { return state == State::Ready || state == State::Failed || state == State::Skipped; }
    static QString stateName(State state);
};

// The end of a deploy.
struct DeployOutcome {
    enum class Result { Succeeded, Failed, Cancelled };
    Result result = Result::Succeeded;
    QString message;        // why it failed: the service, the condition, its last health output and exit code
    QString failedService;
    qint64 elapsedMs = 0;
    bool engineLost = false; // it failed because the engine could not be reached
    QList<ServiceRollout> services; // in start order

    bool ok() const { return result == Result::Succeeded; }
    static QString resultName(Result result);
};

} // namespace stagehand

Q_DECLARE_METATYPE(stagehand::ServiceRollout)
Q_DECLARE_METATYPE(stagehand::DeployOutcome)
