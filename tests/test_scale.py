"""Scale-out with the real servers: redis-server for a shared frontier, scrapyd for deployment."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections import Counter
from pathlib import Path

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
    scaled_site("akhbarlibya24", sites, 200)  # a sitemap: a wide frontier, as on a backfill
    server = ReplicaServer(load_sites(sites), delay=0.05).start()  # long enough for both to start
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


def test_scrapyd_deploy_schedule_and_read_the_feed(tmp_path, replica_server):
    port = _free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path / 'eggs'}\n"
        f"logs_dir = {tmp_path / 'logs'}\nitems_dir =\ndbs_dir = {tmp_path / 'dbs'}\nmax_proc = 2\n"
    )
    home = tmp_path / "home"
    env = {**os.environ, "LIBYA_NEWS_HOME": str(home), "SCRAPYD_URL": f"http://127.0.0.1:{port}/"}
    bin_dir = Path(SCRAPY[0]).parent
    scrapyd = subprocess.Popen(
        [str(bin_dir / "scrapyd")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_port(port)
        egg = tmp_path / "libya_news.egg"
        built = subprocess.run(
            [str(bin_dir / "scrapyd-deploy"), "--build-egg", str(egg)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert built.returncode == 0, built.stderr
        import zipfile

        names = zipfile.ZipFile(egg).namelist()
        assert "libya_news/schema/article.schema.json" in names and "libya_news/spiders/alwasat.py" in names
        deployed = subprocess.run(
            [str(bin_dir / "scrapyd-deploy"), "env", "-p", "libya_news"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert deployed.returncode == 0 and '"status": "ok"' in deployed.stdout, (
            deployed.stdout + deployed.stderr
        )
        import urllib.parse
        import urllib.request

        api = f"http://127.0.0.1:{port}"
        form = urllib.parse.urlencode(
            {
                "project": "libya_news",
                "spider": "alwasat",
                "run_id": "sd",
                "setting": f"REPLICA_URL={replica_server.url}",
            }
        ).encode()
        job = json.loads(urllib.request.urlopen(f"{api}/schedule.json", data=form, timeout=30).read())
        assert job["status"] == "ok"
        for _ in range(240):
            jobs = json.loads(
                urllib.request.urlopen(f"{api}/listjobs.json?project=libya_news", timeout=30).read()
            )
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the scrapyd job did not finish")
    finally:
        scrapyd.terminate()
        scrapyd.wait(10)
    articles = read_jsonl(home / "feeds" / "alwasat" / "sd.jsonl")
    assert len(articles) == 15 and all(a["url"].startswith("https://alwasat.ly/news/") for a in articles)
