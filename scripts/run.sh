#!/usr/bin/env bash
# The run command: installs what is missing, builds, makes sure the engine and the demo's images are
# there, and opens the Stagehand window on the bundled demo project (or on the project given).
# Without a display, it starts one with Xvfb and tells you so.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/ensure-engine.sh
scripts/build-images.sh
scripts/build.sh

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display; starting the window under xvfb-run (use a desktop session to see it)"
  exec xvfb-run -a -s "-screen 0 1400x900x24" build/src/app/stagehand "$@"
fi
exec build/src/app/stagehand "$@"
