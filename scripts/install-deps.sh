#!/usr/bin/env bash
# Installs, from Debian's packages, what building, running and testing Stagehand needs.
# Idempotent: installs only what is missing, and runs apt-get update only then.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6charts6-dev libqt6sql6-sqlite
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev
  libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
  libyaml-cpp-dev libspdlog-dev libcurl4-openssl-dev libzstd-dev libarchive-dev
  # the engine, a peer client for compatibility tests, and what builds the local images
  docker.io docker-compose debootstrap ca-certificates iproute2 procps
  # engine tests: a local registry with htpasswd auth, test certificates, running as nobody (setpriv)
  docker-registry apache2-utils openssl util-linux
  # running the GUI headless, and checking packaging metadata
  xvfb xauth desktop-file-utils appstream
  # packaging: dpkg-shlibdeps, the SVG icon plugin
  dpkg-dev libqt6svg6
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} packages present"
fi
