#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

namespace stagehand::test {

struct CliResult {
    int exitCode = -1; // -1: crashed or killed
    QByteArray out;
    QString err;
};

// Runs stagehand-cli as a user would, for the tests of its public interface (exit codes, JSON shapes).
class CliRunner {
public:
    static CliResult run(const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs = 60000);
    // The output as a JSON array; warns (and returns an empty array) when it is not one.
    static QJsonArray parseArray(const QByteArray &out);
    // An object's keys, sorted: what a shape check compares.
    static QStringList keysOf(const QJsonObject &object);
};

} // namespace stagehand::test
