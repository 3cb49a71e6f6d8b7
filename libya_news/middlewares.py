"""Downloader middlewares for servers that misbehave: Retry-After, redirect loops, odd failures."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | None) -> float | None:
    """`Retry-After: 120` or `Retry-After: <HTTP date>` -> seconds to wait."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, (parsedate_to_datetime(text) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting as long as a 429/503's Retry-After asks (up to RETRY_AFTER_MAX)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 120)
        self.stats = None

    @classmethod
    def from_crawler(cls, crawler):
        mw = super().from_crawler(crawler)
        mw.stats = crawler.stats
        return mw

    async def process_response(self, request: Request, response: Response, spider=None):
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if response.status not in (429, 503) or wait is None or request.meta.get("dont_retry"):
            return super().process_response(request, response)
        if wait > self.max_wait:
            logger.warning(
                "%s asks to wait %.0fs (more than RETRY_AFTER_MAX=%.0fs); not retrying",
                request.url,
                wait,
                self.max_wait,
            )
            self.stats.inc_value("libya_news/retry_after/too_long")
            return response
        retry = self._retry(request, f"{response.status} with Retry-After {wait:.0f}s")
        if retry is None:
            return response
        logger.info("%s answered %d; retrying after %.1fs as asked", request.url, response.status, wait)
        self.stats.inc_value("libya_news/retry_after/honoured")
        await asyncio.sleep(wait)
        return retry


class RedirectLoopMiddleware:
    """Stop a redirect that returns to a URL of its own chain, with a clear log line and a stat
    (Scrapy would otherwise drop it silently as a duplicate request)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response, spider=None):
        location = response.headers.get("Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(request.url, location.decode("latin-1"))
            chain = [*request.meta.get("redirect_urls", []), request.url]
            if target in chain:
                logger.warning("redirect loop: %s -> %s (chain %s)", request.url, target, " -> ".join(chain))
                self.stats.inc_value("libya_news/errors/redirect_loop")
                raise IgnoreRequest(f"redirect loop at {request.url}")
        return response
