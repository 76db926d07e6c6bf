#!/usr/bin/env bash
# Builds the stagehand/base root filesystem in TARGET with debootstrap, offline from any registry.
#   mkroot.sh SUITE MIRROR TARGET [CACHE_DIR]
# Called by scripts/build-images.sh; its content is part of the base recipe hash.
set -euo pipefail

suite=$1 mirror=$2 target=$3 cache=${4:-}
here=$(cd "$(dirname "$0")" && pwd)

pkgs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/packages.txt" | tr -s ' \n' ',' | sed 's/,$//')

args=(--variant=minbase --include="$pkgs" --components=main)
[ -n "$cache" ] && { mkdir -p "$cache"; args+=(--cache-dir="$cache"); }

# debootstrap is chatty; keep its log for failures only.
if ! debootstrap "${args[@]}" "$suite" "$target" "$mirror" >"$target.log" 2>&1; then
  echo "mkroot: debootstrap failed; last lines of $target.log:" >&2
  tail -n 30 "$target.log" >&2
  exit 1
fi

in_root() { chroot "$target" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# --- service accounts and directories the images expect -------------------------------------
# postgres, redis, prometheus and www-data come from the packages; "app" runs the demo API and web.
in_root getent passwd app >/dev/null || in_root useradd --uid 10001 --user-group \
  --home-dir /srv/app --no-create-home --shell /usr/sbin/nologin app
# The package's own cluster (15/main) is not used: the image's entrypoint runs initdb on PGDATA.
rm -rf "$target/etc/postgresql/15/main" "$target/var/lib/postgresql/15"
install -d -m 0700 -o "$(in_root id -u postgres)" -g "$(in_root id -g postgres)" "$target/var/lib/postgresql/data"
install -d -m 2775 -o "$(in_root id -u postgres)" -g "$(in_root id -g postgres)" "$target/run/postgresql"
install -d -m 0750 -o "$(in_root id -u redis)" -g "$(in_root id -g redis)" "$target/data"
install -d -m 0755 -o "$(in_root id -u prometheus)" -g "$(in_root id -g prometheus)" "$target/prometheus"
install -d -m 0755 -o 10001 -g 10001 "$target/srv/app" "$target/srv/web"

# nginx logs to the container's stdout/stderr, as the official image does.
ln -sf /dev/stdout "$target/var/log/nginx/access.log"
ln -sf /dev/stderr "$target/var/log/nginx/error.log"

# --- size: drop what a container never uses ---------------------------------------------------
# PostgreSQL's JIT provider is the only user of libLLVM and libz3 (~130 MB); without it PostgreSQL
# runs with JIT unavailable (the postgres image also sets jit=off).
in_root dpkg --purge --force-depends libllvm14 libz3-4 >/dev/null 2>&1 || true
rm -rf "$target"/usr/lib/postgresql/15/lib/llvmjit* "$target"/usr/lib/postgresql/15/lib/bitcode
# Prometheus' classic UI loads moment-timezone-with-data.min.js only; the per-zone data files
# (~210 MB of JavaScript) are never served.
rm -rf "$target/usr/share/javascript/moment-timezone/data"
# Docs, man pages, translations, apt lists and caches, logs.
rm -rf "$target"/usr/share/doc/* "$target"/usr/share/man/* "$target"/usr/share/info/* \
  "$target"/usr/share/lintian "$target"/usr/share/linda "$target"/usr/share/bug \
  "$target"/var/lib/apt/lists/* "$target"/var/cache/apt/* "$target"/var/cache/debconf/*-old \
  "$target"/var/lib/dpkg/*-old "$target"/var/log/*.log "$target"/var/log/apt/* \
  "$target"/usr/share/postgresql/15/man
find "$target/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
find "$target/usr/share/i18n/locales" -mindepth 1 -maxdepth 1 ! -name 'C' ! -name 'POSIX' \
  ! -name 'en_US' ! -name 'en_GB' ! -name 'i18n*' ! -name 'iso14651_t1*' ! -name 'translit_*' \
  -exec rm -rf {} + 2>/dev/null || true
# No daemon is started at build time; keep the image free of machine-specific ids.
: >"$target/etc/machine-id"
rm -f "$target/etc/hostname" "$target/etc/ssh/ssh_host_"* "$target/var/lib/dbus/machine-id"
