#pragma once

#include "docker/EngineError.h"

#include <optional>
#include <utility>
#include <variant>

namespace stagehand {

// The outcome of one engine call: a value, or the error that prevented it.
template<typename T>
struct EngineResult {
    std::optional<T> value;
    EngineError error;

    bool ok() const { return value.has_value() && !error.isError(); }
    const T &operator*() const { return *value; }
    const T *operator->() const { return &*value; }

    static EngineResult success(T v) { return EngineResult{std::move(v), {}}; }
    static EngineResult failure(EngineError e) { return EngineResult{std::nullopt, std::move(e)}; }
};

// For calls that return nothing but success (start, stop, remove, ...).
using EngineDone = std::monostate;
using EngineStatus = EngineResult<EngineDone>;

} // namespace stagehand
