#!/bin/sh
# Builds and runs every benchmark (bench/bench_*.cpp) in one go. Arguments are passed to each one,
# e.g. `bench/run.sh --runs 51`. BUILD_DIR selects the build tree (default: build/ beside bench/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../build}
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$here/.." -B "$build" -G Ninja
fi
targets=""
for source in "$here"/bench_*.cpp; do
    targets="$targets $(basename "$source" .cpp)"
done
# shellcheck disable=SC2086
ninja -C "$build" $targets stagehand-cli
status=0
for target in $targets; do
    echo "== $target"
    "$build/bench/$target" "$@" || status=1
    echo
done
exit $status
