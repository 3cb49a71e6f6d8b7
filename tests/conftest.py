"""Shared fixtures: the replica server and one offline crawl of every outlet, run once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = [sys.executable, "-m", "scrapy.cmdline"]


def run_scrapy(args: list[str], home: Path, timeout: int = 300, **env: str) -> subprocess.CompletedProcess:
    """Run a scrapy command of this project in a child process (Twisted's reactor runs once per process)."""
    full_env = {**os.environ, "LIBYA_NEWS_HOME": str(home), **env}
    return subprocess.run(
        [*SCRAPY, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout, check=False
    )


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


class CrawlResult:
    def __init__(self, home: Path, proc: subprocess.CompletedProcess):
        self.home, self.proc = home, proc
        summaries = sorted((home / "logs").glob("*.json"))
        self.summary = json.loads(summaries[-1].read_text("utf-8")) if summaries else {}
        self.outlets = {o["outlet"]: o for o in self.summary.get("outlets", [])}

    def articles(self, outlet: str | None = None) -> list[dict]:
        pattern = f"{outlet}/*.jsonl" if outlet else "*/*.jsonl"
        return [a for p in sorted((self.home / "feeds").glob(pattern)) for a in read_jsonl(p)]

    @property
    def log(self) -> str:
        return self.proc.stderr + self.proc.stdout


@pytest.fixture(scope="session")
def demo_crawl(tmp_path_factory) -> CrawlResult:
    """`scrapy crawlall --replica`: what `make demo` runs, into a fresh LIBYA_NEWS_HOME."""
    home = tmp_path_factory.mktemp("home")
    proc = run_scrapy(["crawlall", "--replica"], home)
    return CrawlResult(home, proc)


@pytest.fixture(scope="session")
def replica_server():
    from libya_news.replica.server import ReplicaServer, load_sites

    server = ReplicaServer(load_sites()).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def unseen_site_server():
    """A WordPress-like site no spider knows, answering on http://127.0.0.1:<port>/ for any host."""
    from libya_news.replica.server import ReplicaServer
    from libya_news.replica.site import Site

    server = ReplicaServer({})
    server.default = Site(
        ROOT / "tests" / "data" / "unseen_site", host=f"127.0.0.1:{server.server_address[1]}"
    )
    server.start()
    yield server
    server.shutdown()
