"""Dedup: the labelled near-duplicate set, the state store across runs, Arabic-aware hashing."""

from __future__ import annotations

from bench.calibrate_dedup import load_pairs, report
from libya_news.neardup import NearDup
from libya_news.state import StateLocked, StateStore


def test_labelled_set_is_big_and_mixed():
    pairs = load_pairs()
    assert len(pairs) >= 100
    assert {p["lang"] for p in pairs} == {"ar", "en"}
    kinds = {p["kind"] for p in pairs}
    assert {
        "syndicated",
        "aggregator",
        "light_edit",
        "update",
        "same_event",
        "template_bulletin",
        "short",
    } <= kinds


def test_near_duplicate_precision_and_recall_on_the_labelled_set():
    """The production path (LSH candidates, signature estimate, numbers check) at the configured
    shingle size and threshold; calibrate with `python -m bench.calibrate_dedup`."""
    precision, recall, errors = report(load_pairs(), NearDup())
    assert precision >= 0.98, errors
    assert recall >= 0.95, errors


def test_short_items_are_left_to_exact_dedup():
    assert NearDup().signature("عاجل", "المجلس الرئاسي يصدر بيانا بشأن الانتخابات البلدية") is None


def _article(n: int, text: str, outlet: str = "alwasat") -> dict:
    return {
        "id": f"{n:040x}",
        "url": f"https://alwasat.ly/news/libya/{n}",
        "outlet": outlet,
        "content_hash": f"{n:040x}",
        "published_at": "2026-11-20T10:00:00+02:00",
        "title": "t",
        "body": text,
    }


def test_state_is_locked_pending_until_committed_and_discarded_after_a_crash(tmp_path):
    store = StateStore(tmp_path)
    try:
        StateStore(tmp_path)
        raise AssertionError("a second store on the same home must be refused")
    except StateLocked as e:
        assert "locked by pid" in str(e)
    nd = NearDup()
    body = " ".join(f"كلمة{i}" for i in range(80))
    sig, nums = nd.fingerprint("عنوان", body)
    store.add(_article(1, body), "r1", sig=sig, keys=nd.band_keys(sig), nums=nums)
    assert store.seen(_article(1, body)["id"]) and not store.seen_committed(_article(1, body)["id"])
    assert store.near(nd.band_keys(sig), sig, nums, nd.is_near) == "https://alwasat.ly/news/libya/1"
    store.db.close()
    store._lock.close()  # a crash: no commit, lock released by the process ending
    StateStore._open.clear()
    again = StateStore(tmp_path)
    assert again.seen(_article(1, body)["id"]) is None
    again.add(_article(2, body), "r2", sig=sig, keys=nd.band_keys(sig), nums=nums)
    again.commit_file(tmp_path / "f.jsonl", "alwasat", "r2", [_article(2, body)["id"]])
    assert again.seen_committed(_article(2, body)["id"]) and again.file_committed(tmp_path / "f.jsonl")
    again.close()
