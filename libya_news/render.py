"""JavaScript rendering with scrapy-playwright on the system Chromium, only where it is needed.

An outlet declares ``render_js = True`` (its HTML pages go through the browser), or a plain fetch
that meets a 403/429/503 or a challenge page is retried once in the browser (``RenderMiddleware``).
The browser starts on the first rendered request, so crawls that never render never pay for it.
Images, fonts, media and third-party hosts are blocked; with ``REPLICA_URL`` the browser's requests
to outlet hosts are answered by the replica server, exactly as the plain downloader's are.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from .extract.urls import registered_host
from .replica.handler import LOOPBACK, ReplicaDownloadHandler

logger = logging.getLogger(__name__)

BLOCKED_RESOURCES = {"image", "font", "media"}
CHALLENGE = re.compile(
    rb"cf-challenge|challenge-platform|Just a moment\.\.\.|Checking your browser|"
    rb"enable JavaScript and cookies|__cf_chl|ddos-guard",
    re.IGNORECASE,
)
RENDERED_CALLBACKS = {"parse_article_page", "parse_listing", "parse_entry"}


def chromium_path(settings: Any) -> str:
    return os.environ.get("PLAYWRIGHT_CHROMIUM") or settings.get("PLAYWRIGHT_LAUNCH_OPTIONS", {}).get(
        "executable_path", "/usr/bin/chromium"
    )


def looks_like_challenge(response: Response) -> bool:
    """Bot protection: a 403, or a challenge page (Cloudflare answers its JS challenge with 503 or 429)."""
    challenge = len(response.body) < 50000 and bool(CHALLENGE.search(response.body))
    return response.status == 403 or (response.status in (200, 429, 503) and challenge)


class BrowserHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler, started on demand by DownloadHandler."""


class DownloadHandler(ReplicaDownloadHandler):
    """http/https: plain requests as ReplicaDownloadHandler; `meta["playwright"]` ones in Chromium."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.crawler = crawler
        self._browser: BrowserHandler | None = None
        self._browser_lock = asyncio.Lock()
        self._unavailable: str | None = None

    async def download_request(self, request: Request) -> Response:
        if request.meta.get("playwright"):
            browser = await self.browser()
            return await browser.download_request(request)
        return await super().download_request(request)

    async def browser(self) -> BrowserHandler:
        async with self._browser_lock:
            if self._unavailable:
                raise IgnoreRequest(self._unavailable)
            if self._browser is None:
                path = chromium_path(self.crawler.settings)
                if not os.access(path, os.X_OK):
                    self._unavailable = (
                        f"rendering needs Chromium at {path}: install it (apt-get install chromium)"
                        " or set PLAYWRIGHT_CHROMIUM to its path"
                    )
                    logger.error(self._unavailable)
                    self.crawler.stats.inc_value("libya_news/render/unavailable")
                    raise IgnoreRequest(self._unavailable)
                logger.info("starting Chromium (%s) for pages that need JavaScript", path)
                handler = BrowserHandler(self.crawler)
                await handler._maybe_launch_in_thread()
                self._browser = handler
        return self._browser

    async def close(self) -> None:
        await super().close()
        if self._browser is not None:
            await self._browser.close()


class RenderMiddleware:
    """Send a request to the browser when its outlet renders with JavaScript, or once after a plain
    fetch met a block or challenge (403/429/503, "Just a moment..."); count both."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.replica = (crawler.settings.get("REPLICA_URL") or "").rstrip("/")
        self.user_agent = crawler.settings.get("USER_AGENT")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _rendered(self, request: Request) -> Request:
        request.meta.update(
            playwright=True,
            playwright_page_init_callback=self.init_page,
            playwright_page_goto_kwargs={"wait_until": "load"},
            playwright_page_methods=[_wait_for_quiet()],
            # a challenge answers 403 first; what counts is the page after its script ran
            handle_httpstatus_list=[403, 429, 503],
        )
        return request

    def process_request(self, request: Request, spider=None):
        spider = self.crawler.spider
        callback = getattr(request.callback, "__name__", "")
        if (
            getattr(spider, "render_js", False)
            and not request.meta.get("playwright")
            and callback in RENDERED_CALLBACKS
        ):
            self.stats.inc_value("libya_news/render/declared")
            self._rendered(request)
        return None

    def process_response(self, request: Request, response: Response, spider=None):
        if request.meta.get("playwright"):
            self.stats.inc_value("libya_news/render/pages")
            if looks_like_challenge(response) and CHALLENGE.search(response.body):
                self.stats.inc_value("libya_news/render/challenge_unsolved")
                logger.warning("the browser could not get past the challenge at %s", request.url)
            return response
        callback = getattr(request.callback, "__name__", "")
        if (
            looks_like_challenge(response)
            and callback in RENDERED_CALLBACKS
            and not request.meta.get("render_escalated")
        ):
            logger.info(
                "%s answered %d%s; retrying once in the browser",
                request.url,
                response.status,
                " (challenge page)" if CHALLENGE.search(response.body) else "",
            )
            self.stats.inc_value("libya_news/render/escalated")
            retry = request.replace(dont_filter=True)
            retry.meta["render_escalated"] = response.status  # what the plain fetch got, for the errback
            return self._rendered(retry)
        return response

    async def init_page(self, page, request: Request) -> None:
        """Block what an article does not need; answer outlet hosts from the replica when set."""
        spider = self.crawler.spider
        domains = [d.removeprefix("www.") for d in getattr(spider, "allowed_domains", []) or []]

        async def route(route, pw_request) -> None:
            url = pw_request.url
            host = registered_host(url)
            if pw_request.resource_type in BLOCKED_RESOURCES:
                self.stats.inc_value("libya_news/render/blocked/resource")
                await route.abort()
                return
            if domains and host and not any(host == d or host.endswith("." + d) for d in domains):
                self.stats.inc_value("libya_news/render/blocked/third_party")
                await route.abort()
                return
            if self.replica and (urlsplit(url).hostname or "") not in LOOPBACK:
                await self._from_replica(route, pw_request)
                return
            await route.fallback()

        await page.route("**/*", route)

    async def _from_replica(self, route, pw_request) -> None:
        import aiohttp

        parts = urlsplit(pw_request.url)
        local = self.replica + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {k: v for k, v in (await pw_request.all_headers()).items() if not k.startswith(":")}
        headers.update({"host": parts.netloc, "user-agent": self.user_agent})
        async with (
            aiohttp.ClientSession() as session,
            session.request(
                pw_request.method,
                local,
                headers=headers,
                data=pw_request.post_data_buffer,
                allow_redirects=False,
            ) as resp,
        ):
            body = await resp.read()
            out_headers = {
                k: v
                for k, v in resp.headers.items()
                if k.lower() not in ("content-length", "transfer-encoding")
            }
            await route.fulfill(status=resp.status, headers=out_headers, body=body)


def _wait_for_quiet():
    from scrapy_playwright.page import PageMethod

    # Scripts that fill the page, and challenge pages that reload themselves, are done when the
    # network has been quiet for a moment.
    return PageMethod("wait_for_load_state", "networkidle")
