"""Dedup: the labelled near-duplicate set, the state store across runs, Arabic-aware hashing."""

from __future__ import annotations

import atexit
import json
import sqlite3
import subprocess
import sys

import numpy as np
import pytest

from bench.calibrate_dedup import load_pairs, report
from libya_news.band_filter import BandFilter
from libya_news.extract.normalize import content_hash
from libya_news.extract.urls import url_id
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
    atexit.unregister(store.close)
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
    atexit.unregister(store.close)


@pytest.mark.parametrize("settle_each", [True, False])
def test_near_duplicates_are_found_across_merges_and_crashes(tmp_path, monkeypatch, settle_each):
    """settle_each: every compaction installed before the next article (a fixed shape); else as a
    crawl goes, merges waiting while a compaction runs."""
    # a merge every other article (31 keys each: 29 bands, its URL, its content)
    monkeypatch.setattr("libya_news.state.LSH_MERGE_ROWS", 50)
    monkeypatch.setattr("libya_news.lsh_segments.FANOUT", 2)  # two segments of a level make one of the next
    nd = NearDup()
    bodies = [" ".join(f"كلمة{i}_{n}" for i in range(80)) for n in range(9)]
    store = StateStore(tmp_path)
    for n, body in enumerate(bodies):
        sig, nums = nd.fingerprint("عنوان", body)
        store.add(_article(n, body), "r1", sig=sig, keys=nd.band_keys(sig), nums=nums)
        store.commit_file(tmp_path / f"f{n}.jsonl", "alwasat", "r1", [_article(n, body)["id"]])
        if settle_each:
            store.settle_index()
    store.settle_index()  # compactions run on a thread: wait for them, as closing does
    segments = store.db.execute("SELECT level, rows FROM lsh_segments").fetchall()
    levels = [level for level, _ in segments]
    assert max(levels) >= 1 and all(levels.count(level) < 2 for level in levels), segments
    assert sum(rows for _, rows in segments) + store.recent.rows == 9 * 31  # every key once
    if settle_each:  # four merges: 1+1 -> 2, 1+1 -> 2, 2+2 -> one segment of level 2
        assert segments == [(2, 8 * 31)] and store.recent.rows == 31
    waiting = store.recent.rows
    _crash(store)
    again = StateStore(tmp_path)  # indexes the unmerged articles again from their stored rows
    for n, body in enumerate(bodies):
        sig, nums = nd.fingerprint("عنوان", body + " تابعونا")
        assert again.near(nd.band_keys(sig), sig, nums, nd.is_near) == _article(n, body)["url"]
    assert again.recent.rows == waiting
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
    store.db.execute(TABLE.format("idx.lsh_99"))
    plan = " | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + merge_sql(segments, 99)))
    assert "MERGE (UNION ALL)" in plan and "TEMP B-TREE" not in plan, plan
    store.close()


def test_an_index_left_half_written_is_rebuilt_from_the_signatures(tmp_path, caplog):
    nd, body, sig, nums, store = _store_with_one_merged_article(tmp_path)
    store._commit_now()
    (tmp_path / "state" / "index.sqlite3-writing").touch()  # as when a run stops during a merge
    _crash(store)
    again = StateStore(tmp_path)
    assert "index rebuilt from 1 stored documents" in caplog.text
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


def _real(n: int, body: str, outlet: str = "alwasat") -> dict:
    """An article with a real URL hash and content hash (the keyed index reads their first 64 bits)."""
    url = f"https://alwasat.ly/news/libya/{n}"
    return {**_article(n, body, outlet), "id": url_id(url), "content_hash": content_hash("t", body)}


