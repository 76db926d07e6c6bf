#!/usr/bin/env python3
"""Serves the demo web UI's static files on $PORT (8081) with JSON access logs on stdout."""

import functools
import json
import os
import signal
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.environ.get("WEB_ROOT", "/srv/web")
PORT = int(os.environ.get("PORT", "8081"))
ENV = os.environ.get("APP_ENV", "development")


def _status(code):
    try:
        return int(code)
    except (TypeError, ValueError):
        return code


class Handler(SimpleHTTPRequestHandler):
    server_version = "stagehand-demo-web/1.0"
    sys_version = ""

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        pass

    def log_request(self, code="-", size="-"):
        print(json.dumps({"ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "level": "INFO",
                          "service": "web", "env": ENV, "msg": "request",
                          "method": self.command, "path": self.path.split("?")[0],
                          "status": _status(code),
                          "client": self.headers.get("X-Real-IP") or self.client_address[0]}),
              flush=True)


def main():
    server = ThreadingHTTPServer(("0.0.0.0", PORT), functools.partial(Handler, directory=ROOT))
    server.daemon_threads = True

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(json.dumps({"ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "level": "INFO",
                      "service": "web", "env": ENV, "msg": "listening", "port": PORT, "root": ROOT}),
          flush=True)
    server.serve_forever(poll_interval=0.5)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
