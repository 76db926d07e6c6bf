#!/usr/bin/env python3
"""Stagehand demo API: a small real service over PostgreSQL and Redis.

Standard library HTTP server (ThreadingHTTPServer) + psycopg2 + redis-py. Configuration comes from
the environment (see Config). Health endpoints follow the reference staging environment
(/health, /health/liveness, /health/readiness, /health/comprehensive, /health/mcp) and
/health/metrics serves Prometheus text exposition of what this process really did.
"""

import json
import logging
import os
import re
import signal
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import psycopg2
import psycopg2.extras
import psycopg2.pool
import redis

VERSION = "1.0.0"
START_TIME = time.time()


# ---------------------------------------------------------------------------------------------
# configuration

def env_bool(name, default=False):
    v = os.environ.get(name)
    if v is None or v.strip() == "":
        return default
    return v.strip().lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    try:
        return int(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default


SECRET_NAMES = ("POSTGRES_PASSWORD", "REDIS_PASSWORD", "SECRET_KEY", "JWT_SECRET_KEY")


class Config:
    def __init__(self):
        e = os.environ.get
        self.app_env = e("APP_ENV", "development")
        self.log_level = e("LOG_LEVEL", "INFO").upper()
        self.port = env_int("PORT", 8001)
        self.pg = dict(
            host=e("POSTGRES_HOST", "postgres"),
            port=env_int("POSTGRES_PORT", 5432),
            dbname=e("POSTGRES_DB", "postgres"),
            user=e("POSTGRES_USER", "postgres"),
            password=e("POSTGRES_PASSWORD", ""),
            connect_timeout=env_int("POSTGRES_CONNECT_TIMEOUT", 3),
            application_name="stagehand-demo-api",
        )
        self.redis_host = e("REDIS_HOST", "redis")
        self.redis_port = env_int("REDIS_PORT", 6379)
        self.redis_password = e("REDIS_PASSWORD") or None
        self.cache_ttl = env_int("CACHE_TTL_SECONDS", 60)
        self.secret_key_set = bool(e("SECRET_KEY"))
        self.jwt_secret_set = bool(e("JWT_SECRET_KEY"))
        # feature flags (names as in the reference environment)
        self.flags = {
            "ENABLE_MCP_FILE_SEARCH": env_bool("ENABLE_MCP_FILE_SEARCH"),
            "USE_MCP_POOL": env_bool("USE_MCP_POOL"),
            "MCP_POOL_MAX_CONNECTIONS": max(1, env_int("MCP_POOL_MAX_CONNECTIONS", 10)),
            "MCP_CIRCUIT_BREAKER_ENABLED": env_bool("MCP_CIRCUIT_BREAKER_ENABLED"),
            "MCP_CONTENT_SCORING_ENABLED": env_bool("MCP_CONTENT_SCORING_ENABLED"),
            "ENABLE_CLARIFYING_QUESTIONS": env_bool("ENABLE_CLARIFYING_QUESTIONS"),
            "ENABLE_MULTI_REPO": env_bool("ENABLE_MULTI_REPO"),
            "ENABLE_RATE_LIMITING": env_bool("ENABLE_RATE_LIMITING"),
            "ENABLE_LEARNING": env_bool("ENABLE_LEARNING"),
            "ENABLE_DEBUG_ENDPOINTS": env_bool("ENABLE_DEBUG_ENDPOINTS"),
        }
        self.rate_limit_requests = max(1, env_int("RATE_LIMIT_REQUESTS", 100))
        self.rate_limit_window = max(1, env_int("RATE_LIMIT_WINDOW_SECONDS", 60))
        self.breaker_threshold = max(1, env_int("MCP_CIRCUIT_BREAKER_THRESHOLD", 5))
        self.breaker_reset = max(1, env_int("MCP_CIRCUIT_BREAKER_RESET_SECONDS", 30))

    def flag(self, name):
        return self.flags[name]

    def public(self):
        """The configuration with every secret replaced by whether it is set."""
        pg = {k: v for k, v in self.pg.items() if k != "password"}
        pg["password_set"] = bool(self.pg["password"])
        return {
            "app_env": self.app_env,
            "log_level": self.log_level,
            "port": self.port,
            "postgres": pg,
            "redis": {"host": self.redis_host, "port": self.redis_port,
                      "password_set": self.redis_password is not None},
            "secret_key_set": self.secret_key_set,
            "jwt_secret_key_set": self.jwt_secret_set,
            "cache_ttl_seconds": self.cache_ttl,
            "rate_limit": {"requests": self.rate_limit_requests,
                           "window_seconds": self.rate_limit_window},
            "circuit_breaker": {"threshold": self.breaker_threshold,
                                "reset_seconds": self.breaker_reset},
            "feature_flags": dict(self.flags),
        }


CFG = Config()


# ---------------------------------------------------------------------------------------------
# structured logging (JSON lines on stdout); secret values are scrubbed from every line

class JsonFormatter(logging.Formatter):
    def __init__(self, secrets):
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 4]

    def format(self, record):
        doc = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                  + ".%03dZ" % record.msecs,
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "service": "api",
            "env": CFG.app_env,
        }
        extra = getattr(record, "fields", None)
        if extra:
            doc.update(extra)
        if record.exc_info:
            doc["exc"] = "".join(traceback.format_exception(*record.exc_info)).strip()
        line = json.dumps(doc, default=str)
        for s in self.secrets:
            line = line.replace(s, "***")
        return line


def setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter([os.environ.get(n, "") for n in SECRET_NAMES]))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, CFG.log_level, logging.INFO))
    # libraries' own loggers stay quiet unless debugging
    for name in ("urllib3",):
        logging.getLogger(name).setLevel(logging.WARNING)


log = logging.getLogger("api")


def log_event(level, msg, **fields):
    log.log(level, msg, extra={"fields": fields})


# ---------------------------------------------------------------------------------------------
# metrics (Prometheus text exposition), counting only what really happened

DEFAULT_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _esc(v):
    return str(v).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(names, values, extra=None):
    pairs = list(zip(names, values))
    if extra:
        pairs.append(extra)
    if not pairs:
        return ""
    return "{" + ",".join('%s="%s"' % (k, _esc(v)) for k, v in pairs) + "}"


def _num(v):
    if v == float("inf"):
        return "+Inf"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return repr(v)
    return repr(v) if isinstance(v, float) else str(v)


class Metric:
    def __init__(self, registry, name, help_text, kind, labels=()):
        self.name, self.help, self.kind, self.labelnames = name, help_text, kind, tuple(labels)
        self.lock = threading.Lock()
        registry.append(self)


class Counter(Metric):
    def __init__(self, registry, name, help_text, labels=()):
        super().__init__(registry, name, help_text, "counter", labels)
        self.values = {}

    def inc(self, *labelvalues, amount=1.0):
        with self.lock:
            self.values[labelvalues] = self.values.get(labelvalues, 0.0) + amount

    def get(self, *labelvalues):
        with self.lock:
            return self.values.get(labelvalues, 0.0)

    def items(self):
        with self.lock:
            return list(self.values.items())

    def render(self):
        with self.lock:
            items = sorted(self.values.items())
        return ["%s%s %s" % (self.name, _labels(self.labelnames, k), _num(v)) for k, v in items]


class Gauge(Metric):
    def __init__(self, registry, name, help_text, labels=(), fn=None):
        super().__init__(registry, name, help_text, "gauge", labels)
        self.values, self.fn = {}, fn

    def set(self, value, *labelvalues):
        with self.lock:
            self.values[labelvalues] = float(value)

    def inc(self, *labelvalues, amount=1.0):
        with self.lock:
            self.values[labelvalues] = self.values.get(labelvalues, 0.0) + amount

    def dec(self, *labelvalues, amount=1.0):
        self.inc(*labelvalues, amount=-amount)

    def render(self):
        if self.fn is not None:
            items = sorted(self.fn().items())
        else:
            with self.lock:
                items = sorted(self.values.items())
        return ["%s%s %s" % (self.name, _labels(self.labelnames, k), _num(float(v))) for k, v in items]


class Histogram(Metric):
    def __init__(self, registry, name, help_text, labels=(), buckets=DEFAULT_BUCKETS):
        super().__init__(registry, name, help_text, "histogram", labels)
        self.buckets = tuple(buckets) + (float("inf"),)
        self.series = {}  # labelvalues -> [bucket counts..., sum, count]

    def observe(self, value, *labelvalues):
        with self.lock:
            s = self.series.get(labelvalues)
            if s is None:
                s = self.series[labelvalues] = [0] * len(self.buckets) + [0.0, 0]
            for i, b in enumerate(self.buckets):
                if value <= b:
                    s[i] += 1
            s[-2] += value
            s[-1] += 1

    def render(self):
        out = []
        with self.lock:
            items = sorted((k, list(v)) for k, v in self.series.items())
        for k, s in items:
            for i, b in enumerate(self.buckets):
                le = "+Inf" if b == float("inf") else repr(b)
                out.append("%s_bucket%s %d" % (self.name, _labels(self.labelnames, k, ("le", le)), s[i]))
            out.append("%s_sum%s %s" % (self.name, _labels(self.labelnames, k), repr(float(s[-2]))))
            out.append("%s_count%s %d" % (self.name, _labels(self.labelnames, k), s[-1]))
        return out


REGISTRY = []
HTTP_REQUESTS = Counter(REGISTRY, "http_requests_total",
                        "HTTP requests served, by method, path template and status code.",
                        ("method", "path", "status"))
HTTP_DURATION = Histogram(REGISTRY, "http_request_duration_seconds",
                          "Time to serve HTTP requests, by method and path template.",
                          ("method", "path"))
HTTP_IN_FLIGHT = Gauge(REGISTRY, "http_requests_in_flight", "HTTP requests being served now.")
DB_QUERIES = Counter(REGISTRY, "db_queries_total",
                     "PostgreSQL statements executed, by operation and outcome.",
                     ("operation", "outcome"))