def test_urls_and_contents_are_found_in_memory_in_segments_and_after_a_crash(tmp_path, monkeypatch):
    monkeypatch.setattr("libya_news.state.LSH_MERGE_ROWS", 2)  # a merge after every article (2 keys)
    bodies = [f"خبر رقم {n} عن المجلس البلدي" for n in range(4)]  # too short for a signature
    store = StateStore(tmp_path)
    for n, body in enumerate(bodies[:3]):
        store.add(_real(n, body), "r1")
        store.commit_file(tmp_path / f"f{n}.jsonl", "alwasat", "r1", [_real(n, body)["id"]])
    copy = {**_real(9, bodies[0]), "url": "https://libyaakhbar.com/copy"}
    store.add(copy, "r1", kind="duplicate", dup_of=_real(0, bodies[0])["url"])
    store.add(_real(3, bodies[3]), "r1")  # pending: its keys only in memory
    assert len(store.segments.levels) == 3 and store.recent.rows == 3  # the copy has its URL key only
    for n, body in enumerate(bodies):
        assert store.seen(_real(n, body)["id"])["url"] == _real(n, body)["url"]
        assert store.by_hash(_real(n, body)["content_hash"]) == _real(n, body)["url"]
    assert store.seen(copy["id"])["kind"] == "duplicate"
    assert store.seen(_real(5, "")["id"]) is None and store.by_hash(_real(5, "x")["content_hash"]) is None
    store.commit_file(tmp_path / "f3.jsonl", "alwasat", "r1", [_real(3, bodies[3])["id"]])
    store.add(_real(4, "لم يكتمل"), "r1")
    _crash(store)
    again = StateStore(tmp_path)
    assert [again.seen_committed(_real(n, body)["id"]) for n, body in enumerate(bodies)] == [True] * 4
    assert again.by_hash(_real(3, bodies[3])["content_hash"]) == _real(3, bodies[3])["url"]
    assert again.seen(_real(4, "لم يكتمل")["id"]) is None  # discarded with its uncommitted row
    again.close()


def test_an_updated_article_keeps_one_row_found_by_its_new_content(tmp_path):
    store = StateStore(tmp_path)
    old, new = _real(1, "النص الأول للخبر"), _real(1, "النص المحدث للخبر")
    store.add(old, "r1")
    store.commit_file(tmp_path / "f1.jsonl", "alwasat", "r1", [old["id"]])
    store.merge_lsh()
    store.add({**new, "modified_at": "2026-11-21T09:00:00+02:00"}, "r2")
    assert store.db.execute("SELECT count(*) FROM docs").fetchone()[0] == 1
    assert store.seen(new["id"])["content_hash"] == new["content_hash"]
    assert store.by_hash(new["content_hash"]) == new["url"] and store.by_hash(old["content_hash"]) is None
    store.close()


OLD_DOCS = """
CREATE TABLE docs (id INTEGER PRIMARY KEY, url_id TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
    outlet TEXT NOT NULL, kind TEXT NOT NULL, content_hash TEXT NOT NULL, published TEXT, modified TEXT,
    dup_of TEXT, sig BLOB, nums TEXT, run_id TEXT NOT NULL, committed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX docs_hash ON docs(content_hash);
CREATE INDEX docs_pending ON docs(outlet, kind) WHERE committed = 0;
CREATE TABLE meta (name TEXT PRIMARY KEY, value);
"""


def test_a_store_with_url_and_hash_indexes_is_moved_to_the_keyed_index(tmp_path, caplog):
    nd = NearDup()
    body = " ".join(f"كلمة{i}" for i in range(80))
    sig, nums = nd.fingerprint("t", body)
    article = _real(1, body)
    (tmp_path / "state").mkdir()
    db = sqlite3.connect(tmp_path / "state" / "state.sqlite3")
    db.executescript(OLD_DOCS)
    db.execute(
        "INSERT INTO docs (url_id, url, outlet, kind, content_hash, sig, nums, run_id, committed)"
        " VALUES (?, ?, 'alwasat', 'article', ?, ?, ?, 'r0', 1)",
        (article["id"], article["url"], article["content_hash"], sig.tobytes(), " ".join(nums) or None),
    )
    db.execute("INSERT INTO meta VALUES ('scheme', ?)", (nd.scheme,))
    db.commit()
    db.close()
    store = StateStore(tmp_path)
    assert "docs table moved to the keyed index" in caplog.text
    (sql,) = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'docs'").fetchone()
    assert "UNIQUE" not in sql
    assert not store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'docs_hash'").fetchone()
    assert store.seen_committed(article["id"]) and store.by_hash(article["content_hash"]) == article["url"]
    assert store.near(nd.band_keys(sig), sig, nums, nd.is_near) == article["url"]
    store.close()


