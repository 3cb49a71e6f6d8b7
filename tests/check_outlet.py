"""Crawl one outlet's replica and compare every article with the replica's ground truth.

    .venv/bin/python -m tests.check_outlet <outlet> [<outlet> ...]

Prints each missing article and each differing field; exit code 1 when anything differs.
The same comparison runs in tests/test_demo_crawl.py for every outlet.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from libya_news.replica.server import ReplicaServer, load_sites
from tests.conftest import read_jsonl, run_scrapy
from tests.groundtruth import FIELDS, expected_articles


def check(outlet: str, server: ReplicaServer) -> int:
    home = Path(tempfile.mkdtemp(prefix=f"check-{outlet}-"))
    proc = run_scrapy(["crawl", outlet, "-a", "run_id=check", "-s", f"REPLICA_URL={server.url}"], home)
    feed = home / "feeds" / outlet / "check.jsonl"
    got = {a["url"]: a for a in read_jsonl(feed)} if feed.exists() else {}
    problems = 0
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        problems += 1
    for url, want in expected_articles(outlet).items():
        if url not in got:
            print(f"MISSING {url}")
            problems += 1
            continue
        for field in FIELDS:
            if got[url][field] != want[field]:
                print(f"DIFF {field} at {url}\n  got:  {got[url][field]!r}\n  want: {want[field]!r}")
                problems += 1
    extra = set(got) - set(expected_articles(outlet))
    for url in sorted(extra):
        print(f"EXTRA {url} (not an expected article: is it a non-article page?)")
    print(
        f"{outlet}: {len(got)} articles emitted, {len(expected_articles(outlet))} expected, "
        f"{problems} problems; log: {home}"
    )
    warnings = [line for line in proc.stderr.splitlines() if " WARNING: " in line or " ERROR: " in line]
    print("\n".join(warnings[:30]))
    return problems


def main() -> None:
    server = ReplicaServer(load_sites()).start()
    problems = sum(check(outlet, server) for outlet in sys.argv[1:])
    server.shutdown()
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
