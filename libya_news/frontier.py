"""Scale out: with REDIS_URL set, several crawl processes (on several hosts) share one frontier.

The add-on switches the scheduler queue and request dupefilter to scrapy-redis (each request is
fetched by one worker, once) and the article state to ``RedisStateStore`` (each story emitted once
across workers). Spiders keep seeding from their own async ``start()``: scrapy-redis's RedisSpider
relies on ``start_requests``, which Scrapy >= 2.16 no longer calls.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

import numpy as np

from .neardup import first_near

logger = logging.getLogger(__name__)

PENDING_TTL = 6 * 3600  # a worker that dies leaves pending entries that expire: those stories come back


class RedisFrontier:
    """Scrapy add-on (ADDONS): only acts when REDIS_URL is set."""

    def update_settings(self, settings) -> None:
        if not settings.get("REDIS_URL"):
            return
        frontier = settings.get("FRONTIER_ID", "default")  # one id per coordinated run of the workers
        settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="addon")
        settings.set(
            "SCHEDULER_PERSIST", True, priority="addon"
        )  # the first worker to finish must not wipe it
        settings.set("SCHEDULER_QUEUE_KEY", f"libya_news:{frontier}:%(spider)s:requests", priority="addon")
        settings.set(
            "SCHEDULER_DUPEFILTER_KEY", f"libya_news:{frontier}:%(spider)s:dupefilter", priority="addon"
        )


class RedisStateStore:
    """The StateStore interface over Redis, shared by every worker of every host."""

    def __init__(self, url: str, prefix: str = "libya_news:state"):
        import redis

        self.recovered: list[str] = []
        self.r = redis.Redis.from_url(url)
        self.p = prefix

    def _k(self, *parts: str) -> str:
        return ":".join((self.p, *parts))

    def close(self) -> None:
        self.r.close()

    def seen(self, url_id: str) -> dict[str, Any] | None:
        row = self.r.hmget(self._k("doc", url_id), "url", "kind", "content_hash", "modified", "committed")
        if row[0] is None:
            return None
        names = ("url", "kind", "content_hash", "modified", "committed")
        out = {k: v.decode() if isinstance(v, bytes) else v for k, v in zip(names, row, strict=True)}
        out["committed"] = out["committed"] == "1"
        return out

    def seen_committed(self, url_id: str) -> bool:
        return self.r.hget(self._k("doc", url_id), "committed") == b"1"

    def by_hash(self, content_hash: str) -> str | None:
        url = self.r.get(self._k("hash", content_hash))
        return url.decode() if url else None

    def near(self, keys: list[int], sig: np.ndarray, nums: frozenset[str], is_near) -> str | None:
        ids = self.r.sunion([self._k("lsh", str(k)) for k in keys]) if keys else set()
        candidates = []
        for doc in ids:
            url, blob, their_nums, order = self.r.hmget(
                self._k("doc", doc.decode()), "url", "sig", "nums", "order"
            )
            if url and blob:
                candidates.append((float(order or 0), url.decode(), blob, their_nums))
        found = ((url, blob, (their or b"").decode()) for _, url, blob, their in sorted(candidates))
        return first_near(found, sig, nums, is_near)  # the first seen wins

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
        key = self._k("doc", article["id"])
        fields = {
            "url": article["url"],
            "outlet": article["outlet"],
            "kind": kind,
            "run_id": run_id,
            "content_hash": article["content_hash"],
            "modified": article.get("modified_at") or "",
            "published": article.get("published_at") or "",
            "committed": "0",
            "order": time.time(),
            "nums": " ".join(sorted(nums)[:64]),
            "dup_of": dup_of or "",
        }
        if sig is not None:
            fields["sig"] = sig.tobytes()
        pipe = self.r.pipeline()
        pipe.hset(key, mapping=fields)
        pipe.expire(key, PENDING_TTL)
        if kind == "article":
            pipe.set(self._k("hash", article["content_hash"]), article["url"], nx=True, ex=PENDING_TTL)
        for k in keys:
            pipe.sadd(self._k("lsh", str(k)), article["id"])
        pipe.sadd(self._k("pending", article["outlet"]), article["id"])
        pipe.execute()

    def commit_file(self, path, outlet: str, run_id: str, url_ids: list[str]) -> None:
        pipe = self.r.pipeline()
        for url_id in url_ids:
            key = self._k("doc", url_id)
            pipe.hset(key, "committed", "1")
            pipe.persist(key)
            pipe.srem(self._k("pending", outlet), url_id)
        for url_id in url_ids:
            pipe.hmget(self._k("doc", url_id), "content_hash", "published")
        fields = [r for r in pipe.execute() if isinstance(r, list)]  # one round trip for the batch
        pipe = self.r.pipeline()
        for content_hash, _ in fields:  # content hashes of committed articles stay for good
            if content_hash:
                pipe.persist(self._k("hash", content_hash.decode()))
        pipe.execute()
        newest = max((published.decode() for _, published in fields if published), default=None)
        if newest:
            current = self.r.hget(self._k("mark", outlet), "pending_high")
            if current is None or newest > current.decode():
                self.r.hset(self._k("mark", outlet), "pending_high", newest)
        self.r.sadd(self._k("files"), str(path))

    def file_committed(self, path) -> bool:
        return bool(self.r.sismember(self._k("files"), str(path)))

    def mark(self, outlet: str) -> str | None:
        value = self.r.hget(self._k("mark", outlet), "high_water")
        return value.decode() if value else None

    def last_run_complete(self, outlet: str) -> bool:
        started, finished = self.r.hmget(self._k("mark", outlet), "started", "finished")
        return started is None or started == finished

    def start_run(self, outlet: str, run_id: str) -> None:
        self.r.hset(self._k("mark", outlet), "started", run_id)

    def finish_run(self, outlet: str, run_id: str) -> None:
        pending = self.r.hget(self._k("mark", outlet), "pending_high")
        if pending:
            high = self.mark(outlet)
            if high is None or pending.decode() > high:
                self.r.hset(self._k("mark", outlet), "high_water", pending.decode())
        self.r.hset(self._k("mark", outlet), "finished", run_id)


class FrontierIdle:
    """Keep a worker alive while the shared frontier still has work, or while other workers that
    may add to it are alive (heartbeats in Redis), instead of closing at the first empty moment."""

    def __init__(self, crawler):
        from scrapy import signals

        self.crawler = crawler
        settings = crawler.settings
        import redis

        self.r = redis.Redis.from_url(settings["REDIS_URL"])
        self.frontier = settings.get("FRONTIER_ID", "default")
        self.max_idle = settings.getfloat("FRONTIER_MAX_IDLE", 30)
        self.idle_since: float | None = None
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.heartbeat, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    def _key(self, what: str) -> str:
        return f"libya_news:{self.frontier}:{self.crawler.spider.name}:{what}"

    def heartbeat(self, *args, **kwargs) -> None:
        self.r.set(self._key(f"worker:{id(self)}"), "1", ex=15)
        self.idle_since = None

    def spider_idle(self, spider) -> None:
        from scrapy.exceptions import DontCloseSpider

        self.r.delete(self._key(f"worker:{id(self)}"))  # idle: others need not wait for this worker
        queued = self.r.zcard(self._key("requests"))
        others = list(self.r.scan_iter(self._key("worker:*")))  # workers still busy, who may add work
        now = time.time()
        self.idle_since = self.idle_since or now
        if (queued or others) and now - self.idle_since < self.max_idle:
            # Look at the shared queue again in half a second, not at Scrapy's 5 s heartbeat: other
            # workers keep adding to it, and an idle worker should take its share at once.
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None:
                slot.nextcall.schedule(0.5)
            raise DontCloseSpider

    def spider_closed(self, spider) -> None:
        self.r.delete(self._key(f"worker:{id(self)}"))
