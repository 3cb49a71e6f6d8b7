"""Any news site with no configuration.

    scrapy crawl generic -a url=https://example.ly/            # a homepage, feed or sitemap
    scrapy crawl generic -a article_urls=urls.txt              # exactly these pages, no discovery

From a homepage it finds the routes the site offers, in the usual order: the WordPress REST API
(``/wp-json/``), sitemaps named in robots.txt, feeds from ``<link rel=alternate>`` (or ``/feed/``),
then the homepage's links that look like articles.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from ..extract.feeds import is_feed
from ..extract.urls import registered_host
from .base import NewsSpider
from .sources import Feed, Listing, Sitemap, WpJson

NOT_ARTICLE = re.compile(
    r"/(tag|tags|category|categories|author|page|feed|search|wp-content|wp-json|wp-admin|"
    r"section|archive|archives/date|login|about|contact|privacy|video|videos|live)(/|$)|"
    r"\.(jpg|jpeg|png|gif|webp|pdf|mp4|mp3|xml|css|js|zip)$",
    re.IGNORECASE,
)
LOOKS_LIKE_ARTICLE = re.compile(r"/\d{4}/\d{1,2}/|\d{4,}|[^/]+-[^/]+-[^/]+")


class GenericSpider(NewsSpider):
    name = "generic"
    outlet_name_en = "Any news site (zero configuration)"
    cms = "any"
    enabled = False

    def __init__(
        self,
        url: str | None = None,
        article_urls: str | None = None,
        language: str | None = None,
        render_js: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        if not url and not article_urls:
            raise ValueError("give -a url=<homepage, feed or sitemap> or -a article_urls=<file>")
        self.start_url = url
        self.article_urls_file = article_urls
        self.language = language
        self.render_js = str(render_js or "").lower() in ("1", "true", "yes")
        self._known: dict[str, NewsSpider] | None = None
        if url:
            parts = urlsplit(url)
            self.base_url = f"{parts.scheme}://{parts.netloc}"
            self.allowed_domains = [registered_host(url)]
        else:
            self.allowed_domains = []

    def config_for(self, url: str) -> Any:
        """A page of an outlet we know is extracted with that outlet's declarations."""
        if self._known is None:
            from scrapy.spiderloader import get_spider_loader

            loader = get_spider_loader(self.crawler.settings)
            self._known = {}
            for name in loader.list():
                cls = loader.load(name)
                if cls is not type(self) and getattr(cls, "base_url", ""):
                    self._known[registered_host(cls.base_url)] = cls()
        return self._known.get(registered_host(url), self)

    def is_article_url(self, url: str) -> bool:
        if not super().is_article_url(url):
            return False
        path = unquote(urlsplit(url).path)
        return (
            bool(path.strip("/")) and not NOT_ARTICLE.search(path) and bool(LOOKS_LIKE_ARTICLE.search(path))
        )

    async def start(self) -> AsyncIterator[Any]:
        if self.article_urls_file:
            for line in Path(self.article_urls_file).read_text("utf-8").splitlines():
                url = line.strip()
                if url and not url.startswith("#"):
                    self._scheduled += 1
                    yield scrapy.Request(
                        url,
                        callback=self.parse_article_page,
                        errback=self.article_failed,
                        meta={"via": "article_urls"},
                    )
            return
        yield scrapy.Request(
            self.start_url, callback=self.parse_entry, dont_filter=True, errback=self.entry_failed
        )

    def entry_failed(self, failure) -> None:
        self.logger.error("generic: cannot fetch %s: %s", self.start_url, failure.getErrorMessage())
        self.inc("discovery/entry_failed")

    def parse_entry(self, response: Response) -> Iterator[Any]:
        """Work out the site's routes from what the given URL turned out to be."""
        body = response.body
        if is_feed(body):
            self.sources = (Feed(paths=(response.url,)), Listing(paths=(self.base_url + "/",)))
        elif b"<urlset" in body[:2048] or b"<sitemapindex" in body[:2048]:
            self.sources = (Sitemap(paths=(response.url,)),)
        else:
            feeds: list[str] = []
            if isinstance(response, TextResponse):
                feeds = [
                    response.urljoin(h)
                    for h in response.css(
                        'link[rel=alternate][type*="rss"]::attr(href), '
                        'link[rel=alternate][type*="atom"]::attr(href)'
                    ).getall()
                    if "comments" not in h
                ]
            self.sources = (
                WpJson(paths=(self.base_url + "/wp-json/wp/v2/posts",)),
                Sitemap(paths=(self.base_url + "/robots.txt",)),
                Feed(paths=tuple(feeds[:1]) or (self.base_url + "/feed/",)),
                Listing(paths=(response.url,)),
            )
        self.logger.info("generic: routes for %s: %s", response.url, ", ".join(s.kind for s in self.sources))
        yield from self.start_source(0)
