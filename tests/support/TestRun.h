#pragma once

#include <QString>
#include <QStringList>

namespace stagehand::test {

// The identity of one test process: a run id carried, as the value of the label io.stagehand.test,
// by everything the test creates (so that scripts/sweep-test-resources.sh can find what an
// interrupted run left behind), and unique names for projects, containers, networks and volumes.
class TestRun {
public:
    // The run of this process: "sht-<pid>-<6 random hex digits>".
    static const TestRun &current();

    QString id() const { return m_id; }

    static QString labelKey() { return QStringLiteral("io.stagehand.test"); }
    QString labelValue() const { return m_id; }
    // "io.stagehand.test=<run id>", as given to `docker ... --label` and `--filter label=`
    QString label() const { return labelKey() + u'=' + m_id; }
    // {"--label", "io.stagehand.test=<run id>"}
    QStringList labelArguments() const;

    // "<run id>-<prefix>-<n>": unique in this process and (by the pid and random part) across
    // processes; only [a-z0-9-] (valid as a Compose project, container, network and volume name).
    QString uniqueName(const QString &prefix) const;

private:
    TestRun();

    QString m_id;
};

} // namespace stagehand::test
