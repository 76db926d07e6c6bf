#include "PlanFormat.h"

#include "TextTable.h"

#include <QMap>

namespace stagehand::cli {
namespace {

QString secondsText(qint64 ms)
{
    return QStringLiteral("%1s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

} // namespace

QString PlanFormat::summary(const DeployPlan &plan)
{
    QMap<PlanAction::Kind, int> counts;
    for (const PlanAction &a : plan.actions) {
        if (a.resource == PlanAction::Resource::Container)
            counts[a.kind] += 1;
    }
    QStringList parts;
    const std::pair<PlanAction::Kind, const char *> words[] = {
        {PlanAction::Kind::Create, "to create"},   {PlanAction::Kind::Recreate, "to recreate"}, {PlanAction::Kind::Start, "to start"},
        {PlanAction::Kind::Restart, "to restart"}, {PlanAction::Kind::Remove, "to remove"},     {PlanAction::Kind::Keep, "unchanged"}};
    for (const auto &[kind, word] : words) {
        if (counts.value(kind) > 0)
            parts.append(QStringLiteral("%1 %2").arg(counts.value(kind)).arg(QString::fromLatin1(word)));
    }
    if (parts.isEmpty())
        parts.append(QStringLiteral("no containers"));
    return QStringLiteral("%1 (%2): containers: %3").arg(plan.project, plan.environment, parts.join(QStringLiteral(", ")));
}

QString PlanFormat::plan(const DeployPlan &plan, bool verbose)
{
    QString out = summary(plan) + u'\n';
    QList<QStringList> rows;
    for (const PlanAction &a : plan.actions) {
        if (!verbose && !a.changes())
            continue;
        rows.append({PlanAction::resourceName(a.resource).toUpper(), PlanAction::kindName(a.kind), a.name, a.reason});
        for (const QString &line : a.drift)
            rows.append({QString(), QString(), QString(), QStringLiteral("  ") + line});
    }
    if (!rows.isEmpty()) {
        rows.prepend({QStringLiteral("RESOURCE"), QStringLiteral("ACTION"), QStringLiteral("NAME"), QStringLiteral("WHY")});
        out += TextTable::format(rows);
    } else {
        out += QStringLiteral("nothing to change\n");
    }
    for (const QString &note : plan.notes)
        out += QStringLiteral("note: ") + note + u'\n';
    return out;
}

QString PlanFormat::progress(qint64 elapsedMs, const ServiceRollout &rollout)
{
    QString line = QStringLiteral("[%1] %2 %3").arg(secondsText(elapsedMs), 7).arg(rollout.service, -20).arg(ServiceRollout::stateName(rollout.state));
    if (!rollout.detail.isEmpty())
        line += QStringLiteral(": ") + rollout.detail;
    return line;
}

QString PlanFormat::outcome(const DeployOutcome &outcome, const QStringList &phaseNames)
{
    QList<QStringList> rows{{QStringLiteral("SERVICE"), QStringLiteral("PHASE"), QStringLiteral("ACTION"), QStringLiteral("STATE"),
                             QStringLiteral("TIME"), QStringLiteral("DETAIL")}};
    for (const ServiceRollout &r : outcome.services) {
        rows.append({r.service, phaseNames.value(r.phase), r.action, ServiceRollout::stateName(r.state),
                     r.state == ServiceRollout::State::Ready ? secondsText(r.durationMs) : QString(), r.detail});
    }
    return TextTable::format(rows);
}

} // namespace stagehand::cli
