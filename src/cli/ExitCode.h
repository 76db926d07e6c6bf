#pragma once

namespace stagehand::cli {

// The exit codes of every command, now and later: part of the CLI's public interface.
enum ExitCode : int {
    Success = 0,
    WarningsOnly = 1,
    Failed = 2,       // problems found or the operation failed
    UsageError = 64,  // EX_USAGE
    Unavailable = 69, // EX_UNAVAILABLE: the Docker engine or another required service unreachable
};

} // namespace stagehand::cli