def test_an_index_of_another_format_is_rebuilt(tmp_path, caplog):
    _, body, _, _, store = _store_with_one_merged_article(tmp_path)
    store.db.execute("UPDATE idx.meta SET value = 'bands' WHERE name = 'format'")  # as before URL keys
    store._commit_now()
    store.close()
    again = StateStore(tmp_path)
    assert "index rebuilt from 1 stored documents" in caplog.text
    assert again.seen(_article(1, body)["id"])
    again.close()


def test_a_band_filter_of_another_size_is_built_again(tmp_path):
    nd, body, sig, nums, store = _store_with_one_merged_article(tmp_path)
    store.db.execute("DELETE FROM band_filter WHERE chunk >= 32")  # as saved when it was 32 MB
    store._commit_now()
    store.close()
    again = StateStore(tmp_path)
    assert again.near(nd.band_keys(sig), sig, nums, nd.is_near) == _article(1, body)["url"]
    assert BandFilter.load(again.db) is not None
    again.close()


def _two_short_articles(store: StateStore, tmp_path) -> list[dict]:
    """Two committed articles, a merge after each (two keys: URL and content), so that with
    FANOUT 2 their segments are due for a compaction."""
    articles = [_real(n, f"خبر قصير رقم {n}") for n in range(2)]
    for n, article in enumerate(articles):
        store.add(article, "r1")
        store.commit_file(tmp_path / f"f{n}.jsonl", "alwasat", "r1", [article["id"]])
    return articles


def test_a_store_stopped_before_a_compaction_is_installed_rebuilds_its_index(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr("libya_news.state.LSH_MERGE_ROWS", 2)
    monkeypatch.setattr("libya_news.lsh_segments.FANOUT", 2)
    store = StateStore(tmp_path)
    articles = _two_short_articles(store, tmp_path)
    assert store.segments.compaction is not None  # started after the second merge
    store.segments.wait()  # finished and committed to the index file, not installed
    assert (tmp_path / "state" / "index.sqlite3-writing").exists()
    _crash(store)
    again = StateStore(tmp_path)
    assert "index rebuilt from 2 stored documents" in caplog.text
    assert all(again.seen_committed(a["id"]) and again.by_hash(a["content_hash"]) for a in articles)
    again.close()


def test_a_failed_compaction_is_logged_and_its_segments_stay_in_use(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr("libya_news.state.LSH_MERGE_ROWS", 2)
    monkeypatch.setattr("libya_news.lsh_segments.FANOUT", 2)
    monkeypatch.setattr("libya_news.lsh_segments.merge_sql", lambda *a: "INSERT INTO nowhere VALUES (1)")
    store = StateStore(tmp_path)
    articles = _two_short_articles(store, tmp_path)
    store.settle_index()
    assert "index compaction of segments [1, 2] failed: no such table: nowhere" in caplog.text
    assert caplog.text.count("index compaction of segments") == 1  # not retried until the next merge
    assert sorted(store.segments.levels.values()) == [0, 0]
    assert all(store.seen_committed(a["id"]) and store.by_hash(a["content_hash"]) for a in articles)
    store.close()
    assert not (tmp_path / "state" / "index.sqlite3-writing").exists()


AT_EXIT = """
import sys
import libya_news.lsh_segments, libya_news.state
from libya_news.state import StateStore
libya_news.state.LSH_MERGE_ROWS = 2
libya_news.lsh_segments.FANOUT = 2
store = StateStore(sys.argv[1])
for n, article in enumerate(__import__("json").loads(sys.argv[2])):
    store.add(article, "r1")
    store.commit_file(store.dir / f"f{n}.jsonl", "alwasat", "r1", [article["id"]])
assert store.segments.compaction is not None
"""  # and the process ends without closing the store, as a crawl does


def test_a_compaction_running_when_a_crawl_ends_is_installed(tmp_path, caplog):
    articles = [_real(n, f"خبر قصير رقم {n}") for n in range(2)]
    subprocess.run([sys.executable, "-c", AT_EXIT, str(tmp_path), json.dumps(articles)], check=True)
    assert not (tmp_path / "state" / "index.sqlite3-writing").exists()
    store = StateStore(tmp_path)
    assert "rebuilt" not in caplog.text
    assert sorted(store.segments.levels.values()) == [1]  # the two merged segments, installed
    assert all(store.seen_committed(a["id"]) for a in articles)
    store.close()
