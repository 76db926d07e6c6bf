#include "models/ReleaseModel.h"

#include "models/DeployModel.h"

#include <QLocale>

#include <algorithm>

namespace stagehand {

ReleaseModel::ReleaseModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ReleaseModel::setReleases(QList<Release> releases)
{
    std::sort(releases.begin(), releases.end(), [](const Release &a, const Release &b) { return a.number > b.number; });
    // The same numbers in the same order (a refresh while nothing was added): update in place.
    const bool sameRows = releases.size() == m_releases.size()
        && std::equal(releases.cbegin(), releases.cend(), m_releases.cbegin(),
                      [](const Release &a, const Release &b) { return a.number == b.number && a.id == b.id; });
    if (sameRows) {
        m_releases = std::move(releases);
        if (!m_releases.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_releases = std::move(releases);
    endResetModel();
}

const Release *ReleaseModel::releaseAt(int row) const
{
    return row >= 0 && row < m_releases.size() ? &m_releases.at(row) : nullptr;
}

int ReleaseModel::rowOfNumber(int number) const
{
    for (int row = 0; row < m_releases.size(); ++row) {
        if (m_releases.at(row).number == number)
            return row;
    }
    return -1;
}

QString ReleaseModel::durationText(const Release &release)
{
    if (release.running() || !release.startedAt.isValid() || !release.finishedAt.isValid())
        return QStringLiteral("-");
    return DeployModel::formatElapsed(release.startedAt.msecsTo(release.finishedAt));
}

int ReleaseModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_releases.size());
}

int ReleaseModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Release &r = m_releases.at(index.row());
    switch (role) {
    case OutcomeRole:
        return r.outcome;
    case OutcomeBadgeRole:
        return index.column() == Outcome;
    case NumberRole:
        return r.number;
    case SortRole:
        switch (index.column()) {
        case Number:
            return r.number;
        case Started:
            return r.startedAt;
        case Duration:
            return r.finishedAt.isValid() ? r.startedAt.msecsTo(r.finishedAt) : qint64(-1);
        case Changed:
            return r.changedServices();
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SearchTextRole: {
        QStringList words{QStringLiteral("r%1").arg(r.number), r.outcome, r.message, r.engine};
        for (const ServiceRelease &s : r.services)
            words << s.service << s.image << s.releaseTag;
        return words.join(u' ');
    }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Message:
            return r.message;
        case Started:
            return QLocale().toString(r.startedAt.toLocalTime(), QLocale::LongFormat);
        case Number:
            return tr("Release r%1 of %2 (%3), by Stagehand %4 on %5")
                .arg(r.number)
                .arg(r.environment, r.composeProject, r.stagehandVersion, r.engine);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return QStringLiteral("r%1").arg(r.number);
        case Started:
            return QLocale().toString(r.startedAt.toLocalTime(), QLocale::ShortFormat);
        case Duration:
            return durationText(r);
        case Outcome:
            return r.outcome;
        case Changed:
            return tr("%1 of %2").arg(r.changedServices()).arg(r.services.size());
        case Message:
            return r.message.section(u'\n', 0, 0);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ReleaseModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number: return tr("Release");
    case Started: return tr("Started");
    case Duration: return tr("Duration");
    case Outcome: return tr("Outcome");
    case Changed: return tr("Services changed");
    case Message: return tr("Message");
    default: return {};
    }
}

} // namespace stagehand
