#!/usr/bin/env bash
# Builds Stagehand (scripts/build.sh, into build/ or $STAGEHAND_BUILD_DIR) and makes the Debian package
# with CPack: <build>/stagehand_<version>_<arch>.deb, binaries stripped, dependencies from dpkg-shlibdeps.
# Check it with packaging/test-deb.sh <build>. Install it with: apt install ./<build>/stagehand_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh "$@"
build_dir=${STAGEHAND_BUILD_DIR:-build}
(cd "$build_dir" && cpack -G DEB)
ls -1 "$build_dir"/stagehand_*.deb
