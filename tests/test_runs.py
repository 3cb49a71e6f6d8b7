"""Cron-grade runs: incremental, exactly once across runs, crash-safe, locked, loud on failure."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from libya_news.extract.urls import canonical_url
from libya_news.replica.server import ReplicaServer, load_sites
from tests.conftest import ROOT, SCRAPY, read_jsonl, run_scrapy
from tests.scaled import add_articles, scaled_site, synthetic_articles


def _stat(stderr: str, name: str) -> int:
    tail = stderr[stderr.index("Dumping Scrapy stats") :]
    return int(tail.split(f"'{name}': ")[1].split(",")[0].split("}")[0]) if f"'{name}': " in tail else 0


def _feed_urls(home: Path, outlet: str) -> list[str]:
    return [a["url"] for p in sorted((home / "feeds" / outlet).glob("*.jsonl")) for a in read_jsonl(p)]


@pytest.fixture
def big_alwasat(tmp_path):
    sites = tmp_path / "sites"
    site_dir = scaled_site("alwasat", sites, 300)
    server = ReplicaServer(load_sites(sites)).start()
    yield server, site_dir, sites
    server.shutdown()


def test_second_run_is_cheap_and_emits_nothing_then_exactly_the_new_ones(big_alwasat, tmp_path):
    server, site_dir, sites = big_alwasat
    home = tmp_path / "home"
    args = ["crawl", "alwasat", "-s", f"REPLICA_URL={server.url}"]
    first = run_scrapy([*args, "-a", "run_id=r1"], home)
    assert first.returncode == 0
    assert len(_feed_urls(home, "alwasat")) == 300
    second = run_scrapy([*args, "-a", "run_id=r2"], home)
    r1, r2 = _stat(first.stderr, "downloader/request_count"), _stat(second.stderr, "downloader/request_count")
    assert r2 <= 0.05 * r1, (r1, r2)
    assert not (home / "feeds" / "alwasat" / "r2.jsonl").exists()
    assert "incremental run from" in second.stderr

    new = synthetic_articles(
        "alwasat", 3, start_id=990000, newest=datetime.fromisoformat("2026-11-29T09:00:00+02:00"), seed=7
    )
    add_articles(site_dir, new)
    server.sites = load_sites(sites)
    run_scrapy([*args, "-a", "run_id=r3"], home)
    got = sorted(a["url"] for a in read_jsonl(home / "feeds" / "alwasat" / "r3.jsonl"))
    assert got == sorted(canonical_url("https://alwasat.ly" + a["path"]) for a in new)
    urls = _feed_urls(home, "alwasat")
    assert len(urls) == len(set(urls)) == 303


def test_sigkill_at_ten_moments_then_one_run_holds_every_article_once(tmp_path):
    sites = tmp_path / "sites"
    scaled_site("alwasat", sites, 120)
    server = ReplicaServer(load_sites(sites), delay=0.01).start()
    home = tmp_path / "home"
    env = {**os.environ, "LIBYA_NEWS_HOME": str(home)}
    rng = random.Random(42)
    moments = sorted(rng.uniform(0.8, 6.0) for _ in range(10))
    try:
        for n, moment in enumerate(moments):
            proc = subprocess.Popen(
                [
                    *SCRAPY,
                    "crawl",
                    "alwasat",
                    "-a",
                    f"run_id=k{n:02d}",
                    "-s",
                    f"REPLICA_URL={server.url}",
                    "-s",
                    "FEED_EXPORT_BATCH_ITEM_COUNT=7",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(moment)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        final = run_scrapy(
            ["crawl", "alwasat", "-a", "run_id=final", "-s", f"REPLICA_URL={server.url}"], home
        )
    finally:
        server.shutdown()
    assert final.returncode == 0
    assert not list((home / "feeds").glob("*/*.part"))
    counts = Counter(_feed_urls(home, "alwasat"))
    expected = {
        canonical_url("https://alwasat.ly" + a["path"])
        for a in json.loads((sites / "alwasat" / "articles.json").read_text("utf-8"))
    }
    assert set(counts) == expected
    assert max(counts.values()) == 1


def test_a_second_crawlall_exits_at_once_with_the_lock_message(tmp_path, replica_server):
    home = tmp_path / "home"
    env = {**os.environ, "LIBYA_NEWS_HOME": str(home)}
    slow = ReplicaServer(load_sites(), delay=0.05).start()
    first = subprocess.Popen(
        [*SCRAPY, "crawlall", "--outlets", "alwasat", "-s", f"REPLICA_URL={slow.url}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(100):  # wait until the first run holds the lock
            if (home / "state" / "lock").exists() and (home / "state" / "lock").read_text().startswith("pid"):
                break
            time.sleep(0.1)
        second = run_scrapy(
            ["crawlall", "--outlets", "alwasat", "-s", f"REPLICA_URL={slow.url}"], home, timeout=60
        )
        _out, err = first.communicate(timeout=300)
    finally:
        slow.shutdown()
    assert second.returncode == 75
    assert "another run is in progress" in second.stderr and "locked by pid" in second.stderr
    assert first.returncode == 0, err[-2000:]
    assert len(_feed_urls(home, "alwasat")) == 15


def test_unwritable_output_gives_clear_error_nonzero_exit_and_no_state(tmp_path, replica_server):
    home = tmp_path / "home"
    (home / "feeds").mkdir(parents=True)
    (home / "feeds" / "alwasat").write_text("a file where the outlet's feed folder should be")
    proc = run_scrapy(["crawlall", "--outlets", "alwasat", "-s", f"REPLICA_URL={replica_server.url}"], home)
    assert proc.returncode == 1
    assert "cannot write feed" in proc.stderr
    assert "feed file could not be written" in (proc.stdout + proc.stderr) or "FAILED" in proc.stdout
    _assert_no_state(home)


def _run_with_file_size_limit(limit: int, home: Path, replica_url: str) -> subprocess.CompletedProcess:
    """A full disk, simulated: every file the crawl writes stops growing at `limit` bytes (EFBIG)."""
    script = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
        "from scrapy.cmdline import execute; sys.argv=['scrapy'] + sys.argv[1:]; execute()"
    )
    env = {**os.environ, "LIBYA_NEWS_HOME": str(home)}
    return subprocess.run(
        [SCRAPY[0], "-c", script, "crawlall", "--outlets", "alwasat", "-s", f"REPLICA_URL={replica_url}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_full_disk_while_writing_the_feed(big_alwasat, tmp_path):
    server, _, _ = big_alwasat
    home = tmp_path / "home"
    proc = _run_with_file_size_limit(100_000, home, server.url)
    assert proc.returncode == 1
    assert "cannot write feed" in proc.stderr and "File too large" in proc.stderr
    assert "stopping this crawl, no state advanced" in proc.stderr
    assert "feed file could not be written" in proc.stdout or "FAILED" in proc.stdout
    assert not list((home / "feeds").glob("*/*.jsonl"))
    _assert_no_state(home)


def test_full_disk_before_the_state_opens(tmp_path, replica_server):
    home = tmp_path / "home"
    proc = _run_with_file_size_limit(6000, home, replica_server.url)
    assert proc.returncode == 74
    assert "cannot open the state store" in proc.stderr
    assert not (home / "feeds").exists()


def _assert_no_state(home: Path) -> None:
    import sqlite3

    db = home / "state" / "state.sqlite3"
    if db.exists():
        con = sqlite3.connect(db)
        assert con.execute("SELECT count(*) FROM docs WHERE committed = 1").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM marks WHERE high_water IS NOT NULL").fetchone()[0] == 0
