"""Serve the offline replicas on 127.0.0.1, routing by the Host header.

The crawler reaches it through ``REPLICA_URL`` (see ``libya_news.replica.handler``): requests keep
their real outlet URLs and only the connection goes to this server.
"""

from __future__ import annotations

import gzip
import io
import logging
import socket
import struct
import threading
import time
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .cms import handle
from .site import Site

SITES_DIR = Path(__file__).resolve().parents[2] / "tests" / "sites"
logger = logging.getLogger(__name__)


def load_sites(root: Path = SITES_DIR) -> dict[str, Site]:
    """host -> Site for every replica under root (``www.`` and bare host alike)."""
    sites: dict[str, Site] = {}
    for site_dir in sorted(p for p in root.iterdir() if (p / "site.json").exists()):
        site = Site(site_dir)
        for host in site.hosts:
            sites[host.lower().removeprefix("www.")] = site
    return sites


class ReplicaServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, sites: dict[str, Site], default: Site | None = None, port: int = 0, delay: float = 0.0
    ):
        self.sites, self.default, self.delay = sites, default, delay
        self.hits: dict[str, int] = {}  # path -> requests served, for fail_first and for tests
        self._hits_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def count(self, key: str) -> int:
        with self._hits_lock:
            self.hits[key] = self.hits.get(key, 0) + 1
            return self.hits[key]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def site_for(self, host: str) -> Site | None:
        host = host.split(":")[0].lower().removeprefix("www.")
        return self.sites.get(host) or self.default

    def start(self) -> ReplicaServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


# What Cloudflare-style bot protection answers a client without its cookie: a script sets it and
# reloads, so a browser gets through and a plain HTTP client does not.
CHALLENGE_PAGE = b"""<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>
<div id="challenge-platform"><h1>Checking your browser before accessing the site.</h1>
<noscript>Please enable JavaScript and cookies to continue.</noscript></div>
<script>document.cookie = "cf_clearance=ok; path=/"; setTimeout(function () { location.reload(); }, 100);</script>
</body></html>"""


@lru_cache(maxsize=4)
def _gzip_zeros(size: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            gz.write(block)
    return out.getvalue()


class _Handler(BaseHTTPRequestHandler):
    server: ReplicaServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        site = self.server.site_for(self.headers.get("Host", ""))
        path, _, query = self.path.partition("?")
        if "://" in path:  # absolute-form request line, as sent to a proxy
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        if site is None:
            self._send(404, b"no replica for this host", {"Content-Type": "text/plain"})
            return
        if site.features.get("challenge") and "cf_clearance=ok" not in self.headers.get("Cookie", ""):
            self._send(
                403, CHALLENGE_PAGE, {"Content-Type": "text/html; charset=UTF-8", "Cache-Control": "no-store"}
            )
            return
        resp = handle(site, path or "/", query)
        hit = self.server.count(f"{site.host}{self.path}")
        if self.server.delay:
            time.sleep(self.server.delay)
        if resp.behaviour:
            self._hostile(resp, hit)
            return
        self._send(resp.status, resp.body, resp.headers)

    def _hostile(self, resp, hit: int) -> None:
        """What broken servers do to crawlers, for the bad-input tests."""
        b = resp.behaviour
        if "delay" in b:
            time.sleep(b["delay"])
        if b.get("reset"):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        fail = b.get("fail_first")  # {"times": 1, "status": 429, "retry_after": 1}
        if fail and hit <= fail["times"]:
            headers = {"Retry-After": str(fail.get("retry_after", 1)), "Content-Type": "text/plain"}
            self._send(fail.get("status", 429), b"slow down", headers)
            return
        if "huge" in b:  # a body of b["huge"] bytes, streamed
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=UTF-8")
            self.send_header("Content-Length", str(b["huge"]))
            self.end_headers()
            chunk = b"<p>" + b"x" * 65529 + b"</p>"
            sent = 0
            try:
                while sent < b["huge"]:
                    n = min(len(chunk), b["huge"] - sent)
                    self.wfile.write(chunk[:n])
                    sent += n
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler hung up at its size limit, as it should
            return
        if b.get("trap"):  # endless pagination and a calendar that never ends
            n = int(self.path.rsplit("n=", 1)[-1]) if "n=" in self.path else 1
            base = self.path.split("?")[0]
            html = (
                f'<html><body><h1>Archive page {n}</h1><a href="/calendar/?month={n}">calendar</a>'
                f'<a href="javascript:void(0)">menu</a><a href="https://facebook.com/share">fb</a>'
                f'<a href="/2026/11/20/port-of-misrata-expands-container-terminal/">story</a>'
                f'<a rel="next" href="{base}?n={n + 1}">next</a></body></html>'
            )
            self._send(200, html.encode(), {"Content-Type": "text/html; charset=UTF-8"})
            return
        if "gzip_bomb" in b:  # small on the wire, b["gzip_bomb"] bytes once inflated
            body = _gzip_zeros(b["gzip_bomb"])
            self._send(200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
            return
        self._send(resp.status, resp.body, resp.headers)

    def do_HEAD(self) -> None:
        self.do_GET()

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        logger.debug("replica: " + format, *args)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Serve the offline outlet replicas.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--root", type=Path, default=SITES_DIR)
    args = parser.parse_args()
    server = ReplicaServer(load_sites(args.root), port=args.port)
    print(f"serving {len(set(server.sites.values()))} replicas on {server.url}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
