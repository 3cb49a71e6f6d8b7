"""Calibrate near-duplicate shingle size and threshold on the labelled pairs.

    python -m bench.calibrate_dedup

For each shingle size, the exact Jaccard similarity of every labelled pair, then the precision and
recall of "similar >= threshold" over a grid, and finally the full MinHash path (signature
estimate) at the configured setting. The configured values live in libya_news/neardup.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from libya_news.neardup import NearDup

PAIRS = Path(__file__).parents[1] / "tests" / "data" / "dedup"


def load_pairs() -> list[dict]:
    return [
        json.loads(line)
        for p in sorted(PAIRS.glob("pairs_*.jsonl"))
        for line in p.read_text("utf-8").splitlines()
        if line.strip()
    ]


def scores(pairs: list[dict], nd: NearDup) -> list[tuple[int, float | None, str]]:
    """(label, exact Jaccard or None when an item is too short, kind) per pair."""
    out = []
    for p in pairs:
        wa, wb = nd.words(p["a"]["title"], p["a"]["body"]), nd.words(p["b"]["title"], p["b"]["body"])
        if min(len(wa), len(wb)) < nd.min_words:
            out.append((p["label"], None, p["kind"]))
            continue
        sa, sb = nd.shingles(wa), nd.shingles(wb)
        out.append((p["label"], len(sa & sb) / len(sa | sb), p["kind"]))
    return out


def precision_recall(predicted: list[bool], labels: list[int]) -> tuple[float, float]:
    tp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y)
    fp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and not y)
    fn = sum(1 for p, y in zip(predicted, labels, strict=True) if not p and y)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def minhash_predictions(pairs: list[dict], nd: NearDup) -> list[bool]:
    """The production path: LSH band collision, then the signature estimate and the numbers check."""
    out = []
    for p in pairs:
        a, nums_a = nd.fingerprint(p["a"]["title"], p["a"]["body"])
        b, nums_b = nd.fingerprint(p["b"]["title"], p["b"]["body"])
        if a is None or b is None:
            out.append(False)
            continue
        shared_band = bool(set(nd.band_keys(a)) & set(nd.band_keys(b)))
        out.append(shared_band and nd.is_near(a, b, nums_a, nums_b))
    return out


def report(pairs: list[dict], nd: NearDup) -> tuple[float, float, dict[str, str]]:
    """Precision, recall, and the errors by kind, of the production path on the labelled pairs."""
    predicted = minhash_predictions(pairs, nd)
    labels = [p["label"] for p in pairs]
    p, r = precision_recall(predicted, labels)
    errors = {x["id"]: x["kind"] for x, y in zip(pairs, predicted, strict=True) if y != bool(x["label"])}
    return p, r, errors


def main() -> None:
    pairs = load_pairs()
    labels = [p["label"] for p in pairs]
    print(f"{len(pairs)} labelled pairs: {sum(labels)} near-duplicates, {len(labels) - sum(labels)} distinct")
    for k in (2, 3, 4, 5):
        rows = scores(pairs, NearDup(shingle=k))
        pos = sorted(s for y, s, _ in rows if y and s is not None)
        neg = sorted(s for y, s, _ in rows if not y and s is not None)
        print(f"k={k}: positives min {pos[0]:.2f} | negatives max {neg[-1]:.2f}")
        for t in (0.3, 0.4, 0.5, 0.6, 0.7):
            p, r = precision_recall([s is not None and s >= t for _, s, _ in rows], labels)
            print(f"   threshold {t:.1f}: precision {p:.3f} recall {r:.3f}")
    nd = NearDup()
    p, r, errors = report(pairs, nd)
    print(
        f"configured: shingle {nd.shingle}, threshold {nd.threshold} (+ numbers check), {nd.num_perm} perms,"
        f" bands {nd.bands}: MinHash LSH precision {p:.3f} recall {r:.3f}; errors: {errors or 'none'}"
    )


if __name__ == "__main__":
    main()
