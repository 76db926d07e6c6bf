#!/usr/bin/env bash
# The test command: installs what is missing, starts the Docker engine if none answers, builds the
# local service images, builds Stagehand with warnings as errors, and runs every test (ctest).
# Idempotent and safe to rerun. Pass ctest arguments through, e.g. `scripts/test.sh -L unit`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/ensure-engine.sh
scripts/build-images.sh
scripts/sweep-test-resources.sh

STAGEHAND_BUILD_DIR=${STAGEHAND_BUILD_DIR:-build} scripts/build.sh -DSTAGEHAND_WERROR=ON
cd "${STAGEHAND_BUILD_DIR:-build}"
ctest --output-on-failure --timeout 900 "$@"
