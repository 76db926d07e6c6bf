#!/usr/bin/env bash
# Configures and builds Stagehand with CMake + Ninja into build/ (or $STAGEHAND_BUILD_DIR).
# Extra arguments go to CMake's configure step, e.g. -DSTAGEHAND_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${STAGEHAND_BUILD_DIR:-build}
build_type=${STAGEHAND_BUILD_TYPE:-RelWithDebInfo}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
