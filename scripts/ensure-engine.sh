#!/usr/bin/env bash
# Makes sure a Docker Engine answers on the local socket.
#
#   scripts/ensure-engine.sh          start Debian's dockerd if `docker info` does not answer (idempotent)
#   scripts/ensure-engine.sh stop     stop the engine, but only if this script started it
#   scripts/ensure-engine.sh status   say whether the engine answers and who started it
#
# Environment:
#   STAGEHAND_ENGINE_TIMEOUT   seconds to wait for a started engine to answer (default 60)
#   STAGEHAND_ENGINE_STATE     state file recording that this script started dockerd
#                              (default /run/stagehand/dockerd.state)
#   STAGEHAND_ENGINE_LOG       dockerd's log file (default /var/log/stagehand-dockerd.log)
#   STAGEHAND_ENGINE_SOCKET    the socket to check and serve (default /var/run/docker.sock)
#   STAGEHAND_DOCKERD_ARGS     extra dockerd arguments (e.g. a separate --data-root for a test engine)
#
# Always uses Debian's client (/usr/bin/docker) and daemon (/usr/sbin/dockerd).
set -euo pipefail

DOCKER=/usr/bin/docker
DOCKERD=/usr/sbin/dockerd
SOCK=${STAGEHAND_ENGINE_SOCKET:-/var/run/docker.sock}
TIMEOUT=${STAGEHAND_ENGINE_TIMEOUT:-60}
STATE=${STAGEHAND_ENGINE_STATE:-/run/stagehand/dockerd.state}
LOG=${STAGEHAND_ENGINE_LOG:-/var/log/stagehand-dockerd.log}

say() { echo "ensure-engine: $*"; }
die() { echo "ensure-engine: error: $*" >&2; exit 1; }

engine_answers() {
  timeout 10 "$DOCKER" -H "unix://$SOCK" info >/dev/null 2>&1
}

# pid recorded in the state file, if that process is still a dockerd
started_pid() {
  [ -f "$STATE" ] || return 1
  local pid
  pid=$(sed -n 's/^pid=//p' "$STATE")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q dockerd || return 1
  echo "$pid"
}

start() {
  if engine_answers; then
    if pid=$(started_pid); then
      say "engine answers on $SOCK (started by this script, pid $pid)"
    else
      say "engine answers on $SOCK; nothing to do"
    fi
    return 0
  fi
  [ -x "$DOCKERD" ] || die "$DOCKERD not found; install Debian's docker.io (scripts/install-deps.sh)"
  [ "$(id -u)" -eq 0 ] || die "the engine is not running and starting dockerd needs root"

  # A dockerd may be running but still starting (or stuck): don't start a second one on the same socket.
  if pid=$(started_pid); then
    say "dockerd pid $pid (started earlier by this script) is running but not answering yet; waiting"
  elif [ -S "$SOCK" ] && pgrep -x dockerd >/dev/null 2>&1; then
    say "a dockerd not started by this script is running but not answering; waiting for it"
    pid=""
  else
    mkdir -p "$(dirname "$STATE")" "$(dirname "$LOG")"
    say "starting $DOCKERD (log: $LOG)"
    # setsid: the daemon must outlive this shell and its process group.
    # shellcheck disable=SC2086  # STAGEHAND_DOCKERD_ARGS is a word list
    setsid "$DOCKERD" --host="unix://$SOCK" ${STAGEHAND_DOCKERD_ARGS:-} >>"$LOG" 2>&1 </dev/null &
    pid=$!
    printf 'pid=%s\nstarted=%s\nlog=%s\nsocket=%s\n' "$pid" "$(date -u +%FT%TZ)" "$LOG" "$SOCK" >"$STATE"
  fi

  local waited=0
  while ! engine_answers; do
    if [ -n "$pid" ] && ! [ -d "/proc/$pid" ]; then
      rm -f "$STATE"
      die "dockerd (pid $pid) exited before answering; last log lines:
$(tail -n 20 "$LOG" 2>/dev/null)"
    fi
    if [ "$waited" -ge "$TIMEOUT" ]; then
      die "the engine did not answer on $SOCK within ${TIMEOUT}s; see $LOG"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "engine answers on $SOCK after ${waited}s"
}

stop() {
  local pid
  if ! pid=$(started_pid); then
    rm -f "$STATE"
    say "no engine started by this script is running; leaving any other engine alone"
    return 0
  fi
  say "stopping dockerd pid $pid (started by this script)"
  kill -TERM "$pid"
  for _ in $(seq 1 "$TIMEOUT"); do
    [ -d "/proc/$pid" ] || { rm -f "$STATE"; say "stopped"; return 0; }
    sleep 1
  done
  die "dockerd pid $pid did not stop within ${TIMEOUT}s"
}

status() {
  if engine_answers; then
    if pid=$(started_pid); then say "answering; started by this script (pid $pid)"; else say "answering; not started by this script"; fi
  else
    say "not answering on $SOCK"; return 1
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (start, stop, status)" ;;
esac
