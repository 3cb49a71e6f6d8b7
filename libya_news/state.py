"""The SQLite state store under $LIBYA_NEWS_HOME/state/: what was emitted, for dedup and resumption.

Rows are written as *pending* while a run goes and become *committed* only when the feed file that
holds their line is durably finished (see ``feedstorage.py``): a killed run leaves no committed
trace of articles that are not in a finished file, so the next run emits them again, once.
One writer at a time: the store holds an exclusive lock file for its whole life.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import logging
import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from .band_filter import SCHEMA as BAND_FILTER_SCHEMA
from .band_filter import BandFilter
from .checkpoint import Checkpointer
from .lsh_segments import CACHE_MB as INDEX_CACHE_MB
from .lsh_segments import Segments
from .neardup import NearDup, first_near
from .recent_keys import RecentKeys

logger = logging.getLogger(__name__)

# No B-tree index on url_id or content_hash: random hashes inserted a feed batch at a time dirtied
# a page of each index per article once the history outgrew a batch (the commit cost that grew from
# 100k to 1M articles). Both are looked up through the keyed index instead (`url_key`, `hash_key`).
DOCS = """
CREATE TABLE IF NOT EXISTS {name} (
    id INTEGER PRIMARY KEY,
    url_id TEXT NOT NULL,
    url TEXT NOT NULL,
    outlet TEXT NOT NULL,
    kind TEXT NOT NULL,              -- 'article' (emitted) or 'duplicate' (dropped, points at dup_of)
    content_hash TEXT NOT NULL,
    published TEXT,
    modified TEXT,
    dup_of TEXT,
    sig BLOB,
    nums TEXT,                       -- the numbers the text states (near-dup check), space-separated
    run_id TEXT NOT NULL,
    committed INTEGER NOT NULL DEFAULT 0
);
"""
SCHEMA = (
    DOCS.format(name="docs")
    + """
-- only the rows waiting for their feed file: committing a batch must not scan the whole history
CREATE INDEX IF NOT EXISTS docs_pending ON docs(outlet, kind) WHERE committed = 0;
-- The keyed index (LSH band keys, URL and content-hash keys) is in index.sqlite3 (lsh_segments.py),
-- written by sorted merges of the keys kept in memory (StateStore.merge_lsh); docs up to its `upto`
-- are in it, later ones are indexed again from their row when a store opens.
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value);
-- high_water: newest article of the last run that finished (everything before it was emitted);
-- pending_high: newest committed article since; started/finished: run ids, equal unless interrupted.
CREATE TABLE IF NOT EXISTS marks (outlet TEXT PRIMARY KEY, high_water TEXT, pending_high TEXT,
                                  started TEXT, finished TEXT);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, outlet TEXT, run_id TEXT, items INTEGER, finished TEXT);
"""
)

# Stores written before the index had a file of its own: it is built again from the signatures.
LEGACY_INDEX = """
DROP TABLE IF EXISTS lsh;
DROP TABLE IF EXISTS band_filter;
DELETE FROM meta WHERE name = 'lsh_upto';
"""
# Stores whose docs table had a UNIQUE url_id and an index on content_hash: copied into one without.
LEGACY_DOCS = (
    DOCS.format(name="docs_new")
    + """
INSERT INTO docs_new SELECT id, url_id, url, outlet, kind, content_hash, published, modified, dup_of, sig,
    nums, run_id, committed FROM docs;
