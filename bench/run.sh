#!/bin/sh
# Builds and runs every benchmark (bench/bench_*.cpp) in one go. Arguments are passed to each one,
# e.g. `bench/run.sh --runs 51`. BUILD_DIR selects the build tree (default: build/ beside bench/);
# BENCHES selects some of them, e.g. `BENCHES="bench_deploy" bench/run.sh` (default: every bench_*.cpp,
# among them bench_deploy, which deploys a stack with docker-compose and takes about three minutes).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../build}
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$here/.." -B "$build" -G Ninja
fi
targets=${BENCHES:-}
if [ -z "$targets" ]; then
    for source in "$here"/bench_*.cpp; do
        targets="$targets $(basename "$source" .cpp)"
    done
fi
# shellcheck disable=SC2086
ninja -C "$build" $targets stagehand-cli
status=0
for target in $targets; do
    echo "== $target"
    "$build/bench/$target" "$@" || status=1
    echo
done
exit $status
