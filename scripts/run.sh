#!/usr/bin/env bash
# The run command: installs what is missing, builds, makes sure the engine and the demo's images are
# there, deploys the demo project's dev environment on the local engine (stagehand-cli up: health-gated,
# only what changed, so a rerun is quick) and opens the Stagehand window on it, so a newcomer sees a
# live environment at once. With a project given, opens that instead and deploys nothing.
# Without a display, it starts one with Xvfb and tells you so.
#
#   scripts/run.sh              deploy resources/examples/demo (dev) and open it
#   scripts/run.sh PROJECT      open PROJECT
#   STAGEHAND_RUN_DEPLOY=0 scripts/run.sh    open the demo without deploying it
#
# The demo's dev environment publishes 127.0.0.1:18001, 18080, 18081, 18090, 18379 and 18432; take it
# down with: build/src/cli/stagehand-cli down -p resources/examples/demo -e dev [--volumes]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/ensure-engine.sh
scripts/build-images.sh
scripts/build.sh

project=("$@")
if [ ${#project[@]} -eq 0 ]; then
  project=("$PWD/resources/examples/demo")
  if [ "${STAGEHAND_RUN_DEPLOY:-1}" != 0 ]; then
    echo "run: deploying the demo's dev environment (stagehand-cli up)"
    if ! build/src/cli/stagehand-cli up -p "${project[0]}" -e dev; then
      echo "run: the deploy did not succeed (see above); opening the window all the same" >&2
    fi
  fi
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display; starting the window under xvfb-run (use a desktop session to see it)"
  exec xvfb-run -a -s "-screen 0 1400x900x24" build/src/app/stagehand "${project[@]}"
fi
exec build/src/app/stagehand "${project[@]}"
