"""Every way a server can misbehave, between good articles (tests/data/hostile_site): the crawl goes
on, each case is logged with a stat, and the good articles are still emitted."""

from __future__ import annotations

import pytest

from libya_news.replica.server import ReplicaServer
from libya_news.replica.site import Site
from tests.conftest import ROOT, read_jsonl, run_scrapy

HOSTILE = ROOT / "tests" / "data" / "hostile_site"


@pytest.fixture(scope="module")
def hostile_server():
    server = ReplicaServer({})
    server.default = Site(HOSTILE, host=f"127.0.0.1:{server.server_address[1]}")
    server.start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def crawl(hostile_server, tmp_path_factory):
    home = tmp_path_factory.mktemp("hostile")
    proc = run_scrapy(
        [
            "crawl",
            "generic",
            "-a",
            f"url={hostile_server.url}/",
            "-a",
            "run_id=h",
            "-s",
            "DOWNLOAD_TIMEOUT=4",
            "-s",
            "RETRY_TIMES=1",
        ],
        home,
    )
    stats = proc.stderr[proc.stderr.index("Dumping Scrapy stats") :]
    return proc, stats, read_jsonl(home / "feeds" / "generic" / "h.jsonl")


def test_good_articles_all_emitted(crawl):
    proc, _, articles = crawl
    assert proc.returncode == 0
    titles = {a["title"] for a in articles}
    assert titles == {a["title"] for a in Site(HOSTILE).articles if not a.get("expect")}


@pytest.mark.parametrize(
    ("case", "stat", "log"),
    [
        ("timeout", "articles/fetch_failed/DownloadTimeoutError': 1", "took longer than 4.0 seconds"),
        ("connection reset", "articles/fetch_failed/DownloadFailedError': 1", "connection-reset-story/"),
        ("redirect loop", "errors/redirect_loop': 1", "redirect loop: "),
        ("50 MB body", "articles/fetch_failed/DownloadCancelledError': 1", "larger than download max size"),
        ("gzip bomb", "articles/fetch_failed/IgnoreRequest': 2", "gzip-bomb-story/> because its body"),
        ("non-HTML", "articles/skipped/not_html': 1", "not an article (not_html)"),
        ("403, then in the browser", "articles/fetch_failed/403': 1", "(HTTP 403, in the browser too)"),
        ("404", "articles/fetch_failed/404': 1", "article fetch failed (HTTP 404)"),
        ("500 retried", "articles/fetch_failed/500': 1", "Gave up retrying"),
        ("503 Retry-After too long", "retry_after/too_long': 1", "asks to wait 3600s"),
        ("429 Retry-After honoured", "retry_after/honoured': 1", "answered 429; retrying after 1.0s"),
        ("empty 200", "articles/skipped/empty_page': 1", "not an article (empty_page)"),
        ("off-domain links", "discovery/offsite_links': ", "offsite_links"),
    ],
)
def test_each_case_logged_and_counted(crawl, case, stat, log):
    proc, stats, _ = crawl
    assert f"'libya_news/{stat}" in stats, case
    assert log in proc.stderr or log in stats, case


def test_truncated_page_keeps_its_text(crawl):
    article = next(a for a in crawl[2] if "truncated-page" in a["url"])
    assert article["body"].endswith("identity cards issued after 2020 would be accepted.")


def test_pagination_trap_is_bounded(hostile_server, tmp_path):
    proc = run_scrapy(
        ["crawl", "generic", "-a", f"url={hostile_server.url}/archive/", "-s", "RETRY_TIMES=0"], tmp_path
    )
    assert "'libya_news/discovery/listing/max_pages': 1" in proc.stderr
    assert "listing still has pages after 30" in proc.stderr
    stats = proc.stderr[proc.stderr.index("Dumping Scrapy stats") :]
    requests = int(stats.split("'downloader/request_count': ")[1].split(",")[0])
    assert requests <= 36  # 30 listing pages, robots.txt, the probes, one article; no calendar pages
    assert "javascript" not in proc.stderr.lower().split("dumping scrapy stats")[0].split("warning")[-1]
    assert "Unsupported URL scheme" not in proc.stderr
