"""Scale-out with the real servers: redis-server for a shared frontier, scrapyd for deployment."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections import Counter

import pytest

from libya_news.extract.urls import canonical_url
from libya_news.replica.server import ReplicaServer, load_sites
from tests.conftest import ROOT, SCRAPY, read_jsonl
from tests.scaled import scaled_site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, timeout: float = 20) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture
def redis_url(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_port(port)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


def test_two_workers_share_one_frontier_and_emit_each_article_once(redis_url, tmp_path):
    sites = tmp_path / "sites"
    scaled_site("akhbarlibya24", sites, 150)  # a sitemap: a wide frontier, as on a backfill
    server = ReplicaServer(load_sites(sites), delay=0.02).start()
    procs = []
    try:
        for n in range(2):  # two hosts: each its own LIBYA_NEWS_HOME, one Redis
            env = {**os.environ, "LIBYA_NEWS_HOME": str(tmp_path / f"host{n}")}
            procs.append(
                subprocess.Popen(
                    [
                        *SCRAPY,
                        "crawl",
                        "akhbarlibya24",
                        "-a",
                        f"run_id=w{n}",
                        "-s",
                        f"REDIS_URL={redis_url}",
                        "-s",
                        f"REPLICA_URL={server.url}",
                        "-s",
                        "FRONTIER_ID=t1",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
            time.sleep(0.5)
        logs = [p.communicate(timeout=600)[1] for p in procs]
    finally:
        server.shutdown()
    assert all(p.returncode == 0 for p in procs), logs[0][-2000:] + logs[1][-2000:]
    assert all("scrapy_redis.scheduler.Scheduler" in log for log in logs)
    feeds = [tmp_path / f"host{n}" / "feeds" / "akhbarlibya24" for n in range(2)]
    emitted = Counter(a["url"] for feed in feeds for p in feed.glob("*.jsonl") for a in read_jsonl(p))
    expected = {
        canonical_url("https://akhbarlibya24.net" + a["path"])
        for a in json.loads((sites / "akhbarlibya24" / "articles.json").read_text("utf-8"))
    }
    assert set(emitted) == expected and max(emitted.values()) == 1
    per_worker = [sum(1 for _ in feed.glob("*.jsonl")) for feed in feeds]
    assert all(per_worker), "both workers took part"
    fetched = Counter(path for path, hits in server.hits.items() for _ in range(hits) if "/2026/" in path)
    assert fetched and max(fetched.values()) == 1, "no article URL fetched twice"
