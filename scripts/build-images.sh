#!/usr/bin/env bash
# Builds Stagehand's local service images with no registry:
#   1. stagehand/base:<recipe-hash>  a debootstrap --variant=minbase root of Debian (bookworm),
#      imported with `docker import`; rebuilt only when its recipe (suite, package list,
#      scripts/images/base/*, import settings) changes.
#   2. stagehand-demo/<name>:<tag>   FROM that base, one small `docker build` per folder in
#      scripts/images/ (legacy builder, offline); rebuilt only when the image's label
#      io.stagehand.recipe (hash of base hash + build context) does not match.
#
#   scripts/build-images.sh [--force] [--force-base] [--only NAME[,NAME...]] [--prune] [--list]
#     --force       rebuild every service image (the base only if its recipe changed)
#     --force-base  rebuild the base too
#     --only        build only these service images (e.g. --only api,web)
#     --prune       afterwards remove stagehand/base tags of older recipes
#     --list        print the image names and tags, build nothing
#
# Environment:
#   STAGEHAND_APT_MIRROR   Debian mirror URL (default: the first URI in the machine's apt sources
#                          that serves "$STAGEHAND_SUITE main" and whose Release says Origin: Debian)
#   STAGEHAND_SUITE        Debian suite (default bookworm)
#   STAGEHAND_DEB_CACHE    where downloaded .debs are kept between base builds
#                          (default /var/cache/stagehand/debootstrap; empty: no cache)
set -euo pipefail

DOCKER=/usr/bin/docker
export DOCKER_BUILDKIT=0
HERE=$(cd "$(dirname "$0")" && pwd)
IMAGES_DIR=$HERE/images
SUITE=${STAGEHAND_SUITE:-bookworm}
DEB_CACHE=${STAGEHAND_DEB_CACHE-/var/cache/stagehand/debootstrap}
LABEL=io.stagehand.recipe

# folder in scripts/images/  ->  image name:tag used by resources/examples/demo
IMAGES=(
  "postgres          stagehand-demo/postgres:15"
  "redis             stagehand-demo/redis:7"
  "nginx             stagehand-demo/nginx:1"
  "prometheus        stagehand-demo/prometheus:2"
  "node-exporter     stagehand-demo/node-exporter:1"
  "postgres-exporter stagehand-demo/postgres-exporter:1"
  "redis-exporter    stagehand-demo/redis-exporter:1"
  "api               stagehand-demo/api:1"
  "web               stagehand-demo/web:1"
)

# Settings applied by `docker import`; part of the base recipe.
IMPORT_CHANGES=(
  "ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  "ENV LANG=C.UTF-8"
  "CMD [\"/bin/bash\"]"
)

say() { echo "build-images: $*"; }
die() { echo "build-images: error: $*" >&2; exit 1; }

force=0 force_base=0 prune=0 only="" list=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1 ;;
    --force-base) force=1; force_base=1 ;;
    --prune) prune=1 ;;
    --only) only=${2:?--only needs a list}; shift ;;
    --only=*) only=${1#--only=} ;;
    --list) list=1 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done

if [ "$list" = 1 ]; then
  for entry in "${IMAGES[@]}"; do read -r dir tag <<<"$entry"; echo "$tag  (scripts/images/$dir)"; done
  exit 0
fi

t0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# One build at a time on this machine (tests may call this script concurrently).
lock=/run/lock/stagehand-build-images.lock
{ [ -d /run/lock ] && [ -w /run/lock ]; } || lock=/tmp/stagehand-build-images.lock
exec 9>"$lock"
flock 9

"$HERE/ensure-engine.sh" >/dev/null || die "no Docker Engine (scripts/ensure-engine.sh failed)"

sha() { sha256sum | cut -d' ' -f1; }

# ---- base recipe hash ----------------------------------------------------------------------
base_recipe_hash() {
  {
    echo "suite=$SUITE"
    printf '%s\n' "${IMPORT_CHANGES[@]}"
    for f in $(cd "$IMAGES_DIR/base" && find . -type f | LC_ALL=C sort); do
      echo "file=$f"
      sha256sum <"$IMAGES_DIR/base/$f"
    done
  } | sha
}

# ---- the Debian mirror, from the machine's apt sources ---------------------------------------
# Candidates in apt's order: sources.list, then sources.list.d/*.list and *.sources (one-line and
# deb822 formats). Prints "URI" lines serving "$SUITE main".
apt_candidates() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*; do
    [ -f "$f" ] || continue
    case "$f" in
      *.list)
        # deb [options] URI SUITE COMPONENT...
        sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk -v s="$SUITE" '
          $1 == "deb" && $3 == s { for (i = 4; i <= NF; i++) if ($i == "main") { print $2; break } }'
        ;;
      *.sources)
        awk -v s="$SUITE" '
          function flush() {
            if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " s " ") && (" " comps " ") ~ / main /) {
              n = split(uris, u, " "); for (i = 1; i <= n; i++) print u[i]
            }
            types = uris = suites = comps = ""; enabled = "yes"
          }
          BEGIN { enabled = "yes" }
          /^[[:space:]]*#/ { next }
          /^[[:space:]]*$/ { flush(); next }
          /^[[:space:]]/ { next }            # continuation lines (e.g. an inline Signed-By key)
          {
            key = tolower($1); sub(/:$/, "", key); val = $0; sub(/^[^:]*:[[:space:]]*/, "", val)
            if (key == "types") types = val
            else if (key == "uris") uris = val
            else if (key == "suites") suites = val
            else if (key == "components") comps = val
            else if (key == "enabled") enabled = tolower(val)
          }
          END { flush() }' "$f"
        ;;
    esac
  done
}

