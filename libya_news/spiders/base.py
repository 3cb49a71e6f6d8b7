"""NewsSpider: an outlet is a handful of class attributes; discovery and extraction live here.

Discovery tries the outlet's ``sources`` in order (WordPress REST API, sitemaps, feeds, listings);
a route that answers an error, is not what it claims or lists nothing falls through to the next,
with a log line and a ``discovery/<kind>/failed`` stat.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import unquote, urlencode, urljoin, urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap as SitemapDoc
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.python.failure import Failure

from ..extract.article import NotAnArticle, parse_article
from ..extract.boilerplate import Boilerplate
from ..extract.dates import TRIPOLI, parse_date
from ..extract.encoding import repair_encoding
from ..extract.feeds import feed_entries, is_feed
from ..extract.urls import canonical_url, registered_host, url_id
from ..extract.wpjson import article_from_wp_post
from ..items import Article
from ..state import StateStore, open_state
from .sources import Source

NEXT_PAGE_CSS = (
    "a[rel~=next]::attr(href)",
    "link[rel~=next]::attr(href)",
    "li.pager-next a::attr(href)",
    "a.next::attr(href)",
    ".pagination a.next::attr(href)",
)


def route_meta(response: Response) -> dict[str, Any]:
    """Only our own bookkeeping travels to the next page of a route (not download/render keys)."""
    return {k: response.meta[k] for k in ("source", "probe", "page") if k in response.meta}


def _day(value: str | date | None, end: bool = False) -> datetime | None:
    """`-a since=2026-11-01` -> the start (or, for `until`, the end) of that day in Tripoli."""
    if not value:
        return None
    d = value if isinstance(value, date) else date.fromisoformat(str(value))
    start = datetime(d.year, d.month, d.day, tzinfo=TRIPOLI)
    return start + timedelta(days=1) - timedelta(microseconds=1) if end else start


class NewsSpider(scrapy.Spider):
    # What an outlet declares (see spiders/<outlet>.py):
    outlet_name: ClassVar[str] = ""  # as the outlet writes it (Arabic for Arabic outlets)
    outlet_name_en: ClassVar[str] = ""
    base_url: ClassVar[str] = ""
    language: ClassVar[str | None] = None
    languages: ClassVar[tuple[str, ...]] = ()  # when the outlet publishes in several
    cms: ClassVar[str] = ""
    sources: ClassVar[tuple[Source, ...]] = ()
    article_url: ClassVar[str | None] = None  # regex on the decoded URL path
    exclude_url: ClassVar[str | None] = None
    title_css = body_css = date_css = modified_css = author_css = None
    section_css = tags_css = summary_css = image_css = None
    site_names: ClassVar[tuple[str, ...]] = ()
    boilerplate: ClassVar[tuple[str, ...]] = ()  # whole paragraphs to drop (regexes)
    lead_boilerplate: ClassVar[tuple[str, ...]] = ()  # bylines glued to the first paragraph
    max_listing_pages: ClassVar[int] = 30
    enabled: ClassVar[bool] = True  # crawlall runs enabled outlets only
    render_js: ClassVar[bool] = False  # its pages need JavaScript: they go through Chromium
    aggregator: ClassVar[bool] = False  # re-posts other outlets: crawlall runs it after the others

    def __init__(
        self,
        *args: Any,
        since: str | None = None,
        until: str | None = None,
        max_articles: str | int | None = None,
        run_id: str | None = None,
        incremental: str | bool = True,
        wait_for: Any = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.since, self.until = _day(since), _day(until, end=True)
        # Where discovery may stop: the user's `since`, else the last run's high-water mark.
        self.discover_since = self.since
        self.incremental = str(incremental).lower() not in ("0", "false", "no")
        self.wait_for = wait_for  # an asyncio.Event crawlall sets when the non-aggregators are done
        self.max_articles = int(max_articles) if max_articles else None
        self.run_id = run_id or datetime.now(TRIPOLI).strftime("%Y%m%dT%H%M%S")
        self.boilerplate_rules = Boilerplate(self.boilerplate, self.lead_boilerplate)
        self._article_re = re.compile(self.article_url) if self.article_url else None
        self._exclude_re = re.compile(self.exclude_url) if self.exclude_url else None
        self._scheduled = 0
        self.recovering = False
        if not getattr(self, "allowed_domains", None) and self.base_url:
            self.allowed_domains = [registered_host(self.base_url)]

    # -- helpers ------------------------------------------------------------------------
    def inc(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"libya_news/{key}", n)

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    @property
    def state(self) -> StateStore:
        return open_state(self.crawler.settings)

    def already_emitted(self, url: str) -> bool:
        """Committed in an earlier run (or an earlier batch of this one): not worth a request."""
        if self.state.seen_committed(url_id(canonical_url(url))):
            self.inc("discovery/skipped_seen")
            return True
        return False

    def in_range(self, when: datetime | None) -> bool:
        if when is None:
            return True
        return not ((self.since and when < self.since) or (self.until and when > self.until))

    def is_article_url(self, url: str) -> bool:
        host = registered_host(url)
        domains = [d.removeprefix("www.") for d in getattr(self, "allowed_domains", []) or []]
        if domains and not any(host == d or host.endswith("." + d) for d in domains):
            self.inc("discovery/offsite_links")
            return False
        path = unquote(urlsplit(url).path)
        if self._exclude_re and self._exclude_re.search(path):
            return False
        return bool(self._article_re.search(path)) if self._article_re else True

    def article_request(self, url: str, via: str) -> scrapy.Request | None:
        if self.max_articles and self._scheduled >= self.max_articles:
            return None
        if self.already_emitted(url):
            return None
        self._scheduled += 1
        self.inc(f"discovery/{via}/article_links")
        return scrapy.Request(
            url, callback=self.parse_article_page, errback=self.article_failed, meta={"via": via}
        )

    def _articles(self, urls: Iterable[str], via: str) -> Iterator[scrapy.Request]:
        for url in urls:
            if self.is_article_url(url):
                request = self.article_request(url, via)
                if request:
                    yield request

    # -- discovery: fall through the sources ----------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        if self.wait_for is not None:
            self.logger.info("%s: an aggregator; waiting for the other outlets to finish first", self.name)
            await self.wait_for.wait()
        state = self.state
        mark = state.mark(self.name) if self.incremental and self.since is None else None
        # After an interrupted run, committed articles may have holes: do not trust "all seen".
        self.recovering = not state.last_run_complete(self.name)
        if self.recovering:
            self.logger.warning(
                "%s: the previous run did not finish; re-checking listings in full", self.name
            )
            self.inc("runs/recovering")
        state.start_run(self.name, self.run_id)
        if mark:
            overlap = timedelta(hours=self.crawler.settings.getfloat("INCREMENTAL_OVERLAP_HOURS", 48))
            self.discover_since = datetime.fromisoformat(mark) - overlap
            self.logger.info(
                "%s: incremental run from %s (last complete run reached %s)",
                self.name,
                self.discover_since.isoformat(timespec="minutes"),
                mark,
            )
        for request in self.start_source(0):
            yield request

    def start_source(self, index: int) -> Iterator[scrapy.Request]:
        if index >= len(self.sources):
            if index:
                self.logger.error("%s: every discovery route failed", self.name)
                self.inc("discovery/all_failed")
            return
        source = self.sources[index]
        self.inc(f"discovery/{source.kind}/tried")
        callback = getattr(self, f"parse_{source.kind}")
        for n, path in enumerate(source.paths):
            meta = {"source": index, "probe": n == 0, "page": 1}
            url = self.url(path)
            if source.kind == "wp_json":
                url = self.wp_json_url(url, 1)
            yield scrapy.Request(
                url, callback=callback, errback=self.source_failed, meta=meta, dont_filter=True
            )

    def fall_through(self, response_or_failure: Response | Failure, why: str) -> Iterator[scrapy.Request]:
        request = getattr(response_or_failure, "request", None)
        meta = request.meta if request is not None else {}
        index = meta.get("source", 0)
        kind = self.sources[index].kind if index < len(self.sources) else "?"
        url = request.url if request is not None else "?"
        if not meta.get("probe"):
            self.logger.warning("%s: %s page failed (%s): %s", self.name, kind, why, url)
            self.inc(f"discovery/{kind}/page_failed")
            return
        self.logger.warning(
            "%s: %s route failed (%s) at %s; falling through to the next route", self.name, kind, why, url
        )
        self.inc(f"discovery/{kind}/failed")
        yield from self.start_source(index + 1)

    def source_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        response = getattr(failure.value, "response", None)
        why = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        yield from self.fall_through(failure, why)

    # WordPress REST API
    def wp_json_url(self, endpoint: str, page: int) -> str:
        params = {"per_page": 100, "page": page, "_embed": 1, "orderby": "date", "order": "desc"}
        if self.discover_since:
            params["after"] = (
                self.discover_since.astimezone(TRIPOLI).replace(tzinfo=None, microsecond=0).isoformat()
            )
        if self.until:
            params["before"] = self.until.replace(tzinfo=None, microsecond=0).isoformat()
        return f"{endpoint.split('?')[0]}?{urlencode(params)}"

    def parse_wp_json(self, response: Response) -> Iterator[Any]:
        try:
            posts = json.loads(response.text)
            assert isinstance(posts, list)
        except (ValueError, AssertionError, AttributeError):
            yield from self.fall_through(response, "not a JSON list of posts")
            return
        if response.meta.get("page") == 1:
            if not posts:
                yield from self.fall_through(response, "no posts")
                return
            pages = int(response.headers.get("X-WP-TotalPages", b"1") or 1)
            for page in range(2, pages + 1):
                yield response.request.replace(
                    url=self.wp_json_url(response.url, page),
                    meta={**route_meta(response), "probe": False, "page": page},
                )
        for post in posts:
            if self.max_articles and self._scheduled >= self.max_articles:
                return
            if post.get("link") and self.already_emitted(post["link"]):
                continue
            self._scheduled += 1
            self.inc("discovery/wp_json/articles")
            try:
                yield article_from_wp_post(post, self)
            except Exception:  # one odd post never stops the others
                self.logger.exception("%s: bad post in %s", self.name, response.url)
                self.inc("articles/extract_error")

    # Sitemaps
    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if response.url.endswith("/robots.txt"):
            urls = list(sitemap_urls_from_robots(response.body, base_url=response.url))
            if not urls:
                yield from self.fall_through(response, "robots.txt names no sitemap")
            for url in urls:
                yield response.follow(
                    url, self.parse_sitemap, errback=self.source_failed, meta=route_meta(response)
                )
            return
        try:
            doc = SitemapDoc(response.body)
        except Exception:  # lxml raises several kinds on non-XML bodies
            doc = None
        if doc is None or doc.type not in ("sitemapindex", "urlset"):
            yield from self.fall_through(response, "not a sitemap")
            return
        entries = [e for e in doc if e.get("loc")]
        if not entries:
            yield from self.fall_through(response, "empty sitemap")
            return
        keep = []
        for entry in entries:
            lastmod = parse_date(entry.get("lastmod")) if entry.get("lastmod") else None
            # A sitemap's lastmod is the last change: only `since` can rule an entry out.
            if lastmod and self.discover_since and lastmod < self.discover_since:
                self.inc("discovery/sitemap/skipped_old")
                continue
            keep.append(entry["loc"])
        if doc.type == "sitemapindex":
            for url in keep:
                yield response.follow(
                    url,
                    self.parse_sitemap,
                    errback=self.source_failed,
                    meta={**route_meta(response), "probe": False},
                )
        else:
            yield from self._articles(keep, "sitemap")

    # Feeds
    def parse_feed(self, response: Response) -> Iterator[Any]:
        if not is_feed(response.body):
            yield from self.fall_through(response, "not RSS/Atom")
            return
        entries = feed_entries(response.body)
        if not entries:
            yield from self.fall_through(response, "empty feed")
            return
        since = self.discover_since
        fresh = [
            e.url
            for e in entries
            if self.in_range(e.published) and not (since and e.published and e.published < since)
        ]
        yield from self._articles(fresh, "feed")
        oldest = min((e.published for e in entries if e.published), default=None)
        if response.meta.get("probe") and (since is None or oldest is None or oldest > since):
            self.logger.info(
                "%s: the feed does not reach back to %s; the next route runs too",
                self.name,
                since.date() if since else "the first article",
            )
            self.inc("discovery/feed/window_short")
            yield from self.start_source(response.meta["source"] + 1)

    # Listings
    def parse_listing(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            yield from self.fall_through(response, "not HTML")
            return
        links = [response.urljoin(h) for h in response.css("a::attr(href)").getall()]
        articles = list(dict.fromkeys(u for u in links if self.is_article_url(u)))
        if not articles:
            yield from self.fall_through(response, "no article links")
            return
        requests = list(self._articles(articles, "listing"))
        yield from requests
        page = response.meta.get("page", 1)
        if not requests and self.discover_since and not self.recovering:
            # Newest first: a page with nothing new means the rest was seen in earlier runs.
            self.logger.info("%s: listing page %d has nothing new; not paging further", self.name, page)
            self.inc("discovery/listing/stopped_at_seen")
            return
        source = self.sources[response.meta["source"]]
        next_css = (*getattr(source, "next_css", ()), *NEXT_PAGE_CSS)
        next_url = next((u for css in next_css for u in response.css(css).getall()), None)
        if next_url and page >= self.max_listing_pages:
            self.logger.warning(
                "%s: listing still has pages after %d; stopping (max_listing_pages): %s",
                self.name,
                page,
                response.url,
            )
            self.inc("discovery/listing/max_pages")
        elif next_url:
            yield response.follow(
                next_url,
                self.parse_listing,
                errback=self.source_failed,
                meta={**route_meta(response), "probe": False, "page": page + 1},
            )

    # -- articles ----------------------------------------------------------------------------
    def config_for(self, url: str) -> Any:
        """Whose declarations extract this page: the outlet's own (the generic spider looks it up)."""
        return self

    def parse_article_page(self, response: Response) -> Iterator[Article]:
        if response.status >= 400:  # a rendered page that stayed blocked (rendering accepts 4xx to see it)
            self.logger.warning(
                "%s: article fetch failed (HTTP %d after rendering): %s",
                self.name,
                response.status,
                response.url,
            )
            self.inc(f"articles/fetch_failed/{response.status}")
            return
        response, repaired = repair_encoding(response)
        if repaired:
            self.logger.warning("%s: %s: %s", self.name, repaired, response.url)
            self.inc("articles/encoding_repaired")
        try:
            article = parse_article(response, self.config_for(response.url))
        except NotAnArticle as e:
            self.logger.info("%s: not an article (%s): %s", self.name, e.reason, response.url)
            self.inc(f"articles/skipped/{e.reason}")
            return
        except Exception:  # malformed pages must never stop the crawl
            self.logger.exception("%s: extraction failed: %s", self.name, response.url)
            self.inc("articles/extract_error")
            return
        self.inc(f"articles/via/{response.meta.get('via', 'direct')}")
        yield article

    def article_failed(self, failure: Failure) -> None:
        response = getattr(failure.value, "response", None)
        request = getattr(failure, "request", None)
        blocked = request.meta.get("render_escalated") if request is not None else None
        if response is not None:
            why, key = f"HTTP {response.status}", str(response.status)
        elif blocked:  # the browser could not get past it either
            why, key = f"HTTP {blocked}, in the browser too", str(blocked)
        else:
            why = key = type(failure.value).__name__
        detail = "" if response is not None or blocked else f" ({failure.getErrorMessage()[:200]})"
        url = request.url if request is not None else "?"
        self.logger.warning("%s: article fetch failed (%s): %s%s", self.name, why, url, detail)
        self.inc(f"articles/fetch_failed/{key}")
