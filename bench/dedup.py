"""Dedup stage alone: throughput and peak memory at 100k and 1M synthetic Arabic articles.

    python -m bench.dedup [--sizes 100000,1000000]

Each size runs in a fresh process (peak RSS is per process) against a fresh SQLite state: URL check,
content hash, MinHash LSH near-duplicate lookup, insert, and a commit every 500 articles as the
feed batches do. 5% of the articles are near-duplicate copies of earlier ones (different intro,
footer, a changed word), so the lookups find something. Prints articles/s, peak RSS and the ratio
time(largest)/time(smallest).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def vocabulary() -> list[str]:
    words: set[str] = set()
    for path in (ROOT / "tests" / "sites").glob("*/articles.json"):
        for a in json.loads(path.read_text("utf-8")):
            for p in a.get("paragraphs", []):
                words.update(
                    w for w in p.split() if "<" not in w and any("\u0621" <= c <= "\u064a" for c in w)
                )
    return sorted(words)


def dedup_one(store, nd, article: dict, found: dict, batch: list, home: Path, i: int) -> float:
    """What DedupPipeline does for one article (plus the feed's batch commit); returns the end time."""
    if store.seen(article["id"]):
        found["url"] += 1
    elif store.by_hash(article["content_hash"]):
        found["exact"] += 1
    else:
        sig, nums = nd.fingerprint(article["title"], article["body"])
        keys = nd.band_keys(sig) if sig is not None else []
        if sig is not None and store.near(keys, sig, nums, nd.is_near):
            found["near"] += 1
        else:
            store.add(article, "bench", sig=sig, keys=keys, nums=nums)
            batch.append(article["id"])
            if len(batch) >= 500:
                store.commit_file(home / f"feed-{i}.jsonl", "bench", "bench", list(batch))
                batch.clear()
    return time.perf_counter()


def run(n: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from libya_news.extract.normalize import content_hash
    from libya_news.extract.urls import url_id
    from libya_news.neardup import NearDup
    from libya_news.state import StateStore

    vocab = vocabulary()
    rng = random.Random(n)
    nd = NearDup()
    home = Path(tempfile.mkdtemp(prefix=f"dedup-{n}-"))
    store = StateStore(home)
    recent: list[tuple[str, str]] = []
    found = {"url": 0, "exact": 0, "near": 0}
    batch: list[str] = []
    elapsed = 0.0  # the dedup stage only, not the making of synthetic texts
    for i in range(n):
        if recent and rng.random() < 0.05:  # a syndicated copy of a recent article
            title, body = rng.choice(recent)
            body = "طرابلس – وكالات\n\n" + body.replace(body.split()[3], rng.choice(vocab), 1) + "\n\nتابعونا"
        else:
            title = " ".join(rng.choices(vocab, k=8))
            body = "\n\n".join(" ".join(rng.choices(vocab, k=60)) for _ in range(4))
            recent = [*recent, (title, body)][-1000:]
        start = time.perf_counter()
        url = f"https://outlet{i % 19}.ly/news/{i}"
        article = {
            "id": url_id(url),
            "url": url,
            "outlet": f"outlet{i % 19}",
            "title": title,
            "body": body,
            "content_hash": content_hash(title, body),
            "published_at": "2026-11-20T10:00:00+02:00",
        }
        elapsed += dedup_one(store, nd, article, found, batch, home, i) - start
    start = time.perf_counter()
    if batch:
        store.commit_file(home / "feed-last.jsonl", "bench", "bench", batch)
    store.finish_run("bench", "bench")  # as at the end of a crawl: merges the recent LSH keys
    elapsed += time.perf_counter() - start
    db_bytes = sum(p.stat().st_size for p in (home / "state").glob("state.sqlite3*"))
    store.close()
    shutil.rmtree(home)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "seconds": round(elapsed, 1),
        "per_second": round(n / elapsed),
        "peak_rss_mb": round(peak_mb),
        "state_mb": round(db_bytes / 2**20),
        "found": found,
        "digest": hashlib.sha1(json.dumps(found).encode()).hexdigest()[:8],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one)))
        return
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, "-m", "bench.dedup", "--one", str(n)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = results[-1]
        print(
            f"{r['n']:>9} articles: {r['seconds']:>8}s  {r['per_second']:>6} articles/s  peak RSS {r['peak_rss_mb']} MB"
            f"  state {r['state_mb']} MB  duplicates found {r['found']}",
            flush=True,
        )
    if len(results) > 1:
        print(
            f"time({results[-1]['n']})/time({results[0]['n']}) = {results[-1]['seconds'] / results[0]['seconds']:.1f}"
        )


if __name__ == "__main__":
    main()
