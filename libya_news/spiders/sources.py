"""The discovery routes an outlet declares, in the order the spider tries them.

Each is a tiny declaration; ``NewsSpider`` (base.py) does the fetching and falls through to the
next route when one answers 403/404/5xx, is not what it claims, or lists nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    kind: str = ""
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class WpJson(Source):
    """WordPress REST API: 100 posts a request with GMT dates, authors and terms."""

    kind: str = "wp_json"
    paths: tuple[str, ...] = ("/wp-json/wp/v2/posts",)


@dataclass(frozen=True)
class Sitemap(Source):
    """A sitemap or sitemap index (``/robots.txt`` reads its ``Sitemap:`` lines)."""

    kind: str = "sitemap"
    paths: tuple[str, ...] = ("/robots.txt",)


@dataclass(frozen=True)
class Feed(Source):
    """RSS or Atom. A feed holds only the newest items, so when it does not reach back to
    ``since`` the next route runs too."""

    kind: str = "feed"
    paths: tuple[str, ...] = ("/feed/",)


@dataclass(frozen=True)
class Listing(Source):
    """Category or archive pages, newest first, followed through their pagination."""

    kind: str = "listing"
    paths: tuple[str, ...] = ("/",)
    next_css: tuple[str, ...] = field(default=())


def wp_json() -> WpJson:
    return WpJson()


def sitemap(*paths: str) -> Sitemap:
    return Sitemap(paths=paths or ("/robots.txt",))


def feed(*paths: str) -> Feed:
    return Feed(paths=paths or ("/feed/",))


def listing(*paths: str, next_css: tuple[str, ...] = ()) -> Listing:
    return Listing(paths=paths or ("/",), next_css=next_css)
