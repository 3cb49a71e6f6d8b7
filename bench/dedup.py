"""Dedup stage alone: throughput and peak memory at 100k and 1M synthetic Arabic articles.

    python -m bench.dedup [--sizes 100000,1000000] [--baseline 100000] [--repeat 3]

Each size runs in a fresh process (peak RSS is per process) against a fresh SQLite state: URL check,
content hash, MinHash LSH near-duplicate lookup, insert, and a commit every 500 articles as the
feed batches do, and ends as a crawl does (`finish_run`).
5% of the articles are near-duplicate copies of earlier ones (different intro, footer, a changed
word), so the lookups find something. Prints articles/s, peak RSS and the ratio
time(largest)/time(smallest) (the smaller sizes run --repeat times, around the largest, and their
median time is used: on a shared VM one short run could vary by 20 %), and the same for the
baseline: the same articles through datasketch's MinHash and in-memory MinHashLSH, at --baseline
articles.
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


EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LETTERS = str.maketrans("0123456789abcdef", "سشصضطظعغفقكلمنهو")


def articles(n: int):
    """n synthetic Arabic articles (title, body): four paragraphs of words from the replicas'
    vocabulary, with numbers in Arabic-Indic and ASCII digits and two never-seen words (names) each;
    5% are syndicated copies of a recent one (agency dateline, a footer, one word changed)."""
    vocab = vocabulary()
    rng = random.Random(n)
    recent: list[tuple[str, str]] = []
    for i in range(n):
        if recent and rng.random() < 0.05:
            title, body = rng.choice(recent)
            body = "طرابلس – وكالات\n\n" + body.replace(body.split()[3], rng.choice(vocab), 1) + "\n\nتابعونا"
        else:
            title = " ".join(rng.choices(vocab, k=8))
            paragraphs = [rng.choices(vocab, k=60) for _ in range(4)]
            for words in paragraphs[:2]:
                words[rng.randrange(60)] = str(rng.randrange(1, 3000))
                words[rng.randrange(60)] = str(rng.randrange(1, 100)).translate(EASTERN)
            paragraphs[0][0] = f"ال{i:x}".translate(LETTERS)  # a name never seen before
            paragraphs[3][-1] = f"ب{i * 7:x}".translate(LETTERS)
            body = "\n\n".join(" ".join(words) for words in paragraphs)
            recent = [*recent, (title, body)][-1000:]
        yield i, title, body


def run(n: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from libya_news.extract.normalize import content_hash
    from libya_news.extract.urls import url_id
    from libya_news.neardup import NearDup
    from libya_news.state import StateStore

    nd = NearDup()
    home = Path(tempfile.mkdtemp(prefix=f"dedup-{n}-"))
    store = StateStore(home)
    # Loading the compiled loops (~1 s) is a fixed start-up cost, as opening the store is: neither
    # is timed, so that time(1M)/time(100k) measures how the stage scales with the history.
    nd.band_keys(nd.signature("", " ".join(map(str, range(nd.min_words)))))
    content_hash("", "")
    found = {"url": 0, "exact": 0, "near": 0}
    batch: list[str] = []
    elapsed = 0.0  # the dedup stage only, not the making of synthetic texts
    for i, title, body in articles(n):
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
    store.finish_run("bench", "bench")  # as at the end of a crawl
    elapsed += time.perf_counter() - start
    db_bytes = sum(p.stat().st_size for p in (home / "state").glob("*.sqlite3*"))
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


def run_baseline(n: int) -> dict:
    """The same articles through what one would write with datasketch alone: a set of URLs and one
    of content hashes, datasketch MinHash (128 permutations) over the same word 3-shingles, and an
    in-memory MinHashLSH at the same threshold; candidates verified by estimated Jaccard. No
    persistence, and memory that grows with the history."""
    sys.path.insert(0, str(ROOT))
    from datasketch import MinHash, MinHashLSH

    from libya_news.extract.normalize import normalise_for_dedup
    from libya_news.neardup import NearDup

    nd = NearDup()
    lsh = MinHashLSH(threshold=nd.threshold, num_perm=nd.num_perm)
    urls: set[str] = set()
    hashes: set[str] = set()
    signatures: dict[str, MinHash] = {}
    found = {"url": 0, "exact": 0, "near": 0}
    elapsed = 0.0
    for i, title, body in articles(n):
        start = time.perf_counter()
        url = f"https://outlet{i % 19}.ly/news/{i}"
        words = normalise_for_dedup(f"{title}\n{body}").split()
        digest = hashlib.sha1(" ".join(words).encode()).hexdigest()
        if url in urls:
            found["url"] += 1
        elif digest in hashes:
            found["exact"] += 1
        else:
            m = MinHash(num_perm=nd.num_perm)
            m.update_batch(nd.shingles(words))
            if any(m.jaccard(signatures[c]) >= nd.threshold for c in lsh.query(m)):
                found["near"] += 1
            else:
                lsh.insert(url, m)
                signatures[url] = m
                urls.add(url)
                hashes.add(digest)
        elapsed += time.perf_counter() - start
    return {
        "n": n,
        "seconds": round(elapsed, 1),
        "per_second": round(n / elapsed),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "found": found,
    }


def in_own_process(*args: str) -> dict:
    """Peak RSS is per process: each measurement gets a fresh one."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.dedup", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument(
        "--baseline", type=int, default=100_000, help="articles for the datasketch baseline (0: none)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each size but the largest, one before it and the others after; their median"
        " time is used (a run of 20 s sits within one phase of a shared host's speed, one of 200 s"
        " spans many)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-baseline", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one or args.one_baseline:
        print(json.dumps(run(args.one) if args.one else run_baseline(args.one_baseline)))
        return
    sizes = [int(x) for x in args.sizes.split(",")]
    small = sizes[:-1] * max(args.repeat, 1)
    runs: dict[int, list[dict]] = {n: [] for n in sizes}
    for n in small[: len(sizes) - 1] + sizes[-1:] + small[len(sizes) - 1 :]:
        r = in_own_process("--one", str(n))
        runs[n].append(r)
        print(
            f"ours     {r['n']:>9} articles: {r['seconds']:>8}s  {r['per_second']:>6} articles/s"
            f"  peak RSS {r['peak_rss_mb']} MB  state {r['state_mb']} MB  duplicates found {r['found']}",
            flush=True,
        )
    results = [sorted(runs[n], key=lambda r: r["seconds"])[len(runs[n]) // 2] for n in sizes]
    if len(results) > 1:
        print(
            f"time({results[-1]['n']})/time({results[0]['n']}) = {results[-1]['seconds'] / results[0]['seconds']:.1f}"
            f" (median of {len(runs[sizes[0]])} runs of {sizes[0]}: {results[0]['seconds']}s)"
        )
    if args.baseline:
        b = in_own_process("--one-baseline", str(args.baseline))
        print(
            f"baseline {b['n']:>9} articles: {b['seconds']:>8}s  {b['per_second']:>6} articles/s"
            f"  peak RSS {b['peak_rss_mb']} MB (datasketch MinHash + in-memory MinHashLSH, no state kept)"
            f"  duplicates found {b['found']}",
            flush=True,
        )
        ours = next((r for r in results if r["n"] == b["n"]), None)
        if ours:
            print(
                f"at {b['n']} articles, ours vs the datasketch baseline: throughput"
                f" {ours['per_second'] / b['per_second']:.2f}x, peak RSS {ours['peak_rss_mb'] / b['peak_rss_mb']:.2f}x"
            )


if __name__ == "__main__":
    main()
