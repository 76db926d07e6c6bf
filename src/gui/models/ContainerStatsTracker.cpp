#include "models/ContainerStatsTracker.h"

#include "docker/DockerClient.h"
#include "docker/EngineStream.h"
#include "docker/StatsCalculator.h"

#include <QSet>

namespace stagehand {

ContainerStatsTracker::ContainerStatsTracker(QObject *parent)
    : QObject(parent)
{
}

ContainerStatsTracker::~ContainerStatsTracker()
{
    setTracked({});
}

void ContainerStatsTracker::setClient(DockerClient *client)
{
    setTracked({});
    m_client = client;
}

void ContainerStatsTracker::setTracked(const QStringList &ids)
{
    const QSet<QString> wanted(ids.cbegin(), ids.cend());
    const QStringList current = m_streams.keys();
    for (const QString &id : current) {
        if (!wanted.contains(id))
            untrack(id);
    }
    for (const QString &id : ids)
        track(id);
}

void ContainerStatsTracker::track(const QString &id)
{
    if (!m_client || m_streams.contains(id))
        return;
    EngineStream *stream = m_client->stats(id, this);
    m_streams.insert(id, stream);
    connect(stream, &EngineStream::statsReceived, this, [this, id](const QJsonObject &object) {
        const StatsSample sample = StatsCalculator::fromJson(object);
        if (!sample.read.isValid() || sample.read.date().year() <= 1)
            return; // the container is not running: the engine sends zeros
        Q_EMIT sampleReceived(id, sample);
    });
    connect(stream, &EngineStream::finished, this, [this, id, stream] {
        if (m_streams.value(id) == stream) {
            m_streams.remove(id);
            stream->deleteLater();
        }
    });
}

void ContainerStatsTracker::untrack(const QString &id)
{
    if (EngineStream *stream = m_streams.take(id)) {
        stream->cancel();
        stream->deleteLater();
    }
}

} // namespace stagehand
