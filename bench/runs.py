"""Cron runs: a first and a second (incremental) `crawlall` over every replica, and the peak memory
of one outlet's crawl of a 20,000-article replica against a bare Scrapy spider on the same URLs.

    python -m bench.runs [--big 20000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.common import Run
from libya_news.replica.server import ReplicaServer, load_sites
from tests.scaled import scaled_site

BARE_SPIDER = """
import json, scrapy
class Bare(scrapy.Spider):
    name = "bare"
    custom_settings = {"ITEM_PIPELINES": {}, "FEEDS": {}, "EXTENSIONS": {}, "ADDONS": {},
                       "DOWNLOADER_MIDDLEWARES": {}, "ROBOTSTXT_OBEY": False}
    async def start(self):
        for a in json.load(open(self.articles)):
            yield scrapy.Request("https://akhbarlibya24.net" + a["path"])
    def parse(self, response):
        yield {"url": response.url, "title": response.css("h1::text").get()}
"""


def summaries(home: Path) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((home / "logs").glob("*.json"))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=20000)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-runs-"))
    first = Run(["crawlall", "--replica"], home)
    second = Run(["crawlall", "--replica"], home)
    s1, s2 = summaries(home)[-2:]
    r1 = sum(o["requests"] for o in s1["outlets"])
    r2 = sum(o["requests"] for o in s2["outlets"])
    a1 = sum(o["articles"] for o in s1["outlets"])
    a2 = sum(o["articles"] for o in s2["outlets"])
    print(
        f"all replicas, first run : {r1} requests, {a1} articles, {first.seconds:.1f} s, peak RSS {first.peak_mb:.0f} MB"
    )
    print(
        f"all replicas, second run: {r2} requests, {a2} articles, {second.seconds:.1f} s"
        f"  -> requests {r2 / r1:.1%} of the first, time {second.seconds / first.seconds:.0%}"
    )

    sites = Path(tempfile.mkdtemp(prefix="bench-sites-"))
    scaled_site("akhbarlibya24", sites, args.big)
    server = ReplicaServer(load_sites(sites)).start()
    hits = lambda: sum(server.hits.values())  # noqa: E731
    big_home = Path(tempfile.mkdtemp(prefix="bench-big-"))
    ours = Run(
        ["crawl", "akhbarlibya24", "-s", f"REPLICA_URL={server.url}", "-s", "LOG_LEVEL=INFO"],
        big_home,
        progress=hits,
    )
    spider_file = big_home / "bare.py"
    spider_file.write_text(BARE_SPIDER)
    bare = Run(
        [
            "runspider",
            str(spider_file),
            "-a",
            f"articles={sites / 'akhbarlibya24' / 'articles.json'}",
            "-s",
            f"REPLICA_URL={server.url}",
            "-s",
            "LOG_LEVEL=INFO",
            "-s",
            "AUTOTHROTTLE_ENABLED=True",
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=4",
        ],
        big_home,
    )
    server.shutdown()
    n_ours, n_bare = ours.stat("item_scraped_count"), bare.stat("item_scraped_count")
    print(
        f"{args.big}-article replica, our crawl : {n_ours} articles in {ours.seconds:.0f} s "
        f"({n_ours / ours.seconds:.0f}/s), peak RSS {ours.peak_mb:.0f} MB"
    )
    print(
        f"{args.big}-article replica, bare Scrapy: {n_bare} pages in {bare.seconds:.0f} s "
        f"({n_bare / bare.seconds:.0f}/s), peak RSS {bare.peak_mb:.0f} MB"
    )
    print(
        f"throughput ours/bare = {(n_ours / ours.seconds) / (n_bare / bare.seconds):.2f}; "
        f"peak RSS ours/bare = {ours.peak_mb / bare.peak_mb:.2f}"
    )


if __name__ == "__main__":
    main()
