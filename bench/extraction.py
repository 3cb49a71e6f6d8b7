"""Extraction + cleaning time per article page, ours vs trafilatura.bare_extraction, in one run.

    python -m bench.extraction [--repeat 5]

Pages are every article page of the offline replicas (rendered in-process, no server). Both
extractors get the same HTML; body quality is token F1 against the replica's ground truth.
Prints medians and the ratio; never used as a timed assertion in tests.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

from itemadapter import ItemAdapter
from scrapy.http import HtmlResponse
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from libya_news.extract.article import NotAnArticle, parse_article
from libya_news.extract.urls import canonical_url
from libya_news.replica.cms import handle
from libya_news.replica.site import Site
from libya_news.settings import ITEM_PIPELINES
from tests.groundtruth import SITES, expected_articles

_LOADER = get_spider_loader(get_project_settings())
SPIDERS = [_LOADER.load(n) for n in sorted(_LOADER.list()) if getattr(_LOADER.load(n), "enabled", True)]


def pages() -> list[tuple[type, str, bytes, str]]:
    out = []
    for cls in SPIDERS:
        site = Site(SITES / cls.name)
        truth = expected_articles(cls.name)
        for a in site.articles:
            url = canonical_url(a["url"])
            if url in truth:
                resp = handle(site, a["path"], "")
                out.append((cls, a["url"], resp.body, truth[url]["body"]))
    return out


def f1(got: str, want: str) -> float:
    g, w = Counter(got.split()), Counter(want.split())
    common = sum((g & w).values())
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return 2 * p * r / (p + r)


def ours_factory(cls: type):
    crawler = get_crawler(cls)
    spider = cls.from_crawler(crawler)
    crawler.spider = spider
    ordered = [load_object(p) for p, _ in sorted(ITEM_PIPELINES.items(), key=lambda kv: kv[1])]
    pipes = [cls(crawler) for cls in ordered[:2]]  # clean + derive; dedup needs the state store

    def run(url: str, body: bytes) -> str:
        try:
            item = parse_article(HtmlResponse(url=url, body=body), spider)
        except NotAnArticle:
            return ""
        for pipe in pipes:  # clean + derive: the cleaning half of the work
            item = pipe.process_item(item)
        return ItemAdapter(item)["body"]

    return run


def trafilatura_run(url: str, body: bytes) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(body.decode("utf-8", "replace"), url=url, with_metadata=True)
    if doc is None:
        return ""
    text = doc.get("text") if isinstance(doc, dict) else getattr(doc, "text", "")
    return text or ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    items = pages()
    runners = {cls: ours_factory(cls) for cls in SPIDERS}
    import trafilatura  # noqa: F401  (import cost kept out of the timings)

    times: dict[str, list[float]] = {"ours": [], "trafilatura": []}
    quality: dict[str, list[float]] = {"ours": [], "trafilatura": []}
    for cls, url, body, truth in items:
        for name, fn in (("ours", runners[cls]), ("trafilatura", trafilatura_run)):
            fn(url, body)  # warm-up
            samples = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                text = fn(url, body)
                samples.append(time.perf_counter() - t0)
            times[name].append(statistics.median(samples))
            quality[name].append(f1(text, truth))
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    print(f"pages: {len(items)} article pages from {len(SPIDERS)} replicas, {args.repeat} runs each")
    for name in ("ours", "trafilatura"):
        q = quality[name]
        print(
            f"{name:<12} median {med[name]:7.2f} ms/page   body token-F1 mean {statistics.mean(q):.3f}"
            f"  min {min(q):.3f}"
        )
    print(f"ratio: trafilatura / ours = {med['trafilatura'] / med['ours']:.1f}x")


if __name__ == "__main__":
    main()
