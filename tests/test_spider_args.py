"""-a since / until / max_articles, on routes that filter at the source (wp-json `after`/`before`)
and on routes that cannot (listings: the validate step drops what is out of range)."""

from __future__ import annotations

import pytest

from tests.conftest import read_jsonl, run_scrapy
from tests.groundtruth import expected_articles


@pytest.mark.parametrize("outlet", ["libyaherald", "alwasat"])
def test_since_until_window(outlet, replica_server, tmp_path):
    proc = run_scrapy(
        [
            "crawl",
            outlet,
            "-a",
            "since=2026-11-10",
            "-a",
            "until=2026-11-20",
            "-a",
            "run_id=w",
            "-s",
            f"REPLICA_URL={replica_server.url}",
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = {a["url"] for a in read_jsonl(tmp_path / "feeds" / outlet / "w.jsonl")}
    want = {
        u
        for u, a in expected_articles(outlet).items()
        if "2026-11-10T00:00:00+02:00" <= a["published_at"] <= "2026-11-20T23:59:59+02:00"
    }
    assert want and got == want


def test_wp_json_filters_at_the_source(replica_server, tmp_path):
    """The API itself is asked for `after=`: no post outside the window is even downloaded."""
    proc = run_scrapy(
        ["crawl", "libyaherald", "-a", "since=2026-11-10", "-s", f"REPLICA_URL={replica_server.url}"],
        tmp_path,
    )
    in_range = [a for a in expected_articles("libyaherald").values() if a["published_at"] >= "2026-11-10"]
    assert f"'libya_news/discovery/wp_json/articles': {len(in_range)}," in proc.stderr
    assert "dropped/out_of_range" not in proc.stderr


def test_max_articles(replica_server, tmp_path):
    proc = run_scrapy(
        [
            "crawl",
            "akhbarlibya24",
            "-a",
            "max_articles=3",
            "-a",
            "run_id=m",
            "-s",
            f"REPLICA_URL={replica_server.url}",
        ],
        tmp_path,
    )
    assert proc.returncode == 0
    got = read_jsonl(tmp_path / "feeds" / "akhbarlibya24" / "m.jsonl")
    assert 1 <= len(got) <= 3
    assert "'libya_news/discovery/sitemap/article_links': 3," in proc.stderr
