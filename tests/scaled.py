"""Grow a replica to any size with synthetic articles, for incremental, crash and memory tests.

The copy keeps the outlet's templates, routes and URL scheme; the texts are random draws from the
outlet's own vocabulary, so no two synthetic articles are near-duplicates of each other.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from tests.groundtruth import SITES

PATHS = {
    "alwasat": lambda a: f"/news/{a['section']}/{a['id']}",
    "akhbarlibya24": lambda a: f"/{a['published'][:10].replace('-', '/')}/{quote('خبر-' + str(a['id']))}/",
    "libyaherald": lambda a: f"/{a['published'][:7].replace('-', '/')}/synthetic-story-{a['id']}/",
    "libyaobserver": lambda a: f"/news/synthetic-story-{a['id']}",
}


def synthetic_articles(
    outlet: str, n: int, start_id: int = 900000, newest: datetime | None = None, seed: int = 0
) -> list[dict]:
    source = json.loads((SITES / outlet / "articles.json").read_text("utf-8"))
    real = [
        a
        for a in source
        if a.get("published") and not a.get("status") and not a.get("raw") and not a.get("template")
    ]
    vocab = sorted({w for a in real for p in a["paragraphs"] for w in p.split() if "<" not in w})
    rng = random.Random(seed)
    newest = newest or datetime.fromisoformat("2026-11-28T12:00:00+02:00")
    out = []
    for i in range(n):
        model = real[i % len(real)]
        a = {
            "id": start_id + i,
            "title": " ".join(rng.choices(vocab, k=9)),
            "summary": " ".join(rng.choices(vocab, k=18)),
            "paragraphs": [" ".join(rng.choices(vocab, k=45)) for _ in range(4)],
            "authors": model.get("authors", []),
            "published": (newest - timedelta(minutes=37 * i)).isoformat(),
            "section": model.get("section"),
            "tags": model.get("tags", []),
            "image": model.get("image"),
            "jsonld": model.get("jsonld", True),
        }
        a["path"] = PATHS[outlet](a)
        out.append(a)
    return out


def scaled_site(outlet: str, dest_root: Path, n: int, **kwargs) -> Path:
    """A copy of the outlet's replica under dest_root/<outlet> holding n synthetic articles."""
    dest = dest_root / outlet
    shutil.copytree(SITES / outlet, dest, dirs_exist_ok=True)
    (dest / "articles.json").write_text(
        json.dumps(synthetic_articles(outlet, n, **kwargs), ensure_ascii=False), "utf-8"
    )
    return dest


def add_articles(site_dir: Path, articles: list[dict]) -> None:
    path = site_dir / "articles.json"
    current = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps(current + articles, ensure_ascii=False), "utf-8")