DROP TABLE docs;
ALTER TABLE docs_new RENAME TO docs;
CREATE INDEX docs_pending ON docs(outlet, kind) WHERE committed = 0;
"""
)
URL_SALT = 0x5A17_0C0D_E0F1_1B1A
HASH_SALT = 0x3C6E_F372_FE94_F82B


def hex_key(digest: str, salt: int) -> int:
    """A signed 64-bit index key (SQLite INTEGER) from a hex digest; the salt keeps the URL and the
    content keys of one digest apart (both are verified against the row anyway)."""
    key = int(digest[:16], 16) ^ salt
    return key - (1 << 64) if key >= 1 << 63 else key


def url_key(url_id: str) -> int:
    return hex_key(url_id, URL_SALT)


def hash_key(content_hash: str) -> int:
    return hex_key(content_hash, HASH_SALT)


# The keys of recent documents wait in memory (``RecentKeys``) and go into a new index segment
# in one sorted merge once there are this many (about 65,000 articles of 31 keys, 160 MB): keys are random,
# so inserting them a feed batch at a time rewrote thousands of scattered B-tree pages per commit.
# Until then, across runs too, they are rebuilt from the stored rows when a store opens
# (``_index_unmerged``: ~25 us an article).
LSH_MERGE_ROWS = 2_000_000
CACHE_MB = 256
MAX_CANDIDATES = 1000  # thousands of flagged copies of one bulletin must not overflow a query


class StateLocked(RuntimeError):
    """Another process holds the state lock (a run is in progress)."""


class StateStore:
    _open: ClassVar[dict[Path, StateStore]] = {}

    def __init__(self, home: Path):
        self.dir = Path(home) / "state"
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / "lock", "a+")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.seek(0)
            holder = self._lock.read().strip() or "another process"
            self._lock.close()
            raise StateLocked(f"state in {self.dir} is locked by {holder}") from None
        self._lock.seek(0)
        self._lock.truncate()
        self._lock.write(f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}\n")
        self._lock.flush()
        self.db = sqlite3.connect(self.dir / "state.sqlite3", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a commit survives power loss: exactly once needs it
        # Bounded whatever the history: 256 MB of pages in all, 64 MB of them for the LSH index's file
        # (lsh_segments.py); the WAL file shrinks back to 64 MB after a large commit.
        self.db.execute(f"PRAGMA cache_size=-{(CACHE_MB - INDEX_CACHE_MB) * 1024}")
        self.db.execute(f"PRAGMA journal_size_limit={64 * 2**20}")
        self.db.executescript(SCHEMA)
        self.db.executescript(LEGACY_INDEX)
        migrated = self._migrate_docs()
        self.recent = RecentKeys()
        self._pending: dict[str, int] = {}  # url_id -> row id of the articles added, not yet committed
        self._last_url: tuple[str | None, int | None] = (None, None)  # (url_id, its row id) last looked up
        self.segments = Segments(self.db, self.dir / "index.sqlite3", rebuild=migrated)
        self.db.execute(BAND_FILTER_SCHEMA)
        self._discard_pending()
        self._check_scheme()
        self.filter = BandFilter.load(self.db) or self._build_filter()
        self._index_unmerged()
        self.segments.synced()
        self.recovered = recover_parts(Path(home) / "feeds", self)
        self._checkpointer = Checkpointer(self.dir / "state.sqlite3")
        self._checkpointer.start()
        # Crawls never close the store: at exit, a compaction still running is waited for and
        # installed (else the index would be rebuilt at the next start).
        atexit.register(self.close)
        self.db.execute("BEGIN")

    @classmethod
    def shared(cls, home: Path) -> StateStore:
        """One store per home per process: crawlall's outlets share it (and its lock)."""
        key = Path(home).resolve()
        if key not in cls._open:
            cls._open[key] = cls(key)
        return cls._open[key]

    def close(self) -> None:
        atexit.unregister(self.close)
        self.db.execute("ROLLBACK") if self.db.in_transaction else None
        self.settle_index()
        self._checkpointer.stop()
        self.db.close()
        self._lock.close()
        self._open.pop(self.dir.parent.resolve(), None)

    def _migrate_docs(self) -> bool:
        """True when the docs table was copied out of the older layout (its index must be rebuilt)."""
        (sql,) = self.db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'docs'"
        ).fetchone()
        if "UNIQUE" not in sql:
            return False
        self.db.executescript(f"BEGIN; DROP INDEX IF EXISTS docs_hash; {LEGACY_DOCS} COMMIT;")
        logger.warning("state: docs table moved to the keyed index (URL and content lookups)")
        return True

    def _discard_pending(self) -> None:
        """Rows a killed run left uncommitted: their articles are in no finished file."""
        n = self.db.execute("SELECT count(*) FROM docs WHERE committed = 0").fetchone()[0]
        if n:
            self.segments.delete_docs("committed = 0")
            self.db.execute("DELETE FROM docs WHERE committed = 0")
            logger.warning("state: discarded %d uncommitted rows left by an interrupted run", n)
        # Freed ids at the end are given out again: they must be indexed again too.
        last = self.db.execute("SELECT coalesce(max(id), 0) FROM docs").fetchone()[0]
        if self.segments.upto > last:
            self.segments.upto = last

    def _check_scheme(self) -> None:
        scheme = NearDup().scheme
        row = self.db.execute("SELECT value FROM meta WHERE name = 'scheme'").fetchone()
        # A store from before schemes were recorded has signatures of an older scheme, if any.
        stored = row[0] if row else "unrecorded"
        if (
            stored != scheme
            and self.db.execute("SELECT 1 FROM docs WHERE sig IS NOT NULL LIMIT 1").fetchone()
        ):
            n = self.db.execute("UPDATE docs SET sig = NULL WHERE sig IS NOT NULL").rowcount
            self.segments.clear()
            self.db.execute("DELETE FROM idx.band_filter")
            logger.warning(
                "state: near-duplicate scheme changed (%s -> %s): %d stored signatures dropped; those"
                " articles are still recognised by URL",
                stored,
                scheme,
                n,
            )
        self.db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('scheme', ?)", (scheme,))

    def _build_filter(self) -> BandFilter:
        """For a new store, or one written before the filter existed: from the indexed keys."""
        band_filter = BandFilter()
        empty = True
        for keys in self.segments.keys():
            band_filter.add(keys)
            empty = False
        if not empty:  # an empty index needs no stored filter: absent means empty
            band_filter.save(self.db)
        return band_filter

    def _index_unmerged(self) -> None:
        """Documents whose keys were still in memory when the last process ended; all of them
        when the index was rebuilt. Merged as they come, so memory stays bounded."""
        band_keys = NearDup().band_keys
        upto, count = self.segments.upto, 0
        query = "SELECT id, url_id, content_hash, kind, sig FROM docs WHERE id > ? ORDER BY id LIMIT 10000"
        while batch := self.db.execute(query, (upto,)).fetchall():
            for doc, url_id, content_hash, kind, blob in batch:
                bands = band_keys(np.frombuffer(blob, dtype=np.uint32)) if blob else []
                self.recent.add(doc, self._keys(url_id, content_hash, kind, bands))
            upto, count = batch[-1][0], count + len(batch)
            self._maintain_index()
        if count and self.segments.rebuilt:
            logger.warning("state: index rebuilt from %d stored documents", count)
        elif count:
            logger.info("state: %d documents indexed again from their stored rows", count)

    def _maintain_index(self) -> None:
        """Between transactions, so that each begins on the index as the last one left it: install
        a finished compaction, merge the recent keys when there are enough (while a compaction
        runs, they wait for it, up to twice as many), start the next compaction."""
        segments, due = self.segments, self.recent.rows >= LSH_MERGE_ROWS
        if due and self.recent.rows >= 2 * LSH_MERGE_ROWS:
            segments.wait()  # memory stays bounded
        if segments.compacted:
            self._transaction(segments.install)
        if due and segments.compaction is None:
            self._transaction(self.merge_lsh)
        segments.synced()
        segments.compact()

    def _transaction(self, work) -> None:
        self.db.execute("BEGIN")
        try:
            work()
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def settle_index(self) -> None:
        """Until no compaction runs or is due (when the store closes; tests), between transactions."""
        active = self.db.in_transaction
        if active:
            self.db.execute("COMMIT")  # rows stay pending (committed = 0) until their feed file is
        while self.segments.compaction is not None:
            self.segments.wait()
            self._maintain_index()
        if active:
            self.db.execute("BEGIN")

    def merge_lsh(self) -> None:
        """Move the recent keys into a new index segment in key order, within the current
        transaction: each page is written once, not once per feed batch."""
        if not self.recent.rows:
            return
        pairs = self.recent.sorted_pairs()
        # The dicts go before the index is written (peak memory); should the merge fail, the store
        # indexes these documents again from their signatures when it next opens.
        self.recent.clear()
        self.segments.add(pairs)
        self.filter.add(pairs[:, 0])
        self.filter.save(self.db)
        self.segments.upto = int(pairs[:, 1].max())

    # -- lookups ---------------------------------------------------------------------------
    @staticmethod
    def _keys(url_id: str, content_hash: str, kind: str, bands: Iterable[int] = ()) -> list[int]:
        """A document's index keys: its URL, its content when it was emitted, its LSH bands."""
        keys = [url_key(url_id), *bands]
        if kind == "article":  # a dropped copy is never what an exact duplicate points at
            keys.append(hash_key(content_hash))
        return keys

    def _docs(self, keys: list[int]) -> list[int]:
        """Documents indexed under any of `keys` (recent ones from memory, the others through the
        filter and the segments): candidates, which the caller checks against their rows."""
        docs = self.recent.docs(keys)
        maybe = [key for key, absent in zip(keys, self.filter.absent(keys), strict=True) if not absent]
        if maybe:
            docs += self.segments.docs(maybe)
        return docs

    def _by_url(self, url_id: str, columns: str) -> tuple | None:
        docs = self._docs([url_key(url_id)])
        row = None
        if docs:
            row = self.db.execute(
                f"SELECT id, {columns} FROM docs WHERE id IN ({','.join('?' * len(docs))}) AND url_id = ?",
                (*docs, url_id),
            ).fetchone()
        self._last_url = (url_id, row[0] if row else None)
        return row[1:] if row else None

    def _url_doc(self, url_id: str) -> int | None:
        """This URL's row id; from the last lookup when it was of this URL (the pipeline asks
        `seen` just before `add`), so an article is not looked up twice."""
        if self._last_url[0] != url_id:
            self._by_url(url_id, "url")
        return self._last_url[1]

    def seen(self, url_id: str) -> dict[str, Any] | None:
        row = self._by_url(url_id, "url, kind, content_hash, modified, committed")
        return (
            dict(zip(("url", "kind", "content_hash", "modified", "committed"), row, strict=True))
            if row
            else None
        )

    def seen_committed(self, url_id: str) -> bool:
        row = self._by_url(url_id, "committed")
        return bool(row and row[0])

    def by_hash(self, content_hash: str) -> str | None:
        docs = self._docs([hash_key(content_hash)])
        if not docs:
            return None
        row = self.db.execute(
            f"SELECT url FROM docs WHERE id IN ({','.join('?' * len(docs))}) AND content_hash = ?"
            " AND kind = 'article' ORDER BY id LIMIT 1",
            (*docs, content_hash),
        ).fetchone()
        return row[0] if row else None

    def near(self, keys: list[int], sig: np.ndarray, nums: frozenset[str], is_near) -> str | None:
        """The first-seen article sharing an LSH band whose signature (and numbers) are near enough."""
        docs = self._docs(keys)
        if not docs:
            return None
        docs = sorted(set(docs))[:MAX_CANDIDATES]  # the first-seen come first
        found = self.db.execute(
            f"SELECT url, sig, nums FROM docs WHERE id IN ({','.join('?' * len(docs))}) ORDER BY id", docs
        )
        return first_near(found, sig, nums, is_near)

    # -- writes ----------------------------------------------------------------------------
    def add(
        self,
        article: dict[str, Any],
        run_id: str,
        kind: str = "article",
        dup_of: str | None = None,
        sig: np.ndarray | None = None,
        keys: Iterable[int] = (),
        nums: frozenset[str] = frozenset(),
    ) -> None:
        blob = sig.tobytes() if sig is not None else None
        numbers = " ".join(sorted(nums)[:64]) or None
        doc = self._url_doc(article["id"])
        if doc is not None:  # an updated article (DEDUP_UPDATES): the row now describes the new content
            self.db.execute(
                "UPDATE docs SET content_hash = ?, modified = ?, sig = ?, nums = ?, committed = 0 WHERE id = ?",
                (article["content_hash"], article.get("modified_at"), blob, numbers, doc),
            )
        else:
            (doc,) = self.db.execute(
                "INSERT INTO docs (url_id, url, outlet, kind, content_hash, published, modified, dup_of, sig,"
                " nums, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                (
                    article["id"],
                    article["url"],
                    article["outlet"],
                    kind,
                    article["content_hash"],
                    article.get("published_at"),
                    article.get("modified_at"),
                    dup_of,
                    blob,
                    numbers,
                    run_id,
                ),
            ).fetchone()
        self._last_url = (article["id"], doc)
        if kind == "article":  # until its feed file commits it
            self._pending[article["id"]] = doc
        self.recent.add(doc, self._keys(article["id"], article["content_hash"], kind, keys))

    def commit_file(self, path: Path, outlet: str, run_id: str, url_ids: list[str]) -> None:
        """The file holding these articles is durably written: they, and this outlet's dropped
        duplicates so far, become committed, atomically."""
        published: list[str] = []
        docs = self._doc_ids(url_ids)
        for i in range(0, len(docs), 500):
            chunk = docs[i : i + 500]
            published += (
                when
                for (when,) in self.db.execute(
                    f"UPDATE docs SET committed = 1 WHERE id IN ({','.join('?' * len(chunk))}) RETURNING published",
                    chunk,
                )
                if when
            )
        self.db.execute(
            "UPDATE docs SET committed = 1 WHERE outlet = ? AND kind = 'duplicate' AND committed = 0",
            (outlet,),
        )
        self._raise_pending_high(outlet, published)
        self.db.execute(
            "INSERT OR REPLACE INTO files (path, outlet, run_id, items, finished) VALUES (?,?,?,?,?)",
            (str(path), outlet, run_id, len(url_ids), datetime.now(UTC).isoformat(timespec="seconds")),
        )
        self._commit_now()

    def file_committed(self, path: Path) -> bool:
        return self.db.execute("SELECT 1 FROM files WHERE path = ?", (str(path),)).fetchone() is not None

    # -- runs and high-water marks ---------------------------------------------------------------
    def _commit_now(self) -> None:
        self.db.execute("COMMIT")
        self._maintain_index()
        self._checkpointer.wake.set()  # copy the WAL into the database off this thread (checkpoint.py)
        self.db.execute("BEGIN")

    def mark(self, outlet: str) -> str | None:
        row = self.db.execute("SELECT high_water FROM marks WHERE outlet = ?", (outlet,)).fetchone()
        return row[0] if row else None

    def last_run_complete(self, outlet: str) -> bool:
        row = self.db.execute("SELECT started, finished FROM marks WHERE outlet = ?", (outlet,)).fetchone()
        return row is None or row[0] is None or row[0] == row[1]

    def start_run(self, outlet: str, run_id: str) -> None:
        self.db.execute(
            "INSERT INTO marks (outlet, started) VALUES (?, ?) "
            "ON CONFLICT(outlet) DO UPDATE SET started = excluded.started",
            (outlet, run_id),
        )
        self._commit_now()

    def finish_run(self, outlet: str, run_id: str) -> None:
        """The run ended normally: what it committed is complete, the high-water mark moves up."""
        row = self.db.execute(
            "SELECT high_water, pending_high FROM marks WHERE outlet = ?", (outlet,)
        ).fetchone()
        high, pending = row if row else (None, None)
        if pending and (high is None or datetime.fromisoformat(pending) > datetime.fromisoformat(high)):
            high = pending
        self.db.execute(
            "UPDATE marks SET high_water = ?, finished = ? WHERE outlet = ?", (high, run_id, outlet)
        )
        self._commit_now()

    def _doc_ids(self, url_ids: list[str]) -> list[int]:
        """Row ids of these articles: known for those added by this process, looked up for others."""
        docs = []
        for url_id in url_ids:
            doc = self._pending.pop(url_id, None)
            if doc is None:
                doc = self._url_doc(url_id)
            if doc is not None:
                docs.append(doc)
        return docs

    def _raise_pending_high(self, outlet: str, published: list[str]) -> None:
        newest = max(map(datetime.fromisoformat, published), default=None)
        if newest is None:
            return
        row = self.db.execute("SELECT pending_high FROM marks WHERE outlet = ?", (outlet,)).fetchone()
        if row and row[0] and datetime.fromisoformat(row[0]) >= newest:
            return
        self.db.execute(
            "INSERT INTO marks (outlet, pending_high) VALUES (?, ?) "
            "ON CONFLICT(outlet) DO UPDATE SET pending_high = excluded.pending_high",
            (outlet, newest.isoformat()),
        )

    def stats(self) -> dict[str, Any]:
        rows = self.db.execute(
            "SELECT kind, committed, count(*) FROM docs GROUP BY kind, committed"
        ).fetchall()
        return json.loads(json.dumps({f"{k}/{'committed' if c else 'pending'}": n for k, c, n in rows}))


def recover_parts(feeds: Path, store: StateStore) -> list[str]:
    """Resolve the .part files a killed run left; returns what was done, one line each."""
    done = []
    for part in sorted(feeds.glob("*/*.part")):
        target = part.with_name(part.name.removesuffix(".part"))
        if store.file_committed(target):
            os.replace(part, target)
            done.append(f"recovered {target} (its articles were committed before the run stopped)")
        else:
            part.unlink()
            done.append(f"removed {part} (unfinished; its articles will be emitted again)")
    for line in done:
        logger.warning("state: %s", line)
    return done


_redis_stores: dict[str, Any] = {}


def open_state(settings: Any) -> Any:
    """The store for these settings: Redis (shared by every worker) when REDIS_URL is set, else the
    local SQLite store under HOME. One instance per process either way."""
    url = settings.get("REDIS_URL")
    if not url:
        return StateStore.shared(settings["HOME"])
    if url not in _redis_stores:
        from .frontier import RedisStateStore

        store = RedisStateStore(url)
        store.recovered = recover_parts(Path(settings["HOME"]) / "feeds", store)
        _redis_stores[url] = store
    return _redis_stores[url]
