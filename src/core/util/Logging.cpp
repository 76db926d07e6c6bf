#include "util/Logging.h"

#include "util/SecretRegistry.h"

#include <QDir>
#include <QFile>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace stagehand {
namespace {

// Scrubs secrets out of each message before handing it to the real sinks.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit RedactingSink(std::vector<spdlog::sink_ptr> sinks)
        : m_sinks(std::move(sinks))
    {
    }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        const std::string payload(msg.payload.data(), msg.payload.size());
        const std::string clean = SecretRegistry::instance().redact(payload);
        spdlog::details::log_msg copy(msg);
        copy.payload = spdlog::string_view_t(clean.data(), clean.size());
        for (const auto &target : m_sinks) {
            if (target->should_log(copy.level))
                target->log(copy);
        }
    }
    void flush_() override
    {
        for (const auto &target : m_sinks)
            target->flush();
    }

private:
    std::vector<spdlog::sink_ptr> m_sinks;
};

spdlog::level::level_enum toSpd(Logging::Level level)
{
    switch (level) {
    case Logging::Level::Trace: return spdlog::level::trace;
    case Logging::Level::Debug: return spdlog::level::debug;
    case Logging::Level::Info: return spdlog::level::info;
    case Logging::Level::Warning: return spdlog::level::warn;
    case Logging::Level::Error: return spdlog::level::err;
    case Logging::Level::Off: return spdlog::level::off;
    }
    return spdlog::level::info;
}

} // namespace

QString Logging::logFilePath(const QString &logDirectory)
{
    return QDir(logDirectory).filePath(QStringLiteral("stagehand.log"));
}

void Logging::initialize(const QString &logDirectory, Level consoleLevel, Level fileLevel)
{
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(toSpd(consoleLevel));
    console->set_pattern("%^%l%$: %v");
    sinks.push_back(console);
    if (!logDirectory.isEmpty() && QDir().mkpath(logDirectory)) {
        const QString path = logFilePath(logDirectory);
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path.toStdString(), 5 * 1024 * 1024, 3);
            file->set_level(toSpd(fileLevel));
            file->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%l] [%t] %v");
            sinks.push_back(file);
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        } catch (const spdlog::spdlog_ex &e) {
            console->log(spdlog::details::log_msg("stagehand", spdlog::level::warn,
                                                  fmt::format("cannot open the log file {}: {}", path.toStdString(), e.what())));
        }
    }
    auto redacting = std::make_shared<RedactingSink>(sinks);
    auto logger = std::make_shared<spdlog::logger>("stagehand", redacting);
    logger->set_level(std::min(toSpd(consoleLevel), toSpd(fileLevel)));
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

Logging::Level Logging::parseLevel(const QString &name, Level fallback)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("trace")) return Level::Trace;
    if (n == QLatin1String("debug")) return Level::Debug;
    if (n == QLatin1String("info")) return Level::Info;
    if (n == QLatin1String("warning") || n == QLatin1String("warn")) return Level::Warning;
    if (n == QLatin1String("error")) return Level::Error;
    if (n == QLatin1String("off")) return Level::Off;
    return fallback;
}

void Logging::flush()
{
    if (auto logger = spdlog::default_logger())
        logger->flush();
}

} // namespace stagehand
