"""Rendering cost: pages/s and peak memory (the Scrapy process plus Chromium's processes) for the same
article pages fetched plainly and rendered, and memory over a long rendered crawl.

    python -m bench.render [--pages 200] [--long 1000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.common import Run
from libya_news.replica.server import ReplicaServer, load_sites
from tests.scaled import scaled_site


def crawl(server: ReplicaServer, urls: Path, render: bool) -> Run:
    home = Path(tempfile.mkdtemp(prefix="bench-render-"))
    hits = lambda: sum(server.hits.values())  # noqa: E731
    args = ["crawl", "generic", "-a", f"article_urls={urls}", "-s", f"REPLICA_URL={server.url}"]
    return Run([*args, "-a", "render_js=1"] if render else args, home, every=0.5, progress=hits)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--long", type=int, default=1000)
    args = parser.parse_args()
    sites = Path(tempfile.mkdtemp(prefix="bench-sites-"))
    scaled_site("akhbarlibya24", sites, max(args.pages, args.long))
    articles = json.loads((sites / "akhbarlibya24" / "articles.json").read_text("utf-8"))
    server = ReplicaServer(load_sites(sites)).start()

    def url_file(n: int) -> Path:
        path = Path(tempfile.mkdtemp()) / "urls.txt"
        path.write_text("\n".join("https://akhbarlibya24.net" + a["path"] for a in articles[:n]), "utf-8")
        return path

    urls = url_file(args.pages)
    plain, rendered = crawl(server, urls, False), crawl(server, urls, True)
    for name, run in (("plain", plain), ("rendered", rendered)):
        n = run.stat("item_scraped_count")
        print(
            f"{name:>9}: {n} pages in {run.seconds:.1f} s = {n / run.seconds:.1f} pages/s, "
            f"peak RSS (process tree) {run.peak_mb:.0f} MB"
        )
    print(
        f"rendered/plain: speed {(rendered.stat('item_scraped_count') / rendered.seconds) / (plain.stat('item_scraped_count') / plain.seconds):.2f}x,"
        f" peak memory {rendered.peak_mb / plain.peak_mb:.1f}x"
    )

    server.hits.clear()
    long = crawl(server, url_file(args.long), True)
    server.shutdown()
    # memory once ~100 pages were served, against the highest memory after that
    after_100 = [s for s in long.samples if s[2] >= 100]
    base = after_100[0][1] if after_100 else 0
    later_peak = max((s[1] for s in after_100), default=0)
    print(
        f"long rendered crawl: {long.stat('item_scraped_count')} pages in {long.seconds:.0f} s; tree RSS "
        f"{base:.0f} MB after 100 pages, peak after that {later_peak:.0f} MB "
        f"(+{(later_peak / base - 1) if base else 0:.0%})"
    )


if __name__ == "__main__":
    main()
