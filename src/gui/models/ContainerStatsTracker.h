#pragma once

#include "docker/StatsSample.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace stagehand {

class DockerClient;
class EngineStream;

// One stats stream per tracked container (GET /containers/{id}/stats?stream=1), turned into the
// figures docker stats shows (StatsCalculator). Tracking a container opens its stream, untracking it
// (or destroying the tracker) closes it; the engine's zeroed objects for a stopped container are
// dropped.
class ContainerStatsTracker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerStatsTracker)

public:
    explicit ContainerStatsTracker(QObject *parent = nullptr);
    ~ContainerStatsTracker() override;

    void setClient(DockerClient *client); // closes every stream
    // Exactly these containers get a stream.
    void setTracked(const QStringList &ids);
    void untrack(const QString &id);
    QStringList tracked() const { return m_streams.keys(); }
    bool isTracked(const QString &id) const { return m_streams.contains(id); }

Q_SIGNALS:
    void sampleReceived(const QString &id, const stagehand::StatsSample &sample);

private:
    void track(const QString &id);

    QPointer<DockerClient> m_client;
    QHash<QString, EngineStream *> m_streams;
};

} // namespace stagehand
