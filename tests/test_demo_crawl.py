"""`make demo` end to end: every outlet crawled from its offline replica, checked against the replica's
own articles (the ground truth), the schema and the boilerplate list."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

from tests.groundtruth import copies, expected_articles

LOADER = get_spider_loader(get_project_settings())
OUTLETS = sorted(n for n in LOADER.list() if getattr(LOADER.load(n), "enabled", True))
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "schema" / "article.schema.json").read_text("utf-8")
)  # a link into the package
BOILERPLATE = [
    "Exit mobile version",
    "appeared first on",
    "يمكنك ايضا قراءة الخبر في المصدر",
    "اقرأ أيضا",
    "مشاركة :",
    "شاركها.",
    "اترك تعليقاً",
    "أخبار ليبيا 24 – متابعات",
    "تردد قناتي",
    "وسط الخبر",
    "- أخبار ليبيا 24",
    "| بوابة الوسط",
    "Posted in:",
    "Written By:",
    "adsbygoogle",
    "Related Articles",
]


def test_crawl_succeeds_with_enough_articles(demo_crawl):
    assert demo_crawl.proc.returncode == 0, demo_crawl.log[-3000:]
    counts = {o: len(demo_crawl.articles(o)) for o in OUTLETS}
    assert all(n >= 1 for n in counts.values()), counts
    assert sum(counts.values()) >= 40 + 8 * (len(OUTLETS) - 4), counts


def test_every_line_validates_against_the_schema(demo_crawl):
    for article in demo_crawl.articles():
        jsonschema.validate(article, SCHEMA)
        for field in ("url", "title", "body", "published_at", "language"):
            assert article[field], (field, article["url"])


def test_arabic_is_readable_utf8(demo_crawl):
    raw = next((demo_crawl.home / "feeds" / "akhbarlibya24").glob("*.jsonl")).read_text("utf-8")
    assert "\\u06" not in raw and "ليبيا" in raw


def test_no_boilerplate_survives(demo_crawl):
    for article in demo_crawl.articles():
        for text in (article["title"], article["body"]):
            for needle in BOILERPLATE:
                assert needle not in text, (needle, article["url"])


def test_urls_are_the_outlets_real_urls(demo_crawl):
    """The spiders ran unchanged: only REPLICA_URL pointed their hosts at the local server."""
    hosts = {
        "akhbarlibya24": "akhbarlibya24.net",
        "alwasat": "alwasat.ly",
        "libyaherald": "libyaherald.com",
        "libyaobserver": "libyaobserver.ly",
    }
    for outlet, host in hosts.items():
        for article in demo_crawl.articles(outlet):
            assert article["url"].startswith(f"https://{host}/"), article["url"]


def test_no_url_emitted_twice(demo_crawl):
    urls = [a["url"] for a in demo_crawl.articles()]
    assert len(urls) == len(set(urls))


@pytest.mark.parametrize("outlet", OUTLETS)
@pytest.mark.parametrize("field", ["title", "body", "published_at", "authors", "section", "tags"])
def test_every_replica_article_extracted_faithfully(demo_crawl, outlet, field):
    got = {a["url"]: a for a in demo_crawl.articles(outlet)}
    for url, want in expected_articles(outlet, copies=False).items():
        assert url in got, f"{outlet}: missing {url}"
        assert got[url][field] == want[field], f"{outlet} {field} differs at {url}"


def test_summary_counts_per_outlet(demo_crawl):
    for outlet in OUTLETS:
        row = demo_crawl.outlets[outlet]
        assert row["healthy"] and row["articles"] == len(demo_crawl.articles(outlet))
        assert row["requests"] >= 1


def test_aggregator_copies_dropped_as_duplicates_of_the_originals(demo_crawl):
    emitted = {a["url"] for a in demo_crawl.articles()}
    for outlet in OUTLETS:
        for copy, original in copies(outlet).items():
            assert original in emitted and copy not in emitted, (copy, original)
    row = demo_crawl.outlets["libyaakhbar"]
    assert sum(row["duplicates"].values()) == len(copies("libyaakhbar"))
    assert row["duplicates"]["near"] >= 1


def test_second_run_emits_nothing(demo_crawl):
    from tests.conftest import run_scrapy

    proc = run_scrapy(["crawlall", "--replica"], demo_crawl.home)
    assert proc.returncode == 0, proc.stdout[-3000:]
    summary = sorted((demo_crawl.home / "logs").glob("*.json"))[-1]
    rows = json.loads(summary.read_text("utf-8"))["outlets"]
    assert sum(r["articles"] for r in rows) == 0
