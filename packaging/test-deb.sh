#!/usr/bin/env bash
# Checks the packaging: the desktop file and the AppStream metainfo validate, cpack builds a .deb from
# the build tree, the .deb declares its dependencies (satisfied here) and holds what it should, and,
# unpacked into a scratch root (dpkg-deb -x, never installed), its programs run.
# Usage: packaging/test-deb.sh [BUILD_DIR]   (default: build; stagehand and stagehand-cli built there)
# ctest runs it as integration/debpackage. Leaves nothing behind but its output.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
id=io.github.stagehand.Stagehand
work=$(mktemp -d "${TMPDIR:-/tmp}/stagehand-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps dpkg-checkbuilddeps desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps.sh"
done
[ -f "$build/CPackConfig.cmake" ] || fail "$build is not a configured build tree"

# Both validators: any error or warning fails (appstreamcli's pedantic notes are not shown).
validate_files() { # desktop-file metainfo-file
  local out
  out=$(desktop-file-validate "$1" 2>&1) || fail "desktop-file-validate $1: $out"
  [ -z "$out" ] || fail "desktop-file-validate $1: $out"
  out=$(appstreamcli validate --no-net "$2" 2>&1) || fail "appstreamcli validate $2: $out"
  ! grep -qE '^[EW]: ' <<<"$out" || fail "appstreamcli validate $2: $out"
}

step "validate packaging/$id.desktop and packaging/$id.metainfo.xml"
validate_files "$src/packaging/$id.desktop" "$src/packaging/$id.metainfo.xml"

step "cpack -G DEB"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || fail "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake"
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
debs=("$work"/out/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb, got: ${debs[*]}"
deb=${debs[0]}
echo "$(basename "$deb"), $(stat -c %s "$deb") bytes"

step "control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = stagehand ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), expected $version"
depends=$(field Depends); recommends=$(field Recommends)
echo "Depends: $depends"; echo "Recommends: $recommends"
names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*//; s/ //g')
for lib in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 libyaml-cpp; do  # libyaml-cpp<soversion>
  awk -v p="$lib" 'index($0, p) == 1 { found = 1 } END { exit !found }' <<<"$names" \
    || fail "Depends lacks $lib (dpkg-shlibdeps not run?)"
done
grep -q 'docker.io' <<<"$recommends" || fail "Recommends lacks docker.io"
dpkg-checkbuilddeps -d "$depends" /dev/null || fail "Depends not satisfied on this machine: $depends"
grep -qF "<release version=\"$version\"" "$src/packaging/$id.metainfo.xml" \
  || fail "the metainfo has no <release version=\"$version\">: add the release"

step "contents"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
for path in /usr/bin/stagehand /usr/bin/stagehand-cli /usr/share/applications/$id.desktop \
            /usr/share/metainfo/$id.metainfo.xml /usr/share/icons/hicolor/scalable/apps/$id.svg \
            /usr/share/doc/stagehand/copyright; do
  grep -qxF "$path" "$work/contents" || fail "the package lacks $path"
done

step "dpkg-deb -x into a scratch root, then run from there"
root=$work/root
dpkg-deb -x "$deb" "$root"
validate_files "$root/usr/share/applications/$id.desktop" "$root/usr/share/metainfo/$id.metainfo.xml"
out=$(appstreamcli validate-tree --no-net "$root" 2>&1) || fail "appstreamcli validate-tree: $out"
! grep -qE '^[EW]: ' <<<"$out" || fail "appstreamcli validate-tree: $out"
for exe in stagehand stagehand-cli; do
  ! readelf -d "$root/usr/bin/$exe" | grep -qE 'R(UN)?PATH' || fail "$exe keeps an RPATH: $(readelf -d "$root/usr/bin/$exe" | grep PATH)"
  missing=$(ldd "$root/usr/bin/$exe" | grep 'not found' || true)
  [ -z "$missing" ] || fail "$exe: unresolved libraries: $missing"
done
mkdir -p "$work/home" "$work/runtime" && chmod 700 "$work/runtime"
run() { env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen "$@"; }
out=$(run "$root/usr/bin/stagehand-cli" --version 2>/dev/null) || fail "stagehand-cli --version failed"
echo "stagehand-cli --version: $out"
[ "$out" = "stagehand-cli $version" ] || fail "stagehand-cli --version printed '$out'"
out=$(run "$root/usr/bin/stagehand" --version 2>/dev/null) || fail "stagehand --version failed"
echo "stagehand --version: $out"
[ "$out" = "stagehand $version" ] || fail "stagehand --version printed '$out'"
# The German translation is embedded: --help shows the translated description.
out=$(run LANG=de_DE.UTF-8 "$root/usr/bin/stagehand" --help 2>/dev/null) || fail "stagehand --help failed"
grep -q 'Betreibt die Staging-Umgebung' <<<"$out" || fail "stagehand --help under LANG=de_DE is not German: $out"
echo "stagehand --help under LANG=de_DE.UTF-8: German"

echo "PASS: $(basename "$deb")"
