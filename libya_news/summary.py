"""The run summary: per outlet what was fetched, kept, dropped and how complete it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .pipelines.coverage import OPTIONAL_FIELDS

P = "libya_news/"


def outlet_summary(name: str, stats: dict[str, Any]) -> dict[str, Any]:
    articles = int(stats.get("item_scraped_count", 0))
    counted = int(stats.get(P + "coverage/articles", 0)) or 1
    prefix = P + "dropped/"
    failed_routes = sorted(
        k.split("/")[2] for k in stats if k.startswith(P + "discovery/") and k.endswith("/failed")
    )
    # Scrapy's log_count/ERROR counts every crawler's log lines in the process: count our own.
    errors = sum(
        int(v)
        for k, v in stats.items()
        if k.startswith((P + "articles/fetch_failed/", P + "errors/", P + "articles/extract_error"))
    )
    fetch_failed = {
        k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith(P + "articles/fetch_failed/")
    }
    summary = {
        "outlet": name,
        "requests": int(stats.get("downloader/request_count", 0)),
        "articles": articles,
        "dropped": {k[len(prefix) :]: v for k, v in stats.items() if k.startswith(prefix)},
        "duplicates": {k: int(stats.get(P + f"duplicates/{k}", 0)) for k in ("url", "exact", "near")},
        "skipped": {
            k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith(P + "articles/skipped/")
        },
        "fetch_failed": fetch_failed,
        "failed_routes": failed_routes,
        "errors": errors,
        "coverage": {f: round(stats.get(P + f"coverage/{f}", 0) / counted, 2) for f in OPTIONAL_FIELDS},
        "finish_reason": stats.get("finish_reason"),
        "stats": {k[len(P) :]: v for k, v in sorted(stats.items()) if k.startswith(P)},
        "status_counts": {
            k.rsplit("/", 1)[1]: v
            for k, v in stats.items()
            if k.startswith("downloader/response_status_count/")
        },
    }
    summary["problems"] = problems(summary, stats)
    summary["healthy"] = not summary["problems"]
    return summary


def problems(summary: dict[str, Any], stats: dict[str, Any]) -> list[str]:
    """Why an outlet's run is not healthy; empty when it is. A run that found nothing new is fine."""
    found = []
    if summary["finish_reason"] != "finished":
        found.append(f"finished with {summary['finish_reason']}")
    if stats.get(P + "discovery/all_failed"):
        found.append("every discovery route failed")
    if stats.get("feedexport/failed_count/AtomicFileFeedStorage"):
        found.append("feed file could not be written")
    extracted = sum(v for k, v in stats.items() if k.startswith(P + "articles/via/"))
    kept = summary["articles"] + sum(summary["duplicates"].values())
    if extracted >= 3 and kept == 0:
        found.append(f"{extracted} article pages fetched but no article kept (layout change?)")
    if stats.get(P + "articles/extract_error", 0) >= 3:
        found.append(f"{stats[P + 'articles/extract_error']} extraction errors")
    return found


def render_table(rows: list[dict[str, Any]]) -> str:
    head = f"{'outlet':<16}{'requests':>9}{'articles':>9}{'dropped':>9}{'dups':>6}{'errors':>7}  coverage (authors/section/tags/image/modified)  status"
    lines = [head, "-" * len(head)]
    for r in rows:
        c = r["coverage"]
        cov = "/".join(f"{c[f]:.0%}" for f in ("authors", "section", "tags", "image_url", "modified_at"))
        dropped = sum(r["dropped"].values())
        dups = sum(r["duplicates"].values())
        status = "ok" if r["healthy"] else "FAILED"
        lines.append(
            f"{r['outlet']:<16}{r['requests']:>9}{r['articles']:>9}{dropped:>9}"
            f"{dups:>6}{r['errors']:>7}  {cov:<47}  {status}"
        )
        if r["dropped"]:
            lines.append(
                f"{'':<16}dropped: " + ", ".join(f"{k}={v}" for k, v in sorted(r["dropped"].items()))
            )
    return "\n".join(lines)


def write_summary(path: Path, run_id: str, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"run_id": run_id, "healthy": all(r["healthy"] for r in rows), "outlets": rows}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
