#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace stagehand::test {

// What one finished (or abandoned) external command produced.
class ProcessResult {
public:
    QString program;
    QStringList arguments;
    int exitCode = -1;
    bool started = false;
    bool timedOut = false;
    bool crashed = false;
    QByteArray standardOutput;
    QByteArray standardError;
    qint64 elapsedMs = 0;

    // Started, finished in time, exited normally with status 0.
    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }

    QString out() const { return QString::fromUtf8(standardOutput); }
    QString err() const { return QString::fromUtf8(standardError); }
    // stdout split into trimmed, non-empty lines
    QStringList lines() const;
    // "docker ps -a" -> exit 1 after 12 ms: <stderr tail>; for failure messages
    QString describe() const;
};

} // namespace stagehand::test