DB_DURATION = Histogram(REGISTRY, "db_query_duration_seconds",
                        "PostgreSQL statement latency, by operation.", ("operation",))
DB_CONNECTIONS = Counter(REGISTRY, "db_connections_opened_total",
                         "PostgreSQL connections opened, by outcome.", ("outcome",))
REDIS_COMMANDS = Counter(REGISTRY, "redis_commands_total",
                         "Redis commands sent, by command and outcome.", ("command", "outcome"))
REDIS_DURATION = Histogram(REGISTRY, "redis_command_duration_seconds",
                           "Redis command latency, by command.", ("command",))
CACHE_REQUESTS = Counter(REGISTRY, "cache_requests_total",
                         "Item cache look-ups in Redis, by result (hit, miss, error).", ("result",))
RATE_LIMITED = Counter(REGISTRY, "rate_limited_requests_total",
                       "Requests refused with 429 by the rate limiter.")
BREAKER_OPEN = Gauge(REGISTRY, "circuit_breaker_open",
                     "1 while the circuit breaker of a dependency is open.", ("dependency",))
BREAKER_TRIPS = Counter(REGISTRY, "circuit_breaker_trips_total",
                        "Times a dependency's circuit breaker opened.", ("dependency",))
APP_INFO = Gauge(REGISTRY, "app_info", "Build and environment of this process (always 1).",
                 ("version", "env"))
APP_INFO.set(1, VERSION, CFG.app_env)
START_GAUGE = Gauge(REGISTRY, "process_start_time_seconds",
                    "Start time of the process since the Unix epoch.")
START_GAUGE.set(START_TIME)


def _db_pool_gauge():
    return {(): float(DB.in_use)}


DB_POOL_IN_USE = Gauge(REGISTRY, "db_pool_connections_in_use",
                       "PostgreSQL connections checked out of the pool now.", fn=_db_pool_gauge)


def render_metrics():
    lines = []
    for m in REGISTRY:
        lines.append("# HELP %s %s" % (m.name, m.help))
        lines.append("# TYPE %s %s" % (m.name, m.kind))
        lines.extend(m.render())
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# circuit breaker

class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, name, enabled, threshold, reset_seconds):
        self.name, self.enabled = name, enabled
        self.threshold, self.reset_seconds = threshold, reset_seconds
        self.failures, self.opened_at, self.lock = 0, None, threading.Lock()
        BREAKER_OPEN.set(0, name)

    def before(self):
        if not self.enabled:
            return
        with self.lock:
            if self.opened_at is None:
                return
            if time.monotonic() - self.opened_at >= self.reset_seconds:
                return  # half-open: let this call try
            raise CircuitOpen("%s circuit breaker is open" % self.name)

    def success(self):
        if not self.enabled:
            return
        with self.lock:
            if self.opened_at is not None:
                log_event(logging.INFO, "circuit breaker closed", dependency=self.name)
            self.failures, self.opened_at = 0, None
            BREAKER_OPEN.set(0, self.name)

    def failure(self):
        if not self.enabled:
            return
        with self.lock:
            self.failures += 1
            if self.failures >= self.threshold:
                if self.opened_at is None:
                    BREAKER_TRIPS.inc(self.name)
                    log_event(logging.WARNING, "circuit breaker opened", dependency=self.name,
                              failures=self.failures)
                self.opened_at = time.monotonic()
                BREAKER_OPEN.set(1, self.name)

    def state(self):
        with self.lock:
            if not self.enabled:
                st = "disabled"
            elif self.opened_at is None:
                st = "closed"
            elif time.monotonic() - self.opened_at >= self.reset_seconds:
                st = "half-open"
            else:
                st = "open"
            return {"state": st, "consecutive_failures": self.failures,
                    "threshold": self.threshold, "reset_seconds": self.reset_seconds}


# ---------------------------------------------------------------------------------------------
# PostgreSQL

class CountingPool(psycopg2.pool.ThreadedConnectionPool):
    """A thread-safe pool that counts the connections it really opens."""

    def _connect(self, key=None):
        try:
            conn = super()._connect(key)
        except Exception:
            DB_CONNECTIONS.inc("error")
            raise
        DB_CONNECTIONS.inc("ok")
        return conn


