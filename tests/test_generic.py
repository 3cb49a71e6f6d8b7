"""Zero-config crawling: a WordPress-like site no spider knows, and a plain list of article URLs."""

from __future__ import annotations

from libya_news.extract.dates import to_iso
from libya_news.replica.site import Site
from tests.conftest import ROOT, read_jsonl, run_scrapy
from tests.groundtruth import expected_articles

UNSEEN = ROOT / "tests" / "data" / "unseen_site"


def _truth(server) -> dict[str, dict]:
    site = Site(UNSEEN, host=f"127.0.0.1:{server.server_address[1]}")
    return {a["url"].rstrip("/"): a for a in site.articles}


def test_generic_crawls_an_unseen_wordpress_like_site(unseen_site_server, tmp_path):
    url = unseen_site_server.url + "/"
    proc = run_scrapy(["crawl", "generic", "-a", f"url={url}", "-a", "run_id=t"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = {a["url"]: a for a in read_jsonl(tmp_path / "feeds" / "generic" / "t.jsonl")}
    truth = _truth(unseen_site_server)
    assert set(got) == set(truth), proc.stderr[-3000:]
    for url, want in truth.items():
        assert got[url]["title"] == want["title"]
        assert got[url]["published_at"] == to_iso(want["published"])
        assert got[url]["body"].split("\n\n") == want["paragraphs"]
        assert got[url]["outlet"] == "generic" and got[url]["language"] == "en"
    assert "generic: routes for" in proc.stderr and "wp_json route failed (HTTP 404)" in proc.stderr


def test_generic_article_urls_extracts_exactly_those(replica_server, unseen_site_server, tmp_path):
    outlet_urls = list(expected_articles("alwasat"))[:3] + list(expected_articles("libyaherald"))[:2]
    unseen = sorted(_truth(unseen_site_server))[:2]
    listing = tmp_path / "urls.txt"
    listing.write_text("# from GDELT\n" + "\n".join(outlet_urls + unseen) + "\n\n", "utf-8")
    proc = run_scrapy(
        [
            "crawl",
            "generic",
            "-a",
            f"article_urls={listing}",
            "-a",
            "run_id=t",
            "-s",
            f"REPLICA_URL={replica_server.url}",
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = read_jsonl(tmp_path / "feeds" / "generic" / "t.jsonl")
    assert sorted(a["url"] for a in got) == sorted(outlet_urls + unseen)
    stats = proc.stderr[proc.stderr.index("Dumping Scrapy stats") :]
    # No discovery: the 7 pages and one robots.txt per host (alwasat, libyaherald, 127.0.0.1), nothing else.
    assert "'downloader/request_count': 10," in stats and "'robotstxt/request_count': 3," in stats
    for a in got:  # pages of known outlets are extracted with that outlet's declarations
        if "alwasat" in a["url"]:
            want = expected_articles("alwasat")[a["url"]]
            assert (a["outlet"], a["language"], a["body"]) == ("alwasat", "ar", want["body"])
