#!/bin/bash
# Entry point of stagehand-demo/redis: writes a config (so the password never appears in argv) and
# starts redis-server in the foreground as the redis user.
set -Eeuo pipefail

if [ "${1:0:1}" = '-' ]; then set -- redis-server "$@"; fi

if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
  mkdir -p /data /run/redis-stagehand
  chown redis:redis /data /run/redis-stagehand
  chmod 0700 /run/redis-stagehand
  exec setpriv --reuid=redis --regid=redis --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [ "$1" = 'redis-server' ]; then
  shift
  dir=/run/redis-stagehand
  [ -w "$dir" ] || dir=$(mktemp -d)
  conf=$dir/redis.conf
  umask 077
  {
    echo 'bind * -::*'
    echo 'protected-mode no'
    echo 'port 6379'
    echo 'daemonize no'
    echo 'logfile ""'
    echo 'dir /data'
    echo "appendonly ${REDIS_APPENDONLY:-yes}"
    if [ -n "${REDIS_MAXMEMORY:-}" ]; then echo "maxmemory $REDIS_MAXMEMORY"; fi
    if [ -n "${REDIS_PASSWORD:-}" ]; then
      esc=${REDIS_PASSWORD//\\/\\\\}
      esc=${esc//\"/\\\"}
      printf 'requirepass "%s"\n' "$esc"
    fi
  } >"$conf"
  exec redis-server "$conf" "$@"
fi

exec "$@"