class Database:
    """Connections from a bounded pool when USE_MCP_POOL is on, else one connection per use."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.use_pool = cfg.flag("USE_MCP_POOL")
        self.max_conn = cfg.flag("MCP_POOL_MAX_CONNECTIONS")
        self.pool = None
        self.pool_lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(self.max_conn)
        self.in_use = 0
        self.breaker = CircuitBreaker("postgres", cfg.flag("MCP_CIRCUIT_BREAKER_ENABLED"),
                                      cfg.breaker_threshold, cfg.breaker_reset)
        self.schema_ready = threading.Event()

    def _connect(self):
        try:
            conn = psycopg2.connect(**self.cfg.pg)
        except Exception:
            DB_CONNECTIONS.inc("error")
            raise
        DB_CONNECTIONS.inc("ok")
        return conn

    def _count(self, delta):
        with self.pool_lock:
            self.in_use += delta

    def _get_pool(self):
        with self.pool_lock:
            if self.pool is None:
                self.pool = CountingPool(0, self.max_conn, **self.cfg.pg)
            return self.pool

    @contextmanager
    def connection(self, probe=False):
        if not probe:
            self.breaker.before()
        if not self.use_pool:
            conn = self._connect()
            self._count(1)
            try:
                yield conn
            finally:
                self._count(-1)
                conn.close()
            return
        if not self.slots.acquire(timeout=10):
            raise RuntimeError("timed out waiting for a pooled PostgreSQL connection")
        pool, conn, broken = None, None, False
        try:
            pool = self._get_pool()
            conn = pool.getconn()
            self._count(1)
            yield conn
        except (psycopg2.OperationalError, psycopg2.InterfaceError):
            broken = True
            raise
        finally:
            if conn is not None:
                self._count(-1)
                try:
                    pool.putconn(conn, close=broken or conn.closed != 0)
                except Exception:
                    pass
            self.slots.release()

    def run(self, operation, sql, params=None, fetch="all", retry=True, probe=False):
        """Executes one statement in its own transaction and records it in the metrics.

        A probe (health check) goes through even while the circuit breaker is open, and its
        success closes the breaker again."""
        t0 = time.perf_counter()
        try:
            with self.connection(probe) as conn:
                with conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                    cur.execute(sql, params)
                    if fetch == "all":
                        result = cur.fetchall()
                    elif fetch == "one":
                        result = cur.fetchone()
                    else:
                        result = cur.rowcount
        except CircuitOpen:
            DB_QUERIES.inc(operation, "rejected")
            raise
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as e:
            DB_DURATION.observe(time.perf_counter() - t0, operation)
            DB_QUERIES.inc(operation, "error")
            self.breaker.failure()
            if retry and self.use_pool:
                # a pooled connection may have died with a server restart: one fresh try
                log_event(logging.DEBUG, "retrying statement on a new connection",
                          operation=operation, error=str(e).strip())
                return self.run(operation, sql, params, fetch, retry=False, probe=probe)
            raise
        except psycopg2.Error:
            DB_DURATION.observe(time.perf_counter() - t0, operation)
            DB_QUERIES.inc(operation, "error")
            raise
        DB_DURATION.observe(time.perf_counter() - t0, operation)
        DB_QUERIES.inc(operation, "ok")
        self.breaker.success()
        return result

    def ensure_schema(self):
        self.run("create_schema", """
            CREATE TABLE IF NOT EXISTS items (
                id          BIGSERIAL PRIMARY KEY,
                repo        TEXT NOT NULL DEFAULT 'default',
                title       TEXT NOT NULL,
                body        TEXT NOT NULL DEFAULT '',
                created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
                updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
            );
            CREATE INDEX IF NOT EXISTS items_repo_idx ON items (repo);
        """, fetch=None)
        self.schema_ready.set()


DB = Database(CFG)


# ---------------------------------------------------------------------------------------------
# Redis

class Cache:
    def __init__(self, cfg):
        self.client = redis.Redis(host=cfg.redis_host, port=cfg.redis_port,
                                  password=cfg.redis_password, socket_timeout=3,
                                  socket_connect_timeout=3, health_check_interval=30,
                                  decode_responses=True)
        self.breaker = CircuitBreaker("redis", cfg.flag("MCP_CIRCUIT_BREAKER_ENABLED"),
                                      cfg.breaker_threshold, cfg.breaker_reset)

    def call(self, command, *args, probe=False):
        """Sends one Redis command (e.g. "GET") and records it in the metrics. A probe (health
        check) goes through even while the circuit breaker is open."""
        try:
            if not probe:
                self.breaker.before()
        except CircuitOpen:
            REDIS_COMMANDS.inc(command.lower(), "rejected")
            raise
        t0 = time.perf_counter()
        try:
            result = self.client.execute_command(command, *args)
        except redis.RedisError:
            REDIS_DURATION.observe(time.perf_counter() - t0, command.lower())
            REDIS_COMMANDS.inc(command.lower(), "error")
            self.breaker.failure()
            raise
        REDIS_DURATION.observe(time.perf_counter() - t0, command.lower())
        REDIS_COMMANDS.inc(command.lower(), "ok")
        self.breaker.success()
        return result


CACHE = Cache(CFG)


# ---------------------------------------------------------------------------------------------
# rate limiting (fixed window per client, kept in memory)

class RateLimiter:
    def __init__(self, limit, window):
        self.limit, self.window = limit, window
        self.lock = threading.Lock()
        self.windows = {}  # client -> (window start, count)

    def check(self, client):
        """Returns (allowed, remaining, seconds until the window resets)."""
        now = time.time()
        start_of_window = now - (now % self.window)
        with self.lock:
            if len(self.windows) > 10000:
                self.windows = {k: v for k, v in self.windows.items() if v[0] == start_of_window}
            start, count = self.windows.get(client, (start_of_window, 0))
            if start != start_of_window:
                start, count = start_of_window, 0
            count += 1
            self.windows[client] = (start, count)
        reset = int(start + self.window - now) + 1
        return count <= self.limit, max(0, self.limit - count), reset


LIMITER = RateLimiter(CFG.rate_limit_requests, CFG.rate_limit_window)


# ---------------------------------------------------------------------------------------------
# request handling

class HttpError(Exception):
    def __init__(self, status, message, **extra):
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


ROUTES = []  # (method, compiled regex, path template, handler, feature flag or None)


def route(method, template, flag=None):
    pattern = "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$"

    def deco(fn):
        ROUTES.append((method, re.compile(pattern), template, fn, flag))
        return fn
    return deco


def check_postgres():
    t0 = time.perf_counter()
    try:
        row = DB.run("health_check", "SELECT version() AS version, "
                     "pg_database_size(current_database()) AS size_bytes, "
                     "(SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) "
                     "AS connections", fetch="one", retry=False, probe=True)
        return {"status": "healthy", "latency_ms": round((time.perf_counter() - t0) * 1000, 2),
                "version": row["version"].split(" on ")[0], "database": CFG.pg["dbname"],
                "size_bytes": row["size_bytes"], "connections": row["connections"],
                "schema_ready": DB.schema_ready.is_set()}
    except Exception as e:
        return {"status": "unhealthy", "latency_ms": round((time.perf_counter() - t0) * 1000, 2),
                "error": type(e).__name__ + ": " + str(e).strip().splitlines()[0] if str(e).strip()
                else type(e).__name__}


def check_redis():
    t0 = time.perf_counter()
    try:
        CACHE.call("PING", probe=True)
        latency = round((time.perf_counter() - t0) * 1000, 2)
        info = CACHE.call("INFO", "server", probe=True)
        mem = CACHE.call("INFO", "memory", probe=True)
        return {"status": "healthy", "latency_ms": latency,
                "version": info.get("redis_version"), "used_memory_bytes": mem.get("used_memory")}
    except Exception as e:
        return {"status": "unhealthy", "latency_ms": round((time.perf_counter() - t0) * 1000, 2),
                "error": type(e).__name__ + ": " + (str(e).strip() or "no detail")}


@route("GET", "/health")
def health(req):
    return 200, {"status": "healthy", "service": "api", "version": VERSION,
                 "environment": CFG.app_env, "uptime_seconds": round(time.time() - START_TIME, 1)}


@route("GET", "/health/liveness")
def liveness(req):
    return 200, {"status": "alive", "uptime_seconds": round(time.time() - START_TIME, 1),
                 "threads": threading.active_count()}


@route("GET", "/health/readiness")
def readiness(req):
    pg, rd = check_postgres(), check_redis()
    ready = pg["status"] == "healthy" and rd["status"] == "healthy" and DB.schema_ready.is_set()
    body = {"status": "ready" if ready else "not_ready",
            "checks": {"postgres": pg["status"], "redis": rd["status"],
                       "schema": "ready" if DB.schema_ready.is_set() else "pending"}}
    return (200 if ready else 503), body


def mcp_status():
    return {
        "file_search": {"enabled": CFG.flag("ENABLE_MCP_FILE_SEARCH"),
                        "content_scoring": CFG.flag("MCP_CONTENT_SCORING_ENABLED")},
        "pool": {"enabled": DB.use_pool, "max_connections": DB.max_conn,
                 "in_use": DB.in_use},
        "circuit_breaker": {"enabled": CFG.flag("MCP_CIRCUIT_BREAKER_ENABLED"),
                            "postgres": DB.breaker.state(), "redis": CACHE.breaker.state()},
    }


@route("GET", "/health/mcp")
def health_mcp(req):
    st = mcp_status()
    breakers_open = any(st["circuit_breaker"][d]["state"] == "open" for d in ("postgres", "redis"))
    status = "degraded" if breakers_open else "healthy"
    if not CFG.flag("ENABLE_MCP_FILE_SEARCH"):
        status = "disabled"
    return 200, dict(status=status, feature_flags=dict(CFG.flags), **st)


@route("GET", "/health/comprehensive")
def health_comprehensive(req):
    t0 = time.perf_counter()
    pg, rd = check_postgres(), check_redis()
    healthy = pg["status"] == "healthy" and rd["status"] == "healthy"
    body = {
        "status": "healthy" if healthy else "unhealthy",
        "service": "api", "version": VERSION, "environment": CFG.app_env,
        "uptime_seconds": round(time.time() - START_TIME, 1),
        "components": {"postgres": pg, "redis": rd},
        "mcp": mcp_status(),
        "feature_flags": dict(CFG.flags),
        "security": {"secret_key_configured": CFG.secret_key_set,
                     "jwt_secret_configured": CFG.jwt_secret_set},
        "requests_served": int(sum(v for _, v in HTTP_REQUESTS.items())),
        "check_duration_ms": round((time.perf_counter() - t0) * 1000, 2),
    }
    return (200 if healthy else 503), body


@route("GET", "/health/metrics")
def metrics(req):
    return 200, render_metrics(), "text/plain; version=0.0.4; charset=utf-8"


# ---- items: PostgreSQL with a Redis read-through cache ---------------------------------------

def item_json(row):
    d = dict(row)
    for k in ("created_at", "updated_at"):
        if d.get(k) is not None:
            d[k] = d[k].isoformat()
    if not CFG.flag("ENABLE_MULTI_REPO"):
        d.pop("repo", None)
    return d


def parse_id(s):
    if not s.isdigit() or len(s) > 18:
        raise HttpError(404, "no such item")
    return int(s)


def repo_of(req, body=None):
    if not CFG.flag("ENABLE_MULTI_REPO"):
        return "default"
    repo = (body or {}).get("repo") or req.query.get("repo") or "default"
    if not isinstance(repo, str) or not re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", repo):
        raise HttpError(400, "repo must be 1-100 characters of [A-Za-z0-9._/-]")
    return repo


def validate_item(req, body, partial=False):
    if not isinstance(body, dict):
        raise HttpError(400, "expected a JSON object")
    title = body.get("title")
    problems = []
    if title is None and not partial:
        problems.append("title")
    elif title is not None and (not isinstance(title, str) or not title.strip() or len(title) > 200):
        problems.append("title")
    if "body" in body and not isinstance(body["body"], str):
        problems.append("body")
    if problems:
        extra = {}
        if CFG.flag("ENABLE_CLARIFYING_QUESTIONS"):
            qs = []
            if "title" in problems:
                qs.append("What short title (1-200 characters) should this item have?")
            if "body" in problems:
                qs.append("What text should the item's body hold (a string)?")
            if CFG.flag("ENABLE_MULTI_REPO") and not body.get("repo"):
                qs.append("Which repository does it belong to (default: 'default')?")
            extra["clarifying_questions"] = qs
        raise HttpError(422, "invalid fields: " + ", ".join(problems), **extra)


@route("GET", "/api/v1/items")
def list_items(req):
    limit = req.query.get("limit", "50")
    limit = min(max(int(limit), 1), 500) if limit.isdigit() else 50
    offset = int(req.query["offset"]) if req.query.get("offset", "").isdigit() else 0
    if CFG.flag("ENABLE_MULTI_REPO") and req.query.get("repo"):
        rows = DB.run("list_items", "SELECT * FROM items WHERE repo = %s ORDER BY id LIMIT %s OFFSET %s",
                      (repo_of(req), limit, offset))
    else:
        rows = DB.run("list_items", "SELECT * FROM items ORDER BY id LIMIT %s OFFSET %s", (limit, offset))
    total = DB.run("count_items", "SELECT count(*) AS n FROM items", fetch="one")["n"]
    return 200, {"items": [item_json(r) for r in rows], "total": total, "limit": limit, "offset": offset}


@route("POST", "/api/v1/items")
def create_item(req):
    body = req.json()
    validate_item(req, body)
    row = DB.run("insert_item", "INSERT INTO items (repo, title, body) VALUES (%s, %s, %s) RETURNING *",
                 (repo_of(req, body), body["title"].strip(), body.get("body", "")), fetch="one")
    log_event(logging.INFO, "item created", item_id=row["id"])
    return 201, item_json(row)


def cache_key(item_id):
    return "item:%d" % item_id


@route("GET", "/api/v1/items/{id}")
def get_item(req, id):
    item_id = parse_id(id)
    try:
        cached = CACHE.call("GET", cache_key(item_id))
    except (redis.RedisError, CircuitOpen):
        CACHE_REQUESTS.inc("error")
        cached = None
    else:
        CACHE_REQUESTS.inc("hit" if cached is not None else "miss")
    if cached is not None:
        req.extra_headers.append(("X-Cache", "HIT"))
        return 200, json.loads(cached)
    row = DB.run("get_item", "SELECT * FROM items WHERE id = %s", (item_id,), fetch="one")
    if row is None:
        raise HttpError(404, "no such item")
    doc = item_json(row)
    try:
        CACHE.call("SET", cache_key(item_id), json.dumps(doc), "EX", CFG.cache_ttl)
    except (redis.RedisError, CircuitOpen):
        pass
    req.extra_headers.append(("X-Cache", "MISS"))
    return 200, doc


@route("PUT", "/api/v1/items/{id}")
def update_item(req, id):
    item_id = parse_id(id)
    body = req.json()
    validate_item(req, body, partial=True)
    row = DB.run("update_item",
                 "UPDATE items SET title = COALESCE(%s, title), body = COALESCE(%s, body), "
                 "updated_at = now() WHERE id = %s RETURNING *",
                 (body.get("title", None) and body["title"].strip(), body.get("body"), item_id), fetch="one")
    if row is None:
        raise HttpError(404, "no such item")
    try:
        CACHE.call("DEL", cache_key(item_id))
    except (redis.RedisError, CircuitOpen):
        pass
    return 200, item_json(row)


@route("DELETE", "/api/v1/items/{id}")
def delete_item(req, id):
    item_id = parse_id(id)
    n = DB.run("delete_item", "DELETE FROM items WHERE id = %s", (item_id,), fetch=None)
    if n == 0:
        raise HttpError(404, "no such item")
    try:
        CACHE.call("DEL", cache_key(item_id))
    except (redis.RedisError, CircuitOpen):
        pass
    return 204, None


# ---- counters in Redis -------------------------------------------------------------------------

COUNTER_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@route("GET", "/api/v1/counters/{name}")
def get_counter(req, name):
    if not COUNTER_NAME.match(name):
        raise HttpError(400, "counter names are 1-64 characters of [A-Za-z0-9_.-]")
    v = CACHE.call("GET", "counter:" + name)
    return 200, {"name": name, "value": int(v or 0)}


@route("POST", "/api/v1/counters/{name}")
def incr_counter(req, name):
    if not COUNTER_NAME.match(name):
        raise HttpError(400, "counter names are 1-64 characters of [A-Za-z0-9_.-]")
    by = 1
    if req.body_bytes:
        b = req.json()
        by = b.get("by", 1) if isinstance(b, dict) else 1
        if not isinstance(by, int) or isinstance(by, bool):
            raise HttpError(400, "'by' must be an integer")
    v = CACHE.call("INCRBY", "counter:" + name, by)
    return 200, {"name": name, "value": int(v)}


# ---- search (ENABLE_MCP_FILE_SEARCH), with content scoring and learning --------------------

@route("GET", "/api/v1/search", flag="ENABLE_MCP_FILE_SEARCH")
def search(req):
    q = (req.query.get("q") or "").strip()
    if not q:
        extra = {}
        if CFG.flag("ENABLE_CLARIFYING_QUESTIONS"):
            extra["clarifying_questions"] = ["What words should the items' title or body contain?"]
        raise HttpError(400, "missing query parameter q", **extra)
    terms = [t for t in re.findall(r"\w+", q.lower())][:10]
    if not terms:
        raise HttpError(400, "q holds no words")
    like = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
    where = " OR ".join(["(title ILIKE %s OR body ILIKE %s)"] * len(terms))
    params = [p for l in like for p in (l, l)]
    sql = "SELECT * FROM items WHERE (" + where + ")"
    if CFG.flag("ENABLE_MULTI_REPO") and req.query.get("repo"):
        sql += " AND repo = %s"
        params.append(repo_of(req))
    rows = DB.run("search_items", sql + " ORDER BY id LIMIT 200", params)
    results = []
    for r in rows:
        doc = item_json(r)
        if CFG.flag("MCP_CONTENT_SCORING_ENABLED"):
            title, text = r["title"].lower(), r["body"].lower()
            doc["score"] = round(sum(3 * title.count(t) + text.count(t) for t in terms)
                                 / (1 + len(text) / 500.0), 3)
        results.append(doc)
    if CFG.flag("MCP_CONTENT_SCORING_ENABLED"):
        results.sort(key=lambda d: (-d["score"], d["id"]))
    if CFG.flag("ENABLE_LEARNING"):
        for t in terms:
            try:
                CACHE.call("ZINCRBY", "learning:terms", 1, t)
            except (redis.RedisError, CircuitOpen):
                break
    return 200, {"query": q, "terms": terms, "scored": CFG.flag("MCP_CONTENT_SCORING_ENABLED"),
                 "results": results[:50], "count": len(results)}


@route("GET", "/api/v1/learning/terms", flag="ENABLE_LEARNING")
def learned_terms(req):
    top = CACHE.call("ZREVRANGE", "learning:terms", 0, 19, "WITHSCORES")
    pairs = list(zip(top[0::2], top[1::2])) if top and not isinstance(top[0], (list, tuple)) else top
    return 200, {"terms": [{"term": t, "count": int(float(c))} for t, c in pairs]}


@route("GET", "/api/v1/info")
def info(req):
    return 200, {"service": "stagehand-demo-api", "version": VERSION, "environment": CFG.app_env,
                 "feature_flags": dict(CFG.flags)}


# ---- debug endpoints (ENABLE_DEBUG_ENDPOINTS only) -------------------------------------------

@route("GET", "/debug/config", flag="ENABLE_DEBUG_ENDPOINTS")
def debug_config(req):
    return 200, CFG.public()


@route("GET", "/debug/threads", flag="ENABLE_DEBUG_ENDPOINTS")
def debug_threads(req):
    return 200, {"threads": sorted(t.name for t in threading.enumerate())}


@route("GET", "/debug/stats", flag="ENABLE_DEBUG_ENDPOINTS")
def debug_stats(req):
    reqs = {"%s %s %s" % k: int(v) for k, v in HTTP_REQUESTS.items()}
    return 200, {"requests": reqs, "db_pool_in_use": DB.in_use}


UNLIMITED_PREFIXES = ("/health", "/debug")


class Handler(BaseHTTPRequestHandler):
    server_version = "stagehand-demo-api/" + VERSION
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 30

    def log_message(self, fmt, *args):  # the access log is written in _finish
        pass

    def json(self):
        if not self.body_bytes:
            raise HttpError(400, "expected a JSON body")
        try:
            return json.loads(self.body_bytes)
        except ValueError:
            raise HttpError(400, "body is not valid JSON")

    def _client(self):
        # nginx in front sets X-Real-IP; direct callers are identified by their address
        return self.headers.get("X-Real-IP") or self.client_address[0]

    def _dispatch(self, method):
        t0 = time.perf_counter()
        HTTP_IN_FLIGHT.inc()
        self.extra_headers = []
        template, status = "unmatched", 500
        try:
            parts = urlsplit(self.path)
            path = parts.path.rstrip("/") or "/"
            self.query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            if length > 1 << 20:
                raise HttpError(413, "body too large")
            self.body_bytes = self.rfile.read(length) if length > 0 else b""

            handler, params, allowed = None, {}, []
            for m, rx, tmpl, fn, flag in ROUTES:
                mt = rx.match(path)
                if not mt or (flag and not CFG.flag(flag)):
                    continue
                if m == method or (method == "HEAD" and m == "GET"):
                    handler, params, template = fn, mt.groupdict(), tmpl
                    break
                allowed.append(m)
            if handler is None:
                if allowed:
                    template = "unmatched"
                    raise HttpError(405, "method not allowed", allow=sorted(set(allowed)))
                raise HttpError(404, "not found")

            if CFG.flag("ENABLE_RATE_LIMITING") and not path.startswith(UNLIMITED_PREFIXES):
                ok, remaining, reset = LIMITER.check(self._client())
                self.extra_headers += [("X-RateLimit-Limit", str(LIMITER.limit)),
                                       ("X-RateLimit-Remaining", str(remaining)),
                                       ("X-RateLimit-Reset", str(reset))]
                if not ok:
                    RATE_LIMITED.inc()
                    self.extra_headers.append(("Retry-After", str(reset)))
                    raise HttpError(429, "rate limit exceeded: %d requests per %d s"
                                    % (LIMITER.limit, LIMITER.window))

            result = handler(self, **params)
            status, body = result[0], result[1]
            ctype = result[2] if len(result) > 2 else "application/json"
        except HttpError as e:
            status, ctype = e.status, "application/json"
            body = dict({"error": e.message, "status": e.status}, **e.extra)
        except CircuitOpen as e:
            status, ctype = 503, "application/json"
            body = {"error": str(e), "status": 503}
        except (psycopg2.OperationalError, psycopg2.InterfaceError, redis.RedisError) as e:
            status, ctype = 503, "application/json"
            body = {"error": "a dependency is unavailable: " + type(e).__name__, "status": 503}
            log_event(logging.WARNING, "dependency error", path=template, error=str(e).strip())
        except Exception:
            status, ctype = 500, "application/json"
            body = {"error": "internal error", "status": 500}
            log.exception("unhandled error serving %s %s", method, template)

        if body is None:
            payload = b""
        elif isinstance(body, str):
            payload = body.encode()
        else:
            payload = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "no-store")
            if status == 405 and isinstance(body, dict):
                self.send_header("Allow", ", ".join(body.get("allow", [])))
            for k, v in self.extra_headers:
                self.send_header(k, v)
            self.end_headers()
            if method != "HEAD" and payload:
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            elapsed = time.perf_counter() - t0
            HTTP_IN_FLIGHT.dec()
            HTTP_REQUESTS.inc(method, template, str(status))
            HTTP_DURATION.observe(elapsed, method, template)
            level = logging.DEBUG if template.startswith("/health") and status < 400 else logging.INFO
            log_event(level, "request", method=method, path=template, status=status,
                      duration_ms=round(elapsed * 1000, 2), client=self._client(),
                      bytes=len(payload))

    def do_GET(self):
        self._dispatch("GET")

    def do_HEAD(self):
        self._dispatch("HEAD")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_PATCH(self):
        self._dispatch("PATCH")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def init_schema_forever(stop):
    delay = 0.5
    while not stop.is_set():
        try:
            DB.ensure_schema()
            log_event(logging.INFO, "schema ready", table="items")
            return
        except Exception as e:
            log_event(logging.WARNING, "PostgreSQL not ready; retrying",
                      error=type(e).__name__ + ": " + str(e).strip().splitlines()[0]
                      if str(e).strip() else type(e).__name__, retry_in_s=delay)
            stop.wait(delay)
            delay = min(delay * 2, 10)


def main():
    setup_logging()
    log_event(logging.INFO, "starting", version=VERSION, config=CFG.public())
    stop = threading.Event()
    server = Server(("0.0.0.0", CFG.port), Handler)

    def on_signal(signum, frame):
        log_event(logging.INFO, "shutting down", signal=signal.Signals(signum).name)
        stop.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    threading.Thread(target=init_schema_forever, args=(stop,), name="schema-init", daemon=True).start()
    log_event(logging.INFO, "listening", port=CFG.port)
    server.serve_forever(poll_interval=0.5)
    server.server_close()
    if DB.pool is not None:
        DB.pool.closeall()
    log_event(logging.INFO, "stopped")


if __name__ == "__main__":
    main()
