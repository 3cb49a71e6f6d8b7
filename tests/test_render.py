"""JavaScript rendering in real headless Chromium (Debian's /usr/bin/chromium; never skipped)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from libya_news.extract.dates import to_iso
from libya_news.replica.server import ReplicaServer, load_sites
from libya_news.replica.site import Site
from tests.conftest import ROOT, read_jsonl, run_scrapy
from tests.groundtruth import SITES, expected_articles

JS_SITE = ROOT / "tests" / "data" / "js_site"


def test_chromium_is_installed():
    """CI installs it (.ci/system-deps); rendering tests must run, not skip."""
    out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, check=True)
    assert "Chromium" in out.stdout


@pytest.fixture(scope="module")
def js_server():
    server = ReplicaServer({})
    server.default = Site(JS_SITE, host=f"127.0.0.1:{server.server_address[1]}")
    server.start()
    yield server
    server.shutdown()


def test_body_and_date_written_by_javascript_are_extracted(js_server, tmp_path):
    proc = run_scrapy(
        ["crawl", "generic", "-a", f"url={js_server.url}/", "-a", "render_js=1", "-a", "run_id=r"], tmp_path
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = {a["url"]: a for a in read_jsonl(tmp_path / "feeds" / "generic" / "r.jsonl")}
    truth = {a["url"].rstrip("/"): a for a in js_server.default.articles}
    assert set(got) == set(truth)
    for url, want in truth.items():
        assert got[url]["body"].split("\n\n") == want["paragraphs"]
        assert got[url]["published_at"] == to_iso(want["published"])
    assert "'libya_news/render/blocked/resource': 4," in proc.stderr  # the logo image, once a page
    assert "'playwright/page_count/closed'" in proc.stderr


def test_without_rendering_the_same_pages_give_nothing(js_server, tmp_path):
    proc = run_scrapy(["crawl", "generic", "-a", f"url={js_server.url}/", "-a", "run_id=p"], tmp_path)
    assert "'item_scraped_count'" not in proc.stderr
    assert (
        "'libya_news/dropped/no_body': 4" in proc.stderr or "'libya_news/dropped/no_date': 4" in proc.stderr
    )


@pytest.fixture(scope="module")
def challenge_server(tmp_path_factory):
    """akhbarlibya24's replica behind a Cloudflare-style challenge: 403 and a script that sets a
    cookie and reloads (outlets.md §1: it 403s scrapers)."""
    root = tmp_path_factory.mktemp("sites")
    shutil.copytree(SITES / "akhbarlibya24", root / "akhbarlibya24")
    config = json.loads((root / "akhbarlibya24" / "site.json").read_text("utf-8"))
    config["features"]["challenge"] = True
    (root / "akhbarlibya24" / "site.json").write_text(json.dumps(config, ensure_ascii=False), "utf-8")
    server = ReplicaServer(load_sites(root)).start()
    yield server
    server.shutdown()


def test_challenge_page_escalates_to_the_browser_once_per_url(challenge_server, tmp_path):
    proc = run_scrapy(
        ["crawl", "akhbarlibya24", "-a", "run_id=c", "-s", f"REPLICA_URL={challenge_server.url}"],
        tmp_path,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = {a["url"]: a for a in read_jsonl(tmp_path / "feeds" / "akhbarlibya24" / "c.jsonl")}
    for url, want in expected_articles("akhbarlibya24").items():
        assert got[url]["title"] == want["title"] and got[url]["body"] == want["body"], url
    stats = proc.stderr[proc.stderr.index("Dumping Scrapy stats") :]
    escalated = int(stats.split("'libya_news/render/escalated': ")[1].split(",")[0])
    rendered = int(stats.split("'libya_news/render/pages': ")[1].split(",")[0])
    assert escalated >= len(got) and rendered == escalated  # each URL at most once in the browser
    assert "answered 403 (challenge page); retrying once in the browser" in proc.stderr
    assert "'libya_news/render/blocked/third_party'" in stats


def test_missing_chromium_is_a_clear_error_not_a_traceback(challenge_server, tmp_path):
    proc = run_scrapy(
        ["crawl", "akhbarlibya24", "-s", f"REPLICA_URL={challenge_server.url}"],
        tmp_path,
        PLAYWRIGHT_CHROMIUM="/nonexistent/chromium",
    )
    assert "rendering needs Chromium at /nonexistent/chromium" in proc.stderr
    assert "'libya_news/render/unavailable': 1" in proc.stderr
    assert "Traceback" not in proc.stderr
