"""The URL routes each CMS kind serves, as the real software lays them out.

WordPress (core REST API, core or Yoast sitemaps, ``/feed/``, ``/category/<slug>/page/N/``),
Drupal 7 (``/rss.xml``, ``/node/N``, ``/archive/YYYYMM?page=N``, 0-based pager) and the Chitoi CMS
of Al Wasat (``/section/<slug>?ls-art0=<offset>``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from typing import Any
from urllib.parse import parse_qs, quote, unquote

from .site import Response, Site, path_key

Route = Callable[[Site, str, dict[str, list[str]]], Response | None]


def _int(query: dict[str, list[str]], name: str, default: int) -> int:
    try:
        return int(query.get(name, [default])[0])
    except ValueError:
        return default


def rss(site: Site, items: list[dict[str, Any]], footer: bool = True) -> Response:
    """RSS 2.0 as WordPress and Drupal emit it (10 newest by default)."""
    name = escape(site.display_name)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f"<channel><title>{name}</title><link>{site.base_url}/</link>"
        f"<language>{site.config.get('language', 'ar')}</language>",
    ]
    for a in items:
        desc = a.get("summary") or ""
        if footer:
            desc += f" The post {a['title']} appeared first on {site.display_name}."
        cats = "".join(f"<category><![CDATA[{t}]]></category>" for t in a["tags"])
        creator = "".join(f"<dc:creator><![CDATA[{n}]]></dc:creator>" for n in a["authors"])
        out.append(
            f"<item><title>{escape(a['title'])}</title><link>{escape(a['url'])}</link>"
            f'<guid isPermaLink="false">{site.base_url}/?p={a.get("id")}</guid>'
            f"<pubDate>{format_datetime(a['published'].astimezone(UTC))}</pubDate>"
            f"{creator}{cats}<description><![CDATA[{desc}]]></description></item>"
        )
    out.append("</channel></rss>")
    return Response(200, "\n".join(out).encode(), {"Content-Type": "application/rss+xml; charset=UTF-8"})


def sitemap_index(site: Site, children: list[str]) -> Response:
    body = "".join(f"<sitemap><loc>{site.url(c)}</loc></sitemap>" for c in children)
    return _xml(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>')


def urlset(site: Site, items: list[dict[str, Any]]) -> Response:
    rows = []
    for a in items:
        stamp = a["modified"] or a["published"]
        lastmod = f"<lastmod>{stamp.isoformat()}</lastmod>" if stamp else ""
        rows.append(f"<url><loc>{escape(a['url'])}</loc>{lastmod}</url>")
    return _xml(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(rows)}</urlset>')


def _xml(text: str) -> Response:
    return Response(
        200,
        ('<?xml version="1.0" encoding="UTF-8"?>' + text).encode(),
        {"Content-Type": "application/xml; charset=UTF-8"},
    )


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        status,
        json.dumps(data, ensure_ascii=False).encode(),
        {"Content-Type": "application/json; charset=UTF-8", **(headers or {})},
    )


def robots(site: Site, sitemaps: list[str], disallow: list[str]) -> Response:
    lines = ["User-agent: *", *(f"Disallow: {d}" for d in disallow), ""]
    lines += [f"Sitemap: {site.url(s)}" for s in sitemaps]
    return Response(200, "\n".join(lines).encode() + b"\n", {"Content-Type": "text/plain"})


# WordPress ---------------------------------------------------------------------------------


def _wp_post(site: Site, a: dict[str, Any], embed: bool) -> dict[str, Any]:
    pub, mod = a["published"], a["modified"] or a["published"]
    utc = UTC
    post = {
        "id": a["id"],
        "date": pub.replace(tzinfo=None).isoformat(),
        "date_gmt": pub.astimezone(utc).replace(tzinfo=None).isoformat(),
        "modified": mod.replace(tzinfo=None).isoformat(),
        "modified_gmt": mod.astimezone(utc).replace(tzinfo=None).isoformat(),
        "link": a["url"],
        "type": "post",
        "title": {"rendered": escape(a["title"], quote=False)},
        "excerpt": {"rendered": f"<p>{escape(a.get('summary') or '', quote=False)}</p>\n"},
        "content": {"rendered": a["body_html"]},
        "author": 1,
        "categories": [1],
        "tags": list(range(2, 2 + len(a["tags"]))),
    }
    if embed:
        terms = [
            [{"taxonomy": "category", "name": a["section_name"]}] if a["section_name"] else [],
            [{"taxonomy": "post_tag", "name": t} for t in a["tags"]],
        ]
        post["_embedded"] = {
            "author": [{"name": n} for n in a["authors"]],
            "wp:term": terms,
            "wp:featuredmedia": [{"source_url": a["image_url"]}] if a["image_url"] else [],
        }
    return post


def wp_posts(site: Site, query: dict[str, list[str]]) -> Response:
    per_page, page = _int(query, "per_page", 10), _int(query, "page", 1)
    if not 1 <= per_page <= 100:
        return _json({"code": "rest_invalid_param", "data": {"status": 400}}, 400)
    items = site.dated
    # `after`/`before` compare with the local publish date, as WordPress does.
    for name, keep in (("after", lambda d, b: d > b), ("before", lambda d, b: d < b)):
        if name in query:
            bound = datetime.fromisoformat(query[name][0].replace("Z", ""))
            items = [
                a for a in items if keep(a["published"].replace(tzinfo=None), bound.replace(tzinfo=None))
            ]
    total = len(items)
    pages = max(1, -(-total // per_page))
    if page > pages:
        return _json(
            {
                "code": "rest_post_invalid_page_number",
                "message": "The page number requested is larger than the number of pages available.",
                "data": {"status": 400},
            },
            400,
        )
    chunk = items[(page - 1) * per_page : page * per_page]
    return _json(
        [_wp_post(site, a, "_embed" in query) for a in chunk],
        200,
        {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)},
    )


_PAGED = re.compile(r"^(?P<base>.*?)(?:/page/(?P<n>\d+))?/?$")


def wordpress(site: Site, path: str, query: dict[str, list[str]]) -> Response | None:
    f = site.features
    key = path_key(path)
    sitemap = {"core": "/wp-sitemap.xml", "yoast": "/sitemap_index.xml"}.get(f.get("sitemap") or "")
    if key == "/robots.txt":
        return robots(site, [sitemap] if sitemap else [], ["/wp-admin/"])
    if path == "/" and "p" in query:
        a = site.by_id.get(_int(query, "p", -1))
        return Response.redirect(a["url"]) if a else Response.not_found()
    if key.startswith("/wp-json"):
        api = f.get("wp_json", False)
        if api is not True:
            status = api if isinstance(api, int) and not isinstance(api, bool) else 404
            return _json(
                {"code": "rest_forbidden" if status == 403 else "rest_no_route", "data": {"status": status}},
                status,
            )
        if key == "/wp-json":
            return _json({"name": site.config.get("name"), "namespaces": ["wp/v2"]})
        if key == "/wp-json/wp/v2/posts":
            return wp_posts(site, query)
        return _json({"code": "rest_no_route", "data": {"status": 404}}, 404)
    if key in ("/feed", "/rss") and f.get("feed", True):
        return rss(site, site.dated[:10])
    if sitemap == "/wp-sitemap.xml":
        if key == "/wp-sitemap.xml":
            return sitemap_index(site, ["/wp-sitemap-posts-post-1.xml"])
        if key == "/wp-sitemap-posts-post-1.xml":
            return urlset(site, site.articles)
    if sitemap == "/sitemap_index.xml":
        if key == "/sitemap_index.xml":
            return sitemap_index(site, ["/post-sitemap.xml"])
        if key == "/post-sitemap.xml":
            return urlset(site, site.articles)
    m = _PAGED.match(unquote(path))
    base, page = m["base"], int(m["n"] or 1)
    per_page = int(f.get("per_page", 10))
    if base in ("", "/"):
        return site.listing(
            site.config.get("name", ""),
            site.articles,
            page,
            per_page,
            lambda n: f"/page/{n}/" if n > 1 else "/",
        )
    for kind in ("category", "tag"):
        prefix = f"/{kind}/"
        if base.lower().startswith(prefix):
            slug = base[len(prefix) :].strip("/").split("/")[-1]
            items = _by_term(site, kind, slug)
            if not items and page == 1:
                return None
            enc = quote(base.rstrip("/"))
            return site.listing(
                slug,
                items,
                page,
                per_page,
                lambda n, enc=enc: f"{enc}/page/{n}/" if n > 1 else f"{enc}/",
                kind=kind,
            )
    return None


def _by_term(site: Site, kind: str, slug: str) -> list[dict[str, Any]]:
    slug = slug.lower()
    if kind == "category":
        names = {
            k.lower()
            for k, s in site.sections.items()
            if k.lower() == slug or (s.get("path") or "").rstrip("/").lower().endswith("/" + slug)
        }
        return [a for a in site.articles if (a.get("section") or "").lower() in names]
    return [a for a in site.articles if slug in {t.lower().replace(" ", "-") for t in a["tags"]}]


# Drupal 7 ----------------------------------------------------------------------------------


def drupal7(site: Site, path: str, query: dict[str, list[str]]) -> Response | None:
    key = path_key(path)
    page0 = _int(query, "page", 0)  # Drupal's pager counts from 0
    if key == "/robots.txt":
        return robots(site, [], ["/admin/", "/user/", "/search/", "/node/add/"])
    if key == "/rss.xml" and site.features.get("feed", True):
        return rss(site, site.dated[:10], footer=False)
    if key.startswith("/node/"):
        a = site.by_id.get(int(key.rsplit("/", 1)[-1])) if key.rsplit("/", 1)[-1].isdigit() else None
        return Response.redirect(a["url"]) if a else Response.not_found()
    per_page = int(site.features.get("per_page", 10))

    def pager(items: list[dict], title: str, base: str) -> Response:
        return site.listing(
            title, items, page0 + 1, per_page, lambda n: f"{base}?page={n - 1}" if n > 1 else base
        )

    if key == "/":
        return pager(site.articles, site.config.get("name", ""), "/")
    m = re.fullmatch(r"/archive/(\d{4})(\d{2})", key)
    if m:
        ym = (int(m[1]), int(m[2]))
        items = [
            a for a in site.articles if a["published"] and (a["published"].year, a["published"].month) == ym
        ]
        return pager(items, f"Archive {m[1]}-{m[2]}", f"/archive/{m[1]}{m[2]}")
    for slug, section in site.sections.items():
        if key == path_key(section.get("path", "")):
            return pager(
                [a for a in site.articles if a.get("section") == slug], section["name"], section["path"]
            )
    return None


# Chitoi CMS (Al Wasat) ---------------------------------------------------------------------


def chitoi(site: Site, path: str, query: dict[str, list[str]]) -> Response | None:
    key = path_key(path)
    step = int(site.features.get("per_page", 13))
    offset = _int(query, "ls-art0", 0)
    if key == "/robots.txt":
        return robots(site, [], ["/admin/"])
    if key in ("/rss", "/feed") and site.features.get("feed", False):
        return rss(site, site.dated[:10], footer=False)
    m = re.fullmatch(r"/section/([\w-]+)", key)
    if key == "/" or m:
        slug = m[1] if m else "all"
        items = site.articles if slug == "all" else [a for a in site.articles if a.get("section") == slug]
        if not items:
            return None
        base = f"/section/{slug}"
        return site.listing(
            site.sections.get(slug, {}).get("name", slug),
            items,
            offset // step + 1,
            step,
            lambda n: f"{base}?ls-art0={(n - 1) * step}" if n > 1 else base,
        )
    return None


# Custom PHP (LANA, lana.gov.ly) -----------------------------------------------------------


def custom_php(site: Site, path: str, query: dict[str, list[str]]) -> Response | None:
    """`post.php?lang=ar&id=N` articles and `category.php?id=C&lang=ar&page=N` listings (1-based);
    an article's `lang` and its `section` (the category id) come from articles.json."""
    key = path_key(path)
    lang = query.get("lang", [site.config.get("language", "ar")])[0]
    per_page = int(site.features.get("per_page", 10))
    if key == "/robots.txt":
        return robots(site, [], ["/admin/", "/search.php"])
    if key == "/post.php":
        a = site.by_id.get(_int(query, "id", -1))
        if a is None or a.get("lang", lang) != lang:
            return Response.not_found()
        return site.article_page(a)
    in_lang = [a for a in site.articles if a.get("lang", lang) == lang]
    if key in ("/", "/index.php"):
        return site.listing(
            site.display_name, in_lang, 1, per_page, lambda n: f"/?lang={lang}" if n == 1 else None
        )
    if key == "/category.php":
        cat = query.get("id", [""])[0]
        items = [a for a in in_lang if str(a.get("section")) == cat]
        if not items:
            return None
        base = f"/category.php?id={cat}&lang={lang}"
        return site.listing(
            site.sections.get(cat, {}).get("name", cat),
            items,
            _int(query, "page", 1),
            per_page,
            lambda n: f"{base}&page={n}",
        )
    return None


KINDS: dict[str, Route] = {
    "wordpress": wordpress,
    "drupal7": drupal7,
    "chitoi": chitoi,
    "custom_php": custom_php,
}


def handle(site: Site, path: str, raw_query: str) -> Response:
    """Static override, then the CMS's routes, then the article itself, else 404."""
    query = parse_qs(raw_query, keep_blank_values=True)
    return (
        site.static(path)
        or KINDS[site.config["kind"]](site, path, query)
        or (site.article_page(site.by_path[path_key(path)]) if path_key(path) in site.by_path else None)
        or Response.not_found()
    )
