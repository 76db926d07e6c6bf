#pragma once

#include "docker/EngineError.h"
#include "docker/LogLine.h"
#include "docker/LogLineAssembler.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace stagehand {

class DockerClient;
class EngineStream;

// The log stream of one container as whole lines: DockerClient::logs with timestamps, assembled
// by a LogLineAssembler. A follow stream ends when the container stops; resume() opens it again
// from just after the last line received (since=), so nothing is repeated or lost across a restart.
// ended() is emitted when a stream ends and is not resumed.
class ContainerLogSource final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerLogSource)

public:
    ContainerLogSource(DockerClient *client, QString containerId, int source, QObject *parent = nullptr);
    ~ContainerLogSource() override;

    QString containerId() const { return m_containerId; }
    int source() const { return m_source; }
    bool isActive() const;
    qint64 lastTimeNanos() const { return m_lastNanos; }

    // tail: "all" or a line count; follow: keep the stream open for new lines.
    void start(const QString &tail = QStringLiteral("1000"), bool follow = true);
    // After the stream ended: open it again from the last line on (or like start() if none came);
    // while it is still active (the old run's stream ends a moment after the container stopped), as
    // soon as it ends.
    void resume();
    void stop();

    // "seconds.nanoseconds" as the engine's since= takes it.
    static QString sinceArgument(qint64 nanos);

Q_SIGNALS:
    void linesReceived(int source, const QList<stagehand::LogLine> &lines);
    void ended(const stagehand::EngineError &error);

private:
    void open(const QString &tail, const QString &since);
    void deliver(const QList<LogLine> &lines);

    QPointer<DockerClient> m_client;
    QString m_containerId;
    int m_source;
    bool m_follow = true;
    QString m_tail;
    QPointer<EngineStream> m_stream;
    LogLineAssembler m_assembler{true};
    qint64 m_lastNanos = 0;
    bool m_resumeWhenEnded = false;
};

} // namespace stagehand
