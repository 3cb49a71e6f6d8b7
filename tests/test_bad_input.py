"""Hostile pages in the replicas: each is logged, counted, loses nothing, and the articles around
them are still extracted. Uses the session's `crawlall --replica` run."""

from __future__ import annotations

from tests.groundtruth import expected_articles


def _article(crawl, outlet, url_part):
    return next(a for a in crawl.articles(outlet) if url_part in a["url"])


def _truth(outlet, url_part):
    return next(v for k, v in expected_articles(outlet).items() if url_part in k)


def test_malformed_html_still_extracted(demo_crawl):
    # Unclosed <div>/<p>, a stray </span>, an unterminated attribute, cut off inside the footer.
    part = "%D8%BA%D8%A7%D8%AA-"  # /2026/11/08/غات-...
    got, want = _article(demo_crawl, "akhbarlibya24", part), _truth("akhbarlibya24", part)
    assert (got["title"], got["body"], got["published_at"]) == (
        want["title"],
        want["body"],
        want["published_at"],
    )


def test_windows_1256_without_charset_decoded(demo_crawl):
    got, want = _article(demo_crawl, "alwasat", "/501475"), _truth("alwasat", "/501475")
    assert got["title"] == want["title"] and got["body"] == want["body"]
    assert demo_crawl.outlets["alwasat"]["stats"]["articles/encoding_repaired"] == 1
    assert "decoded as cp1256" in demo_crawl.log


def test_windows_1256_declared_as_latin1_decoded(demo_crawl):
    part = "presidential-council-calls-calm-zawiya"
    got, want = _article(demo_crawl, "libyaobserver", part), _truth("libyaobserver", part)
    assert got["body"] == want["body"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in got["body"])


def test_empty_200_page_skipped_and_counted(demo_crawl):
    assert demo_crawl.outlets["akhbarlibya24"]["stats"]["articles/skipped/empty_page"] == 1
    assert "not an article (empty_page)" in demo_crawl.log


def test_404_logged_and_counted(demo_crawl):
    assert demo_crawl.outlets["libyaobserver"]["fetch_failed"] == {"404": 1}
    assert "article fetch failed (HTTP 404): https://www.libyaobserver.ly/news/tripoli-port" in demo_crawl.log


def test_500_retried_then_logged_and_counted(demo_crawl):
    row = demo_crawl.outlets["alwasat"]
    assert row["fetch_failed"] == {"500": 1}
    assert row["status_counts"]["500"] == 3  # first try + RETRY_TIMES
    assert "article fetch failed (HTTP 500): https://alwasat.ly/news/libya/501530" in demo_crawl.log


def test_undated_pages_dropped_and_counted(demo_crawl):
    for outlet in ("alwasat", "libyaobserver"):
        assert demo_crawl.outlets[outlet]["dropped"] == {"no_date": 1}
    assert "Dropped: no_date: https://alwasat.ly/news/art-culture/501405" in demo_crawl.log


def test_non_article_pages_ignored(demo_crawl):
    urls = {a["url"] for a in demo_crawl.articles()}
    assert not any("/video" in u or "/prayer-times" in u or "/live" in u or "/tag/" in u for u in urls)


def test_failed_route_falls_through(demo_crawl):
    assert demo_crawl.outlets["akhbarlibya24"]["stats"]["discovery/wp_json/failed"] == 1
    assert demo_crawl.outlets["akhbarlibya24"]["stats"]["discovery/sitemap/article_links"] >= 14
    assert demo_crawl.outlets["alwasat"]["stats"]["discovery/feed/failed"] == 1
    assert "feed route failed (HTTP 404) at https://alwasat.ly/rss; falling through" in demo_crawl.log


def test_every_good_article_around_them_extracted(demo_crawl):
    for outlet in ("akhbarlibya24", "alwasat", "libyaobserver", "libyaherald"):
        got = {a["url"] for a in demo_crawl.articles(outlet)}
        assert set(expected_articles(outlet)) <= got, outlet
