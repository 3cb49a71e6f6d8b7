"""Dedup: the labelled near-duplicate set, the state store across runs, Arabic-aware hashing."""

from __future__ import annotations

import numpy as np

from bench.calibrate_dedup import load_pairs, report
from libya_news.band_filter import BandFilter
from libya_news.lsh_segments import TABLE, merge_sql
from libya_news.lsh_segments import rows as insert_rows
from libya_news.neardup import NearDup
from libya_news.recent_keys import RecentKeys
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


def _crash(store: StateStore) -> None:
    """What a killed process leaves: no commit after the last one, the lock released."""
    store.db.close()
    store._lock.close()
    StateStore._open.clear()


def test_near_duplicates_are_found_across_merges_and_crashes(tmp_path, monkeypatch):
    monkeypatch.setattr("libya_news.state.LSH_MERGE_ROWS", 50)  # a merge every other article (29 keys each)
    monkeypatch.setattr("libya_news.lsh_segments.FANOUT", 2)  # two segments of a level make one of the next
    nd = NearDup()
    bodies = [" ".join(f"كلمة{i}_{n}" for i in range(80)) for n in range(9)]
    store = StateStore(tmp_path)
    for n, body in enumerate(bodies):
        sig, nums = nd.fingerprint("عنوان", body)
        store.add(_article(n, body), "r1", sig=sig, keys=nd.band_keys(sig), nums=nums)
        store.commit_file(tmp_path / f"f{n}.jsonl", "alwasat", "r1", [_article(n, body)["id"]])
    # four merges so far: 1+1 -> 2, 1+1 -> 2, 2+2 -> one segment of level 2
    assert store.db.execute("SELECT level, rows FROM lsh_segments").fetchall() == [(2, 8 * 29)]
    assert store.recent.rows == 29  # the last article's keys wait in memory
    _crash(store)
    again = StateStore(tmp_path)  # indexes the unmerged article again from its stored signature
    for n, body in enumerate(bodies):
        sig, nums = nd.fingerprint("عنوان", body + " تابعونا")
        assert again.near(nd.band_keys(sig), sig, nums, nd.is_near) == _article(n, body)["url"]
    assert again.recent.rows == 29
    again.close()


def test_segments_are_merged_in_key_order_without_a_sort(tmp_path, monkeypatch):
    monkeypatch.setattr("libya_news.state.LSH_MERGE_ROWS", 20)  # a merge after every article
    nd = NearDup()
    store = StateStore(tmp_path)
    for n in range(3):
        body = " ".join(f"كلمة{i}_{n}" for i in range(80))
        sig, nums = nd.fingerprint("عنوان", body)
        store.add(_article(n, body), "r1", sig=sig, keys=nd.band_keys(sig), nums=nums)
        store.commit_file(tmp_path / f"f{n}.jsonl", "alwasat", "r1", [_article(n, body)["id"]])
    segments = list(store.segments.levels)
    assert len(segments) == 3
    store.db.execute(TABLE.format("lsh_99"))
    plan = " | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + merge_sql(segments, 99)))
    assert "MERGE (UNION ALL)" in plan and "TEMP B-TREE" not in plan, plan
    store.close()


def test_an_index_left_half_written_is_rebuilt_from_the_signatures(tmp_path, caplog):
    nd, body, sig, nums, store = _store_with_one_merged_article(tmp_path)
    store._commit_now()
    (tmp_path / "state" / "index.sqlite3-writing").touch()  # as when a run stops during a merge
    _crash(store)
    again = StateStore(tmp_path)
    assert "near-duplicate index rebuilt from 1 stored signatures" in caplog.text
    assert again.near(nd.band_keys(sig), sig, nums, nd.is_near) == _article(1, body)["url"]
    assert not (tmp_path / "state" / "index.sqlite3-writing").exists()
    again.close()


def test_a_store_from_before_the_index_file_is_indexed_again(tmp_path):
    nd, body, sig, nums, store = _store_with_one_merged_article(tmp_path)
    store._commit_now()
    store.db.execute("CREATE TABLE lsh (key INTEGER, doc INTEGER)")  # the index as it was kept then
    store._commit_now()
    store.close()
    (tmp_path / "state" / "index.sqlite3").unlink()
    again = StateStore(tmp_path)
    assert not again.db.execute("SELECT 1 FROM main.sqlite_master WHERE name = 'lsh'").fetchone()
    assert again.near(nd.band_keys(sig), sig, nums, nd.is_near) == _article(1, body)["url"]
    again.close()


def test_recent_keys_come_out_complete_and_in_key_order():
    recent = RecentKeys()
    expected = set()
    for doc in range(300):
        keys = [(doc * 7919 + i * 104729) % 2**61 - 2**60 for i in range(29)] + [doc % 11]  # shared keys
        recent.add(doc, keys)
        expected |= {(k, doc) for k in keys}
    assert recent.rows == len(expected)
    assert set(recent.docs([3, 4])) == {d for d in range(300) if d % 11 in (3, 4)}
    for per_row, chunk in ((1, 100_000), (100, 1_000), (7, 50)):
        rows = [
            pair
            for t in insert_rows(recent.sorted_pairs(), per_row, chunk)
            for pair in zip(t[0::2], t[1::2], strict=True)
        ]
        assert rows == sorted(expected), (per_row, chunk)


def _store_with_one_merged_article(tmp_path):
    nd = NearDup()
    body = " ".join(f"كلمة{i}" for i in range(80))
    sig, nums = nd.fingerprint("عنوان", body)
    store = StateStore(tmp_path)
    store.add(_article(1, body), "r1", sig=sig, keys=nd.band_keys(sig), nums=nums)
    store.commit_file(tmp_path / "f.jsonl", "alwasat", "r1", [_article(1, body)["id"]])
    store.merge_lsh()  # into the SQLite index (and its band filter)
    return nd, body, sig, nums, store


def test_signatures_of_another_scheme_are_dropped_not_compared(tmp_path, caplog):
    nd, body, sig, nums, store = _store_with_one_merged_article(tmp_path)
    store.db.execute("UPDATE meta SET value = 'minhash64-old' WHERE name = 'scheme'")
    store._commit_now()
    store.close()
    again = StateStore(tmp_path)
    assert "near-duplicate scheme changed (minhash64-old" in caplog.text
    assert again.near(nd.band_keys(sig), sig, nums, nd.is_near) is None
    assert again.seen(_article(1, body)["id"])  # still known by URL
    again.close()


def test_band_filter_never_hides_a_key_and_rules_out_most_others():
    rng = np.random.default_rng(7)
    stored = rng.integers(-(2**63), 2**63 - 1, size=200_000, dtype=np.int64)
    band_filter = BandFilter()
    band_filter.add(stored)
    assert not any(band_filter.absent(stored.tolist()))
    others = rng.integers(-(2**63), 2**63 - 1, size=20_000, dtype=np.int64).tolist()
    assert sum(band_filter.absent(others)) > 0.99 * len(others)


def test_a_store_without_a_band_filter_builds_it_from_the_index(tmp_path):
    nd, body, sig, nums, store = _store_with_one_merged_article(tmp_path)
    store.db.execute("DELETE FROM band_filter")  # as written before the filter existed
    store._commit_now()
    store.close()
    again = StateStore(tmp_path)
    assert again.recent.rows == 0  # the article is only in the SQLite index
    assert again.near(nd.band_keys(sig), sig, nums, nd.is_near) == _article(1, body)["url"]
    assert BandFilter.load(again.db) is not None
    again.close()
