#pragma once

#include <QString>

namespace stagehand {

// spdlog set-up shared by the GUI and the CLI: a console sink (stderr) and a rotating file under
// the application's data location. Every line passes through SecretRegistry::redact first.
class Logging {
public:
    enum class Level { Trace, Debug, Info, Warning, Error, Off };

    // logDirectory empty: console only. consoleLevel applies to stderr, fileLevel to the file.
    static void initialize(const QString &logDirectory, Level consoleLevel, Level fileLevel = Level::Debug);
    static Level parseLevel(const QString &name, Level fallback = Level::Info);
    static QString logFilePath(const QString &logDirectory);
    static void flush();
};

} // namespace stagehand
