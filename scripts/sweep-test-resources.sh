#!/usr/bin/env bash
# Removes every container, network and volume carrying the label key `io.stagehand.test`
# (what an interrupted earlier test run left behind), and nothing else (a removed container's
# anonymous volumes go with it, named volumes only if labelled). Prints what it removed.
#
#   scripts/sweep-test-resources.sh            remove
#   scripts/sweep-test-resources.sh --dry-run  only list
set -euo pipefail

DOCKER=/usr/bin/docker
LABEL=io.stagehand.test
DRY=0
[ "${1:-}" = "--dry-run" ] && DRY=1

removed=0
failed=0

sweep() { # kind, list command..., then remove command after '--'
  local kind=$1; shift
  local list=() rm=()
  while [ "$1" != "--" ]; do list+=("$1"); shift; done
  shift; rm=("$@")
  local ids
  ids=$("${list[@]}") || { echo "sweep: cannot list ${kind}s" >&2; failed=$((failed + 1)); return; }
  [ -n "$ids" ] || return 0
  while IFS=$'\t' read -r id name; do
    [ -n "$id" ] || continue
    if [ "$DRY" = 1 ]; then
      echo "would remove $kind $name ($id)"
    elif "${rm[@]}" "$id" >/dev/null 2>&1; then
      echo "removed $kind $name ($id)"
      removed=$((removed + 1))
    else
      echo "sweep: could not remove $kind $name ($id)" >&2
      failed=$((failed + 1))
    fi
  done <<<"$ids"
}

# Containers first (they hold networks and volumes), then networks, then volumes.
sweep container "$DOCKER" ps -a --filter "label=$LABEL" --format '{{.ID}}	{{.Names}}' \
  -- "$DOCKER" rm -f -v
sweep network "$DOCKER" network ls --filter "label=$LABEL" --format '{{.ID}}	{{.Name}}' \
  -- "$DOCKER" network rm
sweep volume "$DOCKER" volume ls --filter "label=$LABEL" --format '{{.Name}}	{{.Name}}' \
  -- "$DOCKER" volume rm -f

if [ "$DRY" = 0 ]; then
  msg="sweep: removed $removed resource(s) labelled $LABEL"
  [ "$failed" -eq 0 ] || msg="$msg, $failed failure(s)"
  echo "$msg"
fi
[ "$failed" -eq 0 ]
