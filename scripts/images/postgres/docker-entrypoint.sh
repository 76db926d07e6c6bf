#!/bin/bash
# Entry point of stagehand-demo/postgres, modelled on the official image's.
set -Eeuo pipefail

log() { printf '%s [entrypoint] %s\n' "$(date -u +'%F %T UTC')" "$*" >&2; }

# `docker run image -c foo=bar` means `postgres -c foo=bar`
if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi

if [ "$1" = 'postgres' ] && [ "$(id -u)" = '0' ]; then
  # Fix ownership of PGDATA (a fresh named volume or bind mount) and drop to the postgres user.
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2775 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [ "$1" = 'postgres' ]; then
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
    if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != 'trust' ]; then
      log 'error: the database is uninitialized and POSTGRES_PASSWORD is not set'
      log '       (set POSTGRES_PASSWORD, or POSTGRES_HOST_AUTH_METHOD=trust to allow passwordless access)'
      exit 1
    fi
    user=${POSTGRES_USER:-postgres}
    db=${POSTGRES_DB:-$user}
    log "initializing database cluster in $PGDATA for user \"$user\""
    # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a word list, as in the official image
    initdb --username="$user" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") --auth-local=trust \
      ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA" >/dev/null
    printf '\n# added by docker-entrypoint.sh\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

    # A temporary server on a private socket only: pg_isready (healthchecks) on the default socket
    # fails until the real server is up.
    initsock=$(mktemp -d /tmp/pginit.XXXXXX)
    export PGHOST=$initsock PGUSER=$user PGPASSWORD=${POSTGRES_PASSWORD:-}
    pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=$initsock" start >/dev/null
    if [ "$db" != 'postgres' ]; then
      psql -v ON_ERROR_STOP=1 --no-psqlrc --dbname postgres --set db="$db" -q >/dev/null <<<'CREATE DATABASE :"db";'
      log "created database \"$db\""
    fi
    shopt -s nullglob
    for f in /docker-entrypoint-initdb.d/*; do
      # shellcheck disable=SC1090  # init scripts are sourced, as in the official image
      case "$f" in
        *.sh) log "running $f"; . "$f" ;;
        *.sql) log "running $f"; psql -v ON_ERROR_STOP=1 --no-psqlrc --dbname "$db" -f "$f" ;;
        *.sql.gz) log "running $f"; gunzip -c "$f" | psql -v ON_ERROR_STOP=1 --no-psqlrc --dbname "$db" ;;
        *) log "ignoring $f" ;;
      esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    rmdir "$initsock" 2>/dev/null || true
    unset PGHOST PGUSER PGPASSWORD
    log 'initialization complete; starting the server'
  fi
  # The password variables are not needed by the server itself.
  unset POSTGRES_PASSWORD
  shift
  exec postgres -c listen_addresses='*' -c jit=off "$@"
fi

exec "$@"
