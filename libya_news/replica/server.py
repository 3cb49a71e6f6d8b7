"""Serve the offline replicas on 127.0.0.1, routing by the Host header.

The crawler reaches it through ``REPLICA_URL`` (see ``libya_news.replica.handler``): requests keep
their real outlet URLs and only the connection goes to this server.
"""

from __future__ import annotations

import logging
import threading
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

    def __init__(self, sites: dict[str, Site], default: Site | None = None, port: int = 0):
        self.sites, self.default = sites, default
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def site_for(self, host: str) -> Site | None:
        host = host.split(":")[0].lower().removeprefix("www.")
        return self.sites.get(host) or self.default

    def start(self) -> ReplicaServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


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
        resp = handle(site, path or "/", query)
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