find_mirror() {
  if [ -n "${STAGEHAND_APT_MIRROR:-}" ]; then echo "$STAGEHAND_APT_MIRROR"; return; fi
  local uri first=""
  while read -r uri; do
    [ -n "$uri" ] || continue
    case "$uri" in http://*|https://*|file:/*) ;; *) continue ;; esac
    [ -n "$first" ] || first=$uri
    # Keep the first that really is Debian's archive (not a third-party repo naming a suite alike).
    local release
    release=$(curl -fsS --max-time 15 -r 0-4095 "${uri%/}/dists/$SUITE/Release" 2>/dev/null) || release=""
    if grep -q '^Origin: Debian$' <<<"$release"; then
      echo "${uri%/}"; return
    fi
  done < <(apt_candidates)
  [ -n "$first" ] || die "no apt source serves '$SUITE main' (set STAGEHAND_APT_MIRROR)"
  die "no apt source serving '$SUITE main' answered with a Debian Release file (first candidate: $first)"
}

image_label() { "$DOCKER" image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }
image_size() { "$DOCKER" image inspect -f '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'; }

# ---- 1. base -------------------------------------------------------------------------------
base_hash=$(base_recipe_hash)
BASE=stagehand/base:${base_hash:0:16}
base_state="up to date"

if [ "$force_base" = 1 ] || [ "$(image_label "$BASE")" != "$base_hash" ]; then
  command -v debootstrap >/dev/null || die "debootstrap not installed (scripts/install-deps.sh)"
  [ "$(id -u)" -eq 0 ] || die "building the base needs root (debootstrap, chroot)"
  mirror=$(find_mirror)
  say "building $BASE from $mirror ($SUITE, minbase)"
  tb=$(date +%s.%N)
  work=$(mktemp -d /tmp/stagehand-base.XXXXXX)
  # A private tmpfs makes dpkg's many fsyncs free (about 20% faster); fall back to disk.
  mounted=0
  if mount -t tmpfs -o size=4g,mode=0755 stagehand-base "$work" 2>/dev/null; then mounted=1; fi
  cleanup_base() {
    if [ "$mounted" = 1 ]; then umount -l "$work" 2>/dev/null || true; fi
    rm -rf "$work"
  }
  trap cleanup_base EXIT
  mkdir "$work/root"
  bash "$IMAGES_DIR/base/mkroot.sh" "$SUITE" "$mirror" "$work/root" "$DEB_CACHE"
  say "  root ready after $(elapsed "$tb")s ($(du -sh "$work/root" | cut -f1)); importing"
  changes=()
  for c in "${IMPORT_CHANGES[@]}" "LABEL $LABEL=$base_hash" "LABEL io.stagehand.suite=$SUITE"; do
    changes+=(--change "$c")
  done
  tar --numeric-owner --xattrs -C "$work/root" -cf - . \
    | "$DOCKER" import "${changes[@]}" --message "stagehand base ($SUITE minbase)" - "$BASE" >/dev/null
  cleanup_base
  trap - EXIT
  base_state="built in $(elapsed "$tb")s"
fi
say "$BASE: $base_state, $(image_size "$BASE")"

# ---- 2. service images ---------------------------------------------------------------------
context_hash() { # dir
  {
    echo "base=$base_hash"
    for f in $(cd "$1" && find . -type f | LC_ALL=C sort); do
      echo "file=$f mode=$(stat -c %a "$1/$f")"
      sha256sum <"$1/$f"
    done
  } | sha
}

# Builds are independent and mostly engine overhead: run them in parallel.
built=0 failed=0
outdir=$(mktemp -d /tmp/stagehand-build.XXXXXX)
names=() pids=()
for entry in "${IMAGES[@]}"; do
  read -r dir tag <<<"$entry"
  if [ -n "$only" ] && ! [[ ",$only," == *",$dir,"* ]]; then continue; fi
  ctx=$IMAGES_DIR/$dir
  [ -f "$ctx/Dockerfile" ] || die "missing $ctx/Dockerfile"
  h=$(context_hash "$ctx")
  if [ "$force" = 0 ] && [ "$(image_label "$tag")" = "$h" ]; then
    printf 'build-images: %-36s up to date, %s\n' "$tag" "$(image_size "$tag")"
    continue
  fi
  (
    ti=$(date +%s.%N)
    "$DOCKER" build --network none --pull=false --build-arg "BASE=$BASE" \
      --label "$LABEL=$h" --label "io.stagehand.base=$BASE" -t "$tag" "$ctx" >"$outdir/$dir.log" 2>&1
    elapsed "$ti" >"$outdir/$dir.time"
  ) &
  names+=("$dir $tag") pids+=($!)
done
for i in "${!pids[@]}"; do
  read -r dir tag <<<"${names[$i]}"
  if wait "${pids[$i]}"; then
    built=$((built + 1))
    printf 'build-images: %-36s built in %ss, %s\n' "$tag" "$(cat "$outdir/$dir.time")" "$(image_size "$tag")"
  else
    failed=$((failed + 1))
    echo "build-images: building $tag failed:" >&2
    cat "$outdir/$dir.log" >&2
  fi
done
rm -rf "$outdir"
[ "$failed" = 0 ] || die "$failed image(s) failed to build"

# Dangling layers from replaced service images (only ours: they carry the label).
"$DOCKER" image prune -f --filter "label=$LABEL" >/dev/null 2>&1 || true

if [ "$prune" = 1 ]; then
  "$DOCKER" image ls stagehand/base --format '{{.Repository}}:{{.Tag}}' | while read -r old; do
    [ "$old" = "$BASE" ] || { "$DOCKER" rmi "$old" >/dev/null 2>&1 && say "removed $old"; } || true
  done
fi

say "done in $(elapsed "$t0")s (base: $base_state; $built service image(s) built)"
