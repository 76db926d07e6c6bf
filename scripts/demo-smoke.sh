#!/usr/bin/env bash
# Brings environments of resources/examples/demo up with docker-compose 1.29 on free host ports and
# a free subnet, checks that they really work, and takes them down again (with their volumes).
#
#   scripts/demo-smoke.sh [--keep] [ENV...]      ENV: dev staging production (default: dev)
#
# Several environments are brought up side by side first, then checked, then removed.
# Everything created carries the label io.stagehand.test=demo-smoke (scripts/sweep-test-resources.sh
# removes leftovers). Healthcheck intervals are overridden to 1s so the stack comes up in seconds.
# Needs the images of scripts/build-images.sh.
set -euo pipefail

DOCKER=/usr/bin/docker
COMPOSE=${COMPOSE:-docker-compose}
HERE=$(cd "$(dirname "$0")" && pwd)
DEMO=$(cd "$HERE/../resources/examples/demo" && pwd)
KEEP=0
ENVS=()
for a in "$@"; do
  case "$a" in
    --keep) KEEP=1 ;;
    dev|staging|production) ENVS+=("$a") ;;
    *) echo "usage: $0 [--keep] [dev|staging|production]..." >&2; exit 2 ;;
  esac
done
[ ${#ENVS[@]} -gt 0 ] || ENVS=(dev)

WORK=$(mktemp -d /tmp/stagehand-smoke.XXXXXX)
PASS=0 FAIL=0
declare -A PROJECT PORTS_API PORTS_WEB PORTS_NGINX PORTS_PROM PORTS_PG PORTS_REDIS SUBNET

t0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
ok() { PASS=$((PASS + 1)); echo "  ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "  FAIL $*"; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }

jget() { # JSON on stdin, python expression on `d`
  python3 -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print(json.dumps(v) if isinstance(v,(dict,list,bool)) or v is None else v)' "$1"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

free_subnet() { # a /24 in 172.29.0.0/16 that no Docker network and no host route uses
  local used
  # shellcheck disable=SC2046  # one argument per network id
  used=$( { "$DOCKER" network inspect $("$DOCKER" network ls -q) -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' 2>/dev/null; ip -4 route 2>/dev/null | awk '{print $1}'; } | tr ' ' '\n')
  for i in $(shuf -i 1-254 -n 60); do
    local cand=172.29.$i.0/24
    grep -q "^172\.29\.$i\." <<<"$used" || grep -q '^172\.29\.0\.0/16' <<<"$used" || { echo "$cand"; return; }
  done
  echo "no free subnet found" >&2; return 1
}

compose() { # env, args...
  local e=$1; shift
  env API_PORT="${PORTS_API[$e]}" WEB_PORT="${PORTS_WEB[$e]}" NGINX_PORT="${PORTS_NGINX[$e]}" \
    PROMETHEUS_PORT="${PORTS_PROM[$e]}" POSTGRES_HOST_PORT="${PORTS_PG[$e]}" \
    REDIS_HOST_PORT="${PORTS_REDIS[$e]}" STAGEHAND_SUBNET="${SUBNET[$e]}" \
    RATE_LIMIT_REQUESTS="${RATE_LIMIT_REQUESTS:-40}" \
    "$COMPOSE" -p "${PROJECT[$e]}" --env-file "$DEMO/.env.$e" \
    -f "$DEMO/compose.yaml" -f "$DEMO/compose.$e.yaml" -f "$WORK/$e.fast.yaml" "$@"
}

teardown() {
  [ "$KEEP" = 1 ] && { echo "kept: ${PROJECT[*]} (override files in $WORK)"; return; }
  for e in "${ENVS[@]}"; do
    [ -n "${PROJECT[$e]:-}" ] || continue
    compose "$e" down -v --remove-orphans >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# ---- up ------------------------------------------------------------------------------------
for e in "${ENVS[@]}"; do
  PROJECT[$e]=smoke-$e-$$
  PORTS_API[$e]=$(free_port); PORTS_WEB[$e]=$(free_port); PORTS_NGINX[$e]=$(free_port)
  PORTS_PROM[$e]=$(free_port); PORTS_PG[$e]=$(free_port); PORTS_REDIS[$e]=$(free_port)
  SUBNET[$e]=$(free_subnet)
  # The extra override: 1s healthcheck interval and the test label on every service; docker-compose
  # 1.29 replaces (not merges) a top-level network or volume given again, so those are complete.
  {
    echo "services:"
    for s in $("$COMPOSE" --env-file "$DEMO/.env.$e" -f "$DEMO/compose.yaml" -f "$DEMO/compose.$e.yaml" config --services); do
      printf '  %s:\n    healthcheck:\n      interval: 1s\n    labels:\n      io.stagehand.test: demo-smoke\n' "$s"
    done
    printf 'networks:\n  demo-network:\n    driver: bridge\n    ipam:\n      config:\n        - subnet: %s\n    labels:\n      io.stagehand.test: demo-smoke\n' "${SUBNET[$e]}"
    printf 'volumes:\n'
    for v in postgres-data redis-data prometheus-data; do
      printf '  %s:\n    labels:\n      io.stagehand.test: demo-smoke\n' "$v"
    done
  } >"$WORK/$e.fast.yaml"
  echo "== $e: project ${PROJECT[$e]}, subnet ${SUBNET[$e]}, api :${PORTS_API[$e]} nginx :${PORTS_NGINX[$e]} web :${PORTS_WEB[$e]} prometheus :${PORTS_PROM[$e]} postgres :${PORTS_PG[$e]} redis :${PORTS_REDIS[$e]}"
done

for e in "${ENVS[@]}"; do
  tu=$(date +%s.%N)
  # (docker-compose 1.29 warns that it ignores deploy.resources.reservations.cpus: expected)
  compose "$e" up -d >"$WORK/$e.up.log" 2>&1 || { cat "$WORK/$e.up.log"; bad "$e: docker-compose up"; exit 1; }
  echo "== $e: docker-compose up -d returned after $(elapsed "$tu")s"
done

for e in "${ENVS[@]}"; do
  tw=$(date +%s.%N)
  n=0 total=0
  for _ in $(seq 1 240); do
    ids=$(compose "$e" ps -q 2>/dev/null)
    total=$(wc -w <<<"$ids")
    n=$("$DOCKER" inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' $ids | grep -c '^healthy$' || true)
    [ "$n" = "$total" ] && [ "$total" -gt 0 ] && break
    sleep 0.5
  done
  if [ "$n" = "$total" ]; then ok "$e: all $total services healthy ($(elapsed "$tw")s after up)"; else
    bad "$e: only $n of $total services healthy"; compose "$e" ps; fi
done

# ---- checks ----------------------------------------------------------------------------------
check_env() {
  local e=$1 api=http://127.0.0.1:${PORTS_API[$1]} nginx=http://127.0.0.1:${PORTS_NGINX[$1]}
  local envfile=$DEMO/.env.$e body code id
  flag() { grep -q "^$1=true" "$envfile"; }
  echo "== $e: checks"

  for p in /health /health/liveness /health/readiness /health/comprehensive /health/mcp /health/metrics /api/v1/info; do
    check "$e: GET $p (api :${PORTS_API[$e]}) is 200" curl -fsS -o /dev/null "$api$p"
  done
  body=$(curl -fsS "$api/health/comprehensive")
  [ "$(jget 'd["components"]["postgres"]["status"]+"/"+d["components"]["redis"]["status"]' <<<"$body")" = healthy/healthy ] \
    && ok "$e: comprehensive: postgres $(jget 'd["components"]["postgres"]["latency_ms"]' <<<"$body") ms, redis $(jget 'd["components"]["redis"]["latency_ms"]' <<<"$body") ms" \
    || bad "$e: comprehensive components: $body"
  [ "$(jget 'd["environment"]' <<<"$body")" = "$(sed -n 's/^APP_ENV=//p' "$envfile")" ] && ok "$e: APP_ENV reported" || bad "$e: APP_ENV"
  body=$(curl -fsS "$api/health/mcp")
  [ "$(jget 'd["pool"]["enabled"]' <<<"$body")" = "$(flag USE_MCP_POOL && echo true || echo false)" ] \
    && ok "$e: /health/mcp reports USE_MCP_POOL" || bad "$e: /health/mcp pool: $body"

  # metrics before
  local m0 m1
  m0=$(curl -fsS "$api/health/metrics")
  metric() { awk -v k="$1" '$1 == k { print $2 }' <<<"$2" | head -1; }

  # items CRUD through nginx and directly
  body=$(curl -fsS -H 'Content-Type: application/json' -d '{"title":"smoke item","body":"written by demo-smoke"}' "$nginx/api/v1/items")
  id=$(jget 'd["id"]' <<<"$body")
  [[ "$id" =~ ^[0-9]+$ ]] && ok "$e: POST /api/v1/items via nginx -> id $id" || bad "$e: create item: $body"
  check "$e: GET item (1st: cache MISS)" bash -c "curl -fsSi '$api/api/v1/items/$id' | grep -qi '^X-Cache: MISS'"
  check "$e: GET item (2nd: cache HIT)" bash -c "curl -fsSi '$api/api/v1/items/$id' | grep -qi '^X-Cache: HIT'"
  check "$e: PUT item" curl -fsS -X PUT -H 'Content-Type: application/json' -d '{"title":"smoke item v2"}' "$api/api/v1/items/$id"
  [ "$(curl -fsS "$nginx/api/v1/items/$id" | jget 'd["title"]')" = "smoke item v2" ] && ok "$e: read back updated item via nginx" || bad "$e: read back"
  check "$e: list items" bash -c "curl -fsS '$api/api/v1/items' | python3 -c 'import json,sys; assert json.load(sys.stdin)[\"total\"] >= 1'"
  check "$e: search finds the item" bash -c "curl -fsS '$api/api/v1/search?q=smoke' | python3 -c 'import json,sys; assert json.load(sys.stdin)[\"count\"] >= 1'"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{}' "$api/api/v1/items")
  [ "$code" = 422 ] && ok "$e: invalid item -> 422" || bad "$e: invalid item -> $code"
  check "$e: DELETE item" curl -fsS -X DELETE "$api/api/v1/items/$id"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$api/api/v1/items/$id")
  [ "$code" = 404 ] && ok "$e: deleted item -> 404" || bad "$e: deleted item -> $code"
  local c1 c2
  c1=$(curl -fsS -X POST "$api/api/v1/counters/smoke" | jget 'd["value"]')
  c2=$(curl -fsS -X POST "$nginx/api/v1/counters/smoke" | jget 'd["value"]')
  [ "$c2" = $((c1 + 1)) ] && ok "$e: Redis counter $c1 -> $c2" || bad "$e: counter $c1 -> $c2"

  # metrics after: the requests above really moved the counters
  m1=$(curl -fsS "$api/health/metrics")
  local k
  for k in 'http_requests_total{method="POST",path="/api/v1/items",status="201"}' \
           'db_queries_total{operation="insert_item",outcome="ok"}' \
           'redis_commands_total{command="incrby",outcome="ok"}' \
           'cache_requests_total{result="hit"}'; do
    local a b
    a=$(metric "$k" "$m0"); b=$(metric "$k" "$m1")
    awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { exit !(b > a) }' && ok "$e: metric $k ${a:-0} -> $b" || bad "$e: metric $k ${a:-0} -> ${b:-0}"
  done

  # debug endpoints only when enabled
  code=$(curl -s -o /dev/null -w '%{http_code}' "$api/debug/config")
  if flag ENABLE_DEBUG_ENDPOINTS; then [ "$code" = 200 ] && ok "$e: /debug/config enabled (200)" || bad "$e: /debug/config -> $code"
  else [ "$code" = 404 ] && ok "$e: /debug/config disabled (404)" || bad "$e: /debug/config -> $code"; fi

  # rate limiting really limits (limit lowered for the test via RATE_LIMIT_REQUESTS)
  if flag ENABLE_RATE_LIMITING; then
    local codes
    codes=$(for _ in $(seq 1 $(( ${RATE_LIMIT_REQUESTS:-40} + 5 ))); do curl -s -o /dev/null -w '%{http_code}\n' "$api/api/v1/info"; done | sort | uniq -c | tr -s ' \n' ' ')
    grep -q ' 429' <<<"$codes" && ok "$e: rate limiting answers 429 ($codes)" || bad "$e: rate limiting: $codes"
  else
    ok "$e: rate limiting off as configured"
  fi

  # nginx: web UI and security headers
  local h
  h=$(curl -fsS -D - -o /dev/null "$nginx/")
  for hdr in X-Content-Type-Options X-Frame-Options Referrer-Policy Content-Security-Policy Strict-Transport-Security; do
    grep -qi "^$hdr:" <<<"$h" && ok "$e: nginx sends $hdr" || bad "$e: nginx lacks $hdr"
  done
  check "$e: web UI through nginx" bash -c "curl -fsS '$nginx/' | grep -q 'Stagehand demo'"
  check "$e: app.js through nginx" curl -fsS -o /dev/null "$nginx/app.js"
  check "$e: API health through nginx" curl -fsS -o /dev/null "$nginx/health/readiness"
  check "$e: web direct :${PORTS_WEB[$e]}" bash -c "curl -fsS 'http://127.0.0.1:${PORTS_WEB[$e]}/' | grep -q 'Stagehand demo'"

  # published Postgres and Redis ports answer
  check "$e: postgres port :${PORTS_PG[$e]} accepts TCP" bash -c "exec 3<>/dev/tcp/127.0.0.1/${PORTS_PG[$e]}"
  local pw
  pw=$(sed -n 's/^REDIS_PASSWORD=//p' "$envfile")
  check "$e: redis port :${PORTS_REDIS[$e]} AUTH+PING" bash -c "exec 3<>/dev/tcp/127.0.0.1/${PORTS_REDIS[$e]}; printf 'AUTH %s\r\nPING\r\n' '$pw' >&3; timeout 3 head -c 12 <&3 | grep -q PONG"

  # Prometheus: every target up
  local tp up
  tp=$(date +%s.%N)
  for _ in $(seq 1 90); do
    up=$(curl -fsS "http://127.0.0.1:${PORTS_PROM[$e]}/api/v1/targets" | jget '"%d/%d" % (sum(t["health"]=="up" for t in d["data"]["activeTargets"]), len(d["data"]["activeTargets"]))' 2>/dev/null || echo 0/0)
    [ "${up%/*}" = "${up#*/}" ] && [ "${up#*/}" != 0 ] && break
    sleep 1
  done
  [ "${up%/*}" = "${up#*/}" ] && [ "${up#*/}" != 0 ] && ok "$e: prometheus targets up: $up (waited $(elapsed "$tp")s)" || bad "$e: prometheus targets up: $up"

  # resources and logging as declared
  local cid
  cid=$(compose "$e" ps -q api 2>/dev/null)
  [ "$("$DOCKER" inspect -f '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config "max-size"}}' "$cid")" = "2147483648 2000000000 json-file 50m" ] \
    && ok "$e: api has 2G/2.0 limits and json-file 50m logging" \
    || bad "$e: api limits/logging: $("$DOCKER" inspect -f '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.LogConfig}}' "$cid")"

  # no secret value in any log
  local logs leaked=""
  logs=$(compose "$e" logs --no-color 2>/dev/null)
  for s in POSTGRES_PASSWORD REDIS_PASSWORD SECRET_KEY JWT_SECRET_KEY; do
    local v; v=$(sed -n "s/^$s=//p" "$envfile")
    grep -qF -- "$v" <<<"$logs" && leaked="$leaked $s"
  done
  [ -z "$leaked" ] && ok "$e: no secret value in the logs ($(wc -l <<<"$logs") lines)" || bad "$e: secrets in logs:$leaked"
  check "$e: api and web log JSON lines" bash -c "for c in $cid $(compose "$e" ps -q web 2>/dev/null); do $DOCKER logs \$c 2>&1 | head -20 | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]' || exit 1; done"
}

for e in "${ENVS[@]}"; do check_env "$e"; done

# ---- down ----------------------------------------------------------------------------------
if [ "$KEEP" = 0 ]; then
  for e in "${ENVS[@]}"; do
    td=$(date +%s.%N)
    compose "$e" down -v --remove-orphans >/dev/null 2>&1 && ok "$e: down -v ($(elapsed "$td")s)" || bad "$e: down -v"
  done
  left=0
  for e in "${ENVS[@]}"; do
    f=label=com.docker.compose.project=${PROJECT[$e]}
    left=$((left + $( { "$DOCKER" ps -aq --filter "$f"; "$DOCKER" network ls -q --filter "$f"; "$DOCKER" volume ls -q --filter "$f"; } | wc -l) ))
  done
  [ "$left" = 0 ] && ok "nothing left behind" || bad "$left labelled resources left behind"
fi

echo "demo-smoke: ${ENVS[*]} in $(elapsed "$t0")s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
